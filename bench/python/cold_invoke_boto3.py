"""The reference point of bench/run-lambda-cold: a Python boto3 function doing the detector's I/O.

Run in a fresh interpreter, like LocalInvoke in a fresh JVM: python3 cold_invoke_boto3.py EVENT.json
(same environment: AWS_ENDPOINT_URL, AWS_REGION, keys, ROOTWATCH_TABLE_NAME, ROOTWATCH_TOPIC_ARN).

It makes the calls rootwatch makes for a root sign-in that opens a session in a fresh execution
environment (as of commit 6eb4345: keep in step with the "SDK calls of one cold invocation" of the
results), in the same order and of about the same size: Query of the account's break-glass windows,
conditional UpdateItem of the session pointer (ALL_OLD on a failed condition), conditional PutItem of
the audit record, conditional UpdateItem of the account's last sign-in, Publish with a per-protocol
JSON message and six attributes, UpdateItem marking the alert sent. Its classification is minimal
(identity type and event name). It is not a port of rootwatch: no task catalog, no rendering
templates, no partial-record checks. It tells how much of a cold start is the language runtime and
its SDK.
"""
import hashlib
import json
import os
import sys
import time

import boto3
from botocore.exceptions import ClientError


def main(path):
    with open(path) as f:
        envelope = json.load(f)
    record = envelope["detail"]
    table = os.environ["ROOTWATCH_TABLE_NAME"]
    topic = os.environ["ROOTWATCH_TOPIC_ARN"]
    dynamo = boto3.client("dynamodb")
    sns = boto3.client("sns")

    identity = record.get("userIdentity", {})
    if identity.get("type") != "Root" or record.get("eventName") != "ConsoleLogin":
        return 1
    event_id = record["eventID"]
    account = record.get("recipientAccountId") or envelope.get("account", "unknown")
    event_time = record["eventTime"]
    ip = record.get("sourceIPAddress", "")
    agent = hashlib.sha256(record.get("userAgent", "").encode()).hexdigest()[:24]
    now_ms = int(time.time() * 1000)
    event_key = {"pk": {"S": "EVENT#" + event_id}, "sk": {"S": "EVENT"}}

    # 1. break-glass windows of the account (read once per 30 s per environment: always, when cold)
    dynamo.query(TableName=table, KeyConditionExpression="#pk = :pk AND #sk >= :from", ConsistentRead=True,
                 ExpressionAttributeNames={"#pk": "pk", "#sk": "sk"},
                 ExpressionAttributeValues={":pk": {"S": "BREAKGLASS#" + account}, ":from": {"S": event_time}})
    # 2. the session pointer of this source: opened by this event unless a live session holds it
    pointer = {"pk": {"S": "SESSION#SOURCE#" + account + "#" + ip + "#" + agent}, "sk": {"S": "POINTER"}}
    try:
        dynamo.update_item(TableName=table, Key=pointer,
                           UpdateExpression="SET sessionId = :session, lastSeen = :seen, #expires = :expires",
                           ConditionExpression="attribute_not_exists(sessionId) OR lastSeen < :notBefore",
                           ReturnValuesOnConditionCheckFailure="ALL_OLD",
                           ExpressionAttributeNames={"#expires": "expiresAt"},
                           ExpressionAttributeValues={":session": {"S": event_id}, ":seen": {"N": str(now_ms)},
                                                      ":notBefore": {"N": str(now_ms - 1_800_000)},
                                                      ":expires": {"N": str(now_ms // 1000 + 172_800)}})
    except ClientError as e:
        if e.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
    # 3. the audit record, claimed for this delivery (a duplicate fails the condition)
    summary = "Root console sign-in without MFA in account " + account + " from " + ip
    document = json.dumps({"eventId": event_id, "category": "ROOT_SIGN_IN", "severity": "CRITICAL", "account": account,
                           "sourceIPAddress": ip, "eventTime": event_time, "summary": summary})
    item = dict(event_key)
    item.update({"eventId": {"S": event_id}, "eventTime": {"S": event_time}, "timeKey": {"S": event_time + "#" + event_id},
                 "day": {"S": event_time[:10]}, "accountId": {"S": account}, "category": {"S": "ROOT_SIGN_IN"},
                 "severity": {"S": "CRITICAL"}, "record": {"S": json.dumps(record)}, "alertState": {"S": "SENDING"},
                 "alertLeaseUntil": {"N": str(now_ms + 120_000)}, "alertSubject": {"S": summary[:100]},
                 "alertMessage": {"S": document}})
    try:
        dynamo.put_item(TableName=table, Item=item, ConditionExpression="attribute_not_exists(#pk)",
                        ExpressionAttributeNames={"#pk": "pk"})
    except ClientError as e:
        if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return 0
        raise
    # 4. the account's last sign-in
    try:
        dynamo.update_item(TableName=table, Key={"pk": {"S": "LASTSIGNIN"}, "sk": {"S": account}},
                           UpdateExpression="SET eventTime = :time, eventId = :id, sourceIPAddress = :ip, mfaUsed = :mfa",
                           ConditionExpression="attribute_not_exists(eventTime) OR eventTime < :time",
                           ExpressionAttributeValues={":time": {"S": event_time}, ":id": {"S": event_id},
                                                      ":ip": {"S": ip}, ":mfa": {"S": "no"}})
    except ClientError as e:
        if e.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
    # 5. the alert
    message = json.dumps({"default": summary, "email": summary + "\n\n" + document, "email-json": document,
                          "sqs": document, "lambda": document, "https": json.dumps({"text": summary})})
    attributes = {name: {"DataType": "String", "StringValue": value} for name, value in {
        "severity": "CRITICAL", "category": "ROOT_SIGN_IN", "accountId": account, "region": record.get("awsRegion", ""),
        "task": "none", "expected": "false"}.items()}
    message_id = sns.publish(TopicArn=topic, Subject=summary[:100], Message=message, MessageStructure="json",
                             MessageAttributes=attributes)["MessageId"]
    # 6. marked sent
    dynamo.update_item(TableName=table, Key=event_key,
                       UpdateExpression="SET #s = :sent, alertMessageId = :id, alertedAt = :now REMOVE #l",
                       ExpressionAttributeNames={"#s": "alertState", "#l": "alertLeaseUntil"},
                       ExpressionAttributeValues={":sent": {"S": "SENT"}, ":id": {"S": message_id},
                                                  ":now": {"S": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}})
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: cold_invoke_boto3.py EVENT.json", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
