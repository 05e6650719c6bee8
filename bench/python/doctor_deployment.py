"""A working rootwatch deployment on moto_server for bench/run-doctor: the central account
(123456789012, home region us-east-1) and a member account (222233334444, reached through the role
rootwatch-doctor), each with a multi-region trail and, in every region doctor visits, a forwarder
(rule, target with role and dead-letter queue rootwatch-forwarder-dead-letters); no forwarder in the
central home region, where the central stack's two rules are. Built as DoctorDeployment (cli tests)
builds its two regions, here in the 17 regions enabled by default.

    python3 doctor_deployment.py ENDPOINT PATTERN_JSON_FILE
"""
import datetime
import json
import sys

import boto3

CENTRAL = "123456789012"
MEMBER = "222233334444"
ROLE = "rootwatch-doctor"
HOME = "us-east-1"
REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
           "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2",
           "eu-west-3", "eu-north-1", "sa-east-1"]
CENTRAL_BUS = "rootwatch-root-activity"
CENTRAL_BUS_ARN = f"arn:aws:events:{HOME}:{CENTRAL}:event-bus/{CENTRAL_BUS}"
FORWARDER_RULE = "rootwatch-root-activity-forwarder"
FORWARDER_DLQ = "rootwatch-forwarder-dead-letters"
ALL_MANAGEMENT_EVENTS = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
TABLE = "Rootwatch-AuditTable-1A2B3C"


def main(endpoint, pattern_file):
    with open(pattern_file) as f:
        pattern = f.read()
    central = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=HOME)
    c = central.client("sts", endpoint_url=endpoint).assume_role(
        RoleArn=f"arn:aws:iam::{MEMBER}:role/{ROLE}", RoleSessionName="bench")["Credentials"]
    member = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                           aws_session_token=c["SessionToken"], region_name=HOME)

    def client(session, service, region=HOME):
        return session.client(service, region_name=region, endpoint_url=endpoint)

    for session, bucket in ((central, "central-trail-logs"), (member, "member-trail-logs")):
        client(session, "s3").create_bucket(Bucket=bucket)
        trail = client(session, "cloudtrail")
        trail.create_trail(Name="management-events", S3BucketName=bucket, IsMultiRegionTrail=True)
        trail.start_logging(Name="management-events")

    sqs = client(central, "sqs")
    event_queue = sqs.create_queue(QueueName="Rootwatch-EventQueue")["QueueUrl"]
    event_dlq = sqs.create_queue(QueueName="Rootwatch-EventDeadLetterQueue")["QueueUrl"]
    rule_dlq = sqs.create_queue(QueueName="Rootwatch-RuleTargetDeadLetterQueue")["QueueUrl"]

    def arn(queue_client, url):
        return queue_client.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    events = client(central, "events")
    events.create_event_bus(Name=CENTRAL_BUS)
    for name, bus in (("rootwatch-root-activity-central", CENTRAL_BUS), ("rootwatch-root-activity-default", "default")):
        events.put_rule(Name=name, EventBusName=bus, EventPattern=pattern, State=ALL_MANAGEMENT_EVENTS)
        events.put_targets(Rule=name, EventBusName=bus, Targets=[{"Id": "EventQueue", "Arn": arn(sqs, event_queue),
                                                                   "DeadLetterConfig": {"Arn": arn(sqs, rule_dlq)}}])
    for session, account in ((central, CENTRAL), (member, MEMBER)):
        for region in REGIONS:
            if account == CENTRAL and region == HOME:
                continue
            queues = client(session, "sqs", region)
            dlq = queues.create_queue(QueueName=FORWARDER_DLQ)["QueueUrl"]
            rules = client(session, "events", region)
            rules.put_rule(Name=FORWARDER_RULE, EventPattern=pattern, State=ALL_MANAGEMENT_EVENTS)
            rules.put_targets(Rule=FORWARDER_RULE, Targets=[{
                "Id": "CentralBus", "Arn": CENTRAL_BUS_ARN,
                "RoleArn": f"arn:aws:iam::{CENTRAL}:role/RootwatchForwarder-ForwarderRole",
                "DeadLetterConfig": {"Arn": arn(queues, dlq)}}])

    sns = client(central, "sns")
    topic = sns.create_topic(Name="Rootwatch-AlertsTopic")["TopicArn"]
    inbox = sqs.create_queue(QueueName="alert-inbox")["QueueUrl"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn(sqs, inbox))

    dynamo = client(central, "dynamodb")
    dynamo.create_table(TableName=TABLE, BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                              {"AttributeName": "sk", "AttributeType": "S"}])
    received = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=3)
    dynamo.put_item(TableName=TABLE, Item={"pk": {"S": "HEARTBEAT"}, "sk": {"S": "LATEST"}, "envelopeId": {"S": "bench"},
                                           "sentAt": {"S": received.strftime("%Y-%m-%dT%H:%M:%S.000Z")},
                                           "receivedAt": {"S": received.strftime("%Y-%m-%dT%H:%M:%S.000Z")},
                                           "received": {"N": "1"}})

    outputs = {"AuditTableName": TABLE, "AlertTopicArn": topic, "RootActivityBusArn": CENTRAL_BUS_ARN,
               "EventQueueUrl": event_queue, "EventDeadLetterQueueUrl": event_dlq, "RuleTargetDeadLetterQueueUrl": rule_dlq}
    template = {"Resources": {"Nothing": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
                "Outputs": {key: {"Value": value} for key, value in outputs.items()}}
    client(central, "cloudformation").create_stack(StackName="Rootwatch", TemplateBody=json.dumps(template))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
