#!/usr/bin/env python3
"""Writes a seeded, reproducible CloudTrail archive in the AWSLogs layout for bench/run-scan.

    make_trail_archive.py OUT_DIR [--megabytes N] [--seed S]

OUT_DIR/AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<time>_<random>.json.gz,
plus an organization trail's level (AWSLogs/o-.../<account>/...) for one account, and CloudTrail-Digest
files next to the logs (which a scan must skip). The mix is a busy account's: mostly IAM users, assumed
roles and AWS services calling EC2, S3, KMS, STS, Lambda and CloudWatch, some with "root" in their
text (KMS key policies naming arn:aws:iam::...:root, roles named like root-ca) so a prefilter gets
false positives, and a known number of root events: console sign-ins, API calls, root service events,
sts:AssumeRoot and centralized root sessions. Prints "records=N root=M megabytes=X files=F" at the end.
"""
import argparse
import gzip
import json
import os
import random
import uuid

ACCOUNTS = ["111122223333", "444455556666", "777788889999"]
ORG_ID = "o-a1b2c3d4e5"
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]
AGENTS = ["aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2023 prompt/off command/ec2.describe-instances",
          "Boto3/1.34.10 md/Botocore#1.34.10 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.6 cfg/retry-mode#legacy",
          "aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/21.0.2+13-LTS Java/21.0.2 vendor/Amazon.com_Inc. io/sync http/Apache",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
          "terraform-provider-aws/5.31.0 (+https://registry.terraform.io) aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5"]


def hexid(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def key_id(r, prefix):
    return prefix + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))


def base(r, account, region, when, source, name, identity, **extra):
    record = {
        "eventVersion": "1.09",
        "userIdentity": identity,
        "eventTime": when,
        "eventSource": source,
        "eventName": name,
        "awsRegion": region,
        "sourceIPAddress": "%d.%d.%d.%d" % (r.randint(3, 223), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)),
        "userAgent": r.choice(AGENTS),
        "requestParameters": None,
        "responseElements": None,
        "requestID": str(uuid.UUID(int=r.getrandbits(128))),
        "eventID": str(uuid.UUID(int=r.getrandbits(128))),
        "readOnly": name.startswith(("Describe", "Get", "List")),
        "eventType": "AwsApiCall",
        "managementEvent": True,
        "recipientAccountId": account,
        "eventCategory": "Management",
        "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                       "clientProvidedHostHeader": source.replace(".amazonaws.com", "") + "." + region + ".amazonaws.com"},
    }
    record.update(extra)
    return record


def iam_user(r, account):
    name = r.choice(["deploy-bot", "alice", "bob", "ci-runner", "backup-operator"])
    return {"type": "IAMUser", "principalId": key_id(r, "AIDA"), "arn": "arn:aws:iam::%s:user/%s" % (account, name),
            "accountId": account, "accessKeyId": key_id(r, "AKIA"), "userName": name}


def assumed_role(r, account):
    role = r.choice(["OrganizationAccountAccessRole", "lambda-orders-processor", "eks-node-group-role", "root-ca-rotation",
                     "AWSReservedSSO_AdministratorAccess_5f1a9e"])
    session = r.choice(["i-0" + hexid(r, 16), "botocore-session-%d" % r.randint(10 ** 9, 10 ** 10), "alice@example.com"])
    return {"type": "AssumedRole", "principalId": key_id(r, "AROA") + ":" + session,
            "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (account, role, session), "accountId": account,
            "accessKeyId": key_id(r, "ASIA"),
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": key_id(r, "AROA"),
                                                 "arn": "arn:aws:iam::%s:role/%s" % (account, role), "accountId": account,
                                                 "userName": role},
                               "attributes": {"creationDate": "2025-03-01T08:00:00Z", "mfaAuthenticated": "false"}}}


def service(r):
    return {"type": "AWSService", "invokedBy": r.choice(["lambda.amazonaws.com", "ec2.amazonaws.com", "cloudtrail.amazonaws.com"])}


def root_identity(r, account, **extra):
    identity = {"type": "Root", "principalId": account, "arn": "arn:aws:iam::%s:root" % account, "accountId": account,
                "accessKeyId": key_id(r, "ASIA")}
    identity.update(extra)
    return identity


def ordinary(r, account, region, when):
    kind = r.random()
    if kind < 0.30:
        return base(r, account, region, when, "ec2.amazonaws.com", "DescribeInstances", assumed_role(r, account),
                    requestParameters={"instancesSet": {"items": [{"instanceId": "i-0" + hexid(r, 16)}]},
                                       "filterSet": {"items": [{"name": "tag:Environment", "valueSet": {"items": [{"value": "production"}]}}]}})
    if kind < 0.50:
        bucket = r.choice(["orders-archive-prod", "terraform-state-shared", "athena-results-" + account])
        return base(r, account, region, when, "s3.amazonaws.com", r.choice(["GetObject", "PutObject", "HeadObject"]),
                    assumed_role(r, account), eventCategory="Data", managementEvent=False,
                    requestParameters={"bucketName": bucket, "Host": bucket + ".s3." + region + ".amazonaws.com",
                                       "key": "year=2025/month=%02d/part-%05d-%s.snappy.parquet" % (r.randint(1, 12), r.randint(0, 99999), hexid(r, 32))},
                    resources=[{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::%s/data/%s" % (bucket, hexid(r, 24))},
                               {"accountId": account, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::" + bucket}],
                    additionalEventData={"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256",
                                         "bytesTransferredIn": 0, "bytesTransferredOut": r.randint(100, 10 ** 7),
                                         "AuthenticationMethod": "AuthHeader", "x-amz-id-2": hexid(r, 60)})
    if kind < 0.65:
        return base(r, account, region, when, "kms.amazonaws.com", "Decrypt", service(r), eventType="AwsServiceEvent",
                    requestParameters={"encryptionAlgorithm": "SYMMETRIC_DEFAULT",
                                       "encryptionContext": {"aws:lambda:FunctionArn": "arn:aws:lambda:%s:%s:function:orders" % (region, account)}},
                    resources=[{"accountId": account, "type": "AWS::KMS::Key",
                                "ARN": "arn:aws:kms:%s:%s:key/%s" % (region, account, uuid.UUID(int=r.getrandbits(128)))}])
    if kind < 0.70:
        # Names the account's root principal in a key policy: not root activity, but "root" is in its bytes.
        policy = {"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                                                          "Principal": {"AWS": "arn:aws:iam::%s:root" % account},
                                                          "Action": "kms:*", "Resource": "*"}]}
        return base(r, account, region, when, "kms.amazonaws.com", "PutKeyPolicy", iam_user(r, account),
                    requestParameters={"keyId": str(uuid.UUID(int=r.getrandbits(128))), "policyName": "default",
                                       "policy": json.dumps(policy)})
    if kind < 0.85:
        return base(r, account, region, when, "sts.amazonaws.com", "AssumeRole", iam_user(r, account),
                    requestParameters={"roleArn": "arn:aws:iam::%s:role/deploy" % account, "roleSessionName": "deploy-%d" % r.randint(1, 10 ** 6),
                                       "durationSeconds": 3600},
                    responseElements={"credentials": {"accessKeyId": key_id(r, "ASIA"), "sessionToken": hexid(r, 200),
                                                      "expiration": "Mar 1, 2025, 9:00:00 AM"},
                                      "assumedRoleUser": {"assumedRoleId": key_id(r, "AROA") + ":deploy",
                                                          "arn": "arn:aws:sts::%s:assumed-role/deploy/x" % account}})
    if kind < 0.95:
        return base(r, account, region, when, "monitoring.amazonaws.com", "PutMetricData", assumed_role(r, account),
                    requestParameters={"namespace": "Orders", "metricData": [{"metricName": "Latency", "value": r.random() * 100,
                                                                             "unit": "Milliseconds"}]})
    return base(r, account, region, when, "signin.amazonaws.com", "ConsoleLogin", iam_user(r, account), readOnly=False,
                responseElements={"ConsoleLogin": "Success"},
                additionalEventData={"LoginTo": "https://console.aws.amazon.com/console/home", "MobileVersion": "No", "MFAUsed": "Yes"})


def root_event(r, account, region, when):
    kind = r.randrange(6)
    if kind == 0:
        return base(r, account, "us-east-1", when, "signin.amazonaws.com", "ConsoleLogin",
                    root_identity(r, account, accessKeyId=""), readOnly=False, eventType="AwsConsoleSignIn",
                    responseElements={"ConsoleLogin": "Success"},
                    additionalEventData={"LoginTo": "https://console.aws.amazon.com/console/home", "MobileVersion": "No", "MFAUsed": "No"})
    if kind == 1:
        return base(r, account, region, when, "iam.amazonaws.com", "CreateAccessKey", root_identity(r, account),
                    requestParameters=None,
                    responseElements={"accessKey": {"accessKeyId": key_id(r, "AKIA"), "status": "Active", "createDate": when}})
    if kind == 2:
        return base(r, account, region, when, "s3.amazonaws.com", "ListBuckets", root_identity(r, account))
    if kind == 3:
        return base(r, account, region, when, "health.amazonaws.com", "ProcessAccountEvent",
                    {"type": "Root", "principalId": account, "accountId": account, "invokedBy": "health.amazonaws.com"},
                    eventType="AwsServiceEvent", readOnly=False)
    if kind == 4:
        return base(r, ACCOUNTS[0], region, when, "sts.amazonaws.com", "AssumeRoot", assumed_role(r, ACCOUNTS[0]),
                    requestParameters={"targetPrincipal": account,
                                       "taskPolicyArn": {"arn": "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"}},
                    responseElements={"credentials": {"accessKeyId": key_id(r, "ASIA"), "sessionToken": hexid(r, 120),
                                                      "expiration": "Mar 1, 2025, 9:15:00 AM"}})
    return base(r, account, region, when, "s3.amazonaws.com", "DeleteBucketPolicy",
                root_identity(r, account, sessionContext={"attributes": {"creationDate": when, "mfaAuthenticated": "false"},
                                                          "assumedRoot": "true"}),
                requestParameters={"bucketName": "locked-out-bucket", "policy": ""})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--megabytes", type=int, default=256)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--records-per-file", type=int, default=350)
    parser.add_argument("--root-every", type=int, default=1000, help="about one root event in this many records")
    args = parser.parse_args()
    r = random.Random(args.seed)
    target = args.megabytes * 1_000_000
    written = records = roots = files = 0
    day = 0
    while written < target:
        for account in ACCOUNTS:
            for region in REGIONS:
                if written >= target:
                    break
                yyyy, mm, dd = 2025, 1 + (day // 28) % 12, 1 + day % 28
                hour, minute = r.randrange(24), 5 * r.randrange(12)
                stamp = "%04d%02d%02dT%02d%02dZ" % (yyyy, mm, dd, hour, minute)
                when = "%04d-%02d-%02dT%02d:%02d:%02dZ" % (yyyy, mm, dd, hour, minute, r.randrange(60))
                org = [ORG_ID] if account == ACCOUNTS[2] else []
                folder = os.path.join(args.out, "AWSLogs", *org, account, "CloudTrail", region, "%04d" % yyyy, "%02d" % mm, "%02d" % dd)
                os.makedirs(folder, exist_ok=True)
                batch = []
                for _ in range(args.records_per_file):
                    if r.randrange(args.root_every) == 0:
                        batch.append(root_event(r, account, region, when))
                        roots += 1
                    else:
                        batch.append(ordinary(r, account, region, when))
                text = json.dumps({"Records": batch}, separators=(",", ":")).encode()
                name = "%s_CloudTrail_%s_%s_%s.json.gz" % (account, region, stamp, hexid(r, 16))
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(gzip.compress(text, compresslevel=6, mtime=0))
                written += len(text)
                records += len(batch)
                files += 1
                digest_folder = os.path.join(args.out, "AWSLogs", *org, account, "CloudTrail-Digest", region, "%04d" % yyyy, "%02d" % mm, "%02d" % dd)
                os.makedirs(digest_folder, exist_ok=True)
                digest = json.dumps({"awsAccountId": account, "logFiles": [{"s3Object": name, "hashValue": hexid(r, 64)}]}).encode()
                with open(os.path.join(digest_folder, "%s_CloudTrail-Digest_%s_trail_%s_%s.json.gz" % (account, region, region, stamp)), "wb") as f:
                    f.write(gzip.compress(digest, mtime=0))
        day += 1
    print("records=%d root=%d megabytes=%.1f files=%d" % (records, roots, written / 1e6, files))


if __name__ == "__main__":
    main()
