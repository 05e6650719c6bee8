package io.rootwatch.cli;

import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.audit.Heartbeats;
import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.aws.MotoAws;
import io.rootwatch.deployment.DeploymentNames;
import io.rootwatch.detect.RootActivityPattern;
import io.rootwatch.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A working rootwatch deployment in moto_server, built as the CDK app names it: the central account
 * (moto's default, 123456789012) with its home region us-east-1 and a second region eu-west-1, and
 * a member account reached through a role, each with a multi-region trail and forwarders. Tests
 * break one piece of it and expect doctor to say which.
 */
final class DoctorDeployment {
    static final String CENTRAL = "123456789012";
    static final String MEMBER = "222233334444";
    static final String ROLE = "rootwatch-doctor";
    static final Region HOME = Region.US_EAST_1;
    static final Region OTHER = Region.EU_WEST_1;
    static final String STACK = "Rootwatch";
    static final String TABLE = "Rootwatch-AuditTable-1A2B3C";
    static final String TRAIL = "management-events";
    static final String CENTRAL_BUS_ARN = "arn:aws:events:us-east-1:" + CENTRAL + ":event-bus/" + DeploymentNames.CENTRAL_BUS;
    /** A stack with no resources of its own, only the outputs the central stack has. */
    private static final String TEMPLATE = """
            {"Resources": {"Nothing": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
             "Outputs": {"AuditTableName": {"Value": "%s"}, "AlertTopicArn": {"Value": "%s"},
                         "RootActivityBusArn": {"Value": "%s"}, "EventQueueUrl": {"Value": "%s"},
                         "EventDeadLetterQueueUrl": {"Value": "%s"}, "RuleTargetDeadLetterQueueUrl": {"Value": "%s"}}}""";

    private final MotoServer moto;
    private final AwsOptions aws;
    private final AwsCredentialsProvider central;
    private AwsCredentialsProvider member;
    private String topicArn;
    private String inboxSubscription;
    private String eventQueueUrl;
    private String eventDeadLetterQueueUrl;
    private String ruleTargetDeadLetterQueueUrl;

    DoctorDeployment(MotoServer moto) {
        this.moto = moto;
        this.aws = MotoAws.options(moto);
        this.central = aws.callerCredentials();
    }

    /** The command line that checks this deployment, both accounts, both regions. */
    String[] doctor(String... more) {
        return doctorThrough(moto.endpoint(), more);
    }

    /** The same, through another endpoint in front of moto_server. */
    String[] doctorThrough(URI endpoint, String... more) {
        String[] base = {"doctor", "--region", "us-east-1", "--endpoint-url", endpoint.toString(),
                "--regions", "us-east-1,eu-west-1", "--accounts", MEMBER, "--role-name", ROLE};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    DoctorDeployment build() throws Exception {
        moto.reset();
        member = assume(MEMBER);
        trail(central, "central-trail-logs");
        trail(member, "member-trail-logs");

        String eventQueueArn;
        String ruleDeadLetters;
        try (SqsClient sqs = client(SqsClient.builder(), central, HOME)) {
            eventQueueUrl = sqs.createQueue(b -> b.queueName("Rootwatch-EventQueue")).queueUrl();
            eventQueueArn = queueArn(sqs, eventQueueUrl);
            eventDeadLetterQueueUrl = sqs.createQueue(b -> b.queueName("Rootwatch-EventDeadLetterQueue")).queueUrl();
            ruleTargetDeadLetterQueueUrl = sqs.createQueue(b -> b.queueName("Rootwatch-RuleTargetDeadLetterQueue")).queueUrl();
            ruleDeadLetters = queueArn(sqs, ruleTargetDeadLetterQueueUrl);
        }
        try (EventBridgeClient events = client(EventBridgeClient.builder(), central, HOME)) {
            events.createEventBus(b -> b.name(DeploymentNames.CENTRAL_BUS));
            centralRule(events, DeploymentNames.CENTRAL_BUS_RULE, DeploymentNames.CENTRAL_BUS, eventQueueArn, ruleDeadLetters);
            centralRule(events, DeploymentNames.HOME_DEFAULT_BUS_RULE, DeploymentNames.DEFAULT_BUS, eventQueueArn, ruleDeadLetters);
        }
        forwarder(central, OTHER);
        forwarder(member, HOME);
        forwarder(member, OTHER);

        try (SnsClient sns = client(SnsClient.builder(), central, HOME); SqsClient sqs = client(SqsClient.builder(), central, HOME)) {
            topicArn = sns.createTopic(b -> b.name("Rootwatch-AlertsTopic")).topicArn();
            String inbox = queueArn(sqs, sqs.createQueue(b -> b.queueName("alert-inbox")).queueUrl());
            inboxSubscription = sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(inbox)).subscriptionArn();
        }
        try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), central, HOME)) {
            dynamo.createTable(AuditTableSchema.createTableRequest(TABLE));
        }
        heartbeatArrived(Duration.ofHours(3).plusMinutes(5));
        String template = TEMPLATE.formatted(TABLE, topicArn, CENTRAL_BUS_ARN, eventQueueUrl, eventDeadLetterQueueUrl,
                ruleTargetDeadLetterQueueUrl);
        try (CloudFormationClient cloudFormation = client(CloudFormationClient.builder(), central, HOME)) {
            cloudFormation.createStack(b -> b.stackName(STACK).templateBody(template));
        }
        return this;
    }

    private AwsCredentialsProvider assume(String account) {
        try (StsClient sts = client(StsClient.builder(), central, HOME)) {
            Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/" + ROLE).roleSessionName("fixture"))
                    .credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }
    }

    private void trail(AwsCredentialsProvider account, String bucket) {
        try (S3Client s3 = client(S3Client.builder().forcePathStyle(true), account, HOME)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        try (CloudTrailClient cloudTrail = client(CloudTrailClient.builder(), account, HOME)) {
            cloudTrail.createTrail(b -> b.name(TRAIL).s3BucketName(bucket).isMultiRegionTrail(true));
            cloudTrail.startLogging(b -> b.name(TRAIL));
        }
    }

    private static void centralRule(EventBridgeClient events, String name, String bus, String queueArn, String deadLetters) {
        events.putRule(b -> b.name(name).eventBusName(bus).eventPattern(RootActivityPattern.json())
                .state(DeploymentNames.ALL_MANAGEMENT_EVENTS));
        events.putTargets(b -> b.rule(name).eventBusName(bus).targets(Target.builder().id("EventQueue").arn(queueArn)
                .deadLetterConfig(d -> d.arn(deadLetters)).build()));
    }

    private void forwarder(AwsCredentialsProvider account, Region region) {
        String deadLetters;
        try (SqsClient sqs = client(SqsClient.builder(), account, region)) {
            deadLetters = queueArn(sqs, sqs.createQueue(b -> b.queueName(DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE)).queueUrl());
        }
        try (EventBridgeClient events = client(EventBridgeClient.builder(), account, region)) {
            events.putRule(b -> b.name(DeploymentNames.FORWARDER_RULE).eventPattern(RootActivityPattern.json())
                    .state(DeploymentNames.ALL_MANAGEMENT_EVENTS));
            events.putTargets(b -> b.rule(DeploymentNames.FORWARDER_RULE).targets(Target.builder().id("CentralBus").arn(CENTRAL_BUS_ARN)
                    .roleArn("arn:aws:iam::" + CENTRAL + ":role/RootwatchForwarder-ForwarderRole")
                    .deadLetterConfig(d -> d.arn(deadLetters)).build()));
        }
    }

    private static String queueArn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    // What the tests break.

    CloudTrailClient centralTrail() {
        return client(CloudTrailClient.builder(), central, HOME);
    }

    EventBridgeClient centralEvents(Region region) {
        return client(EventBridgeClient.builder(), central, region);
    }

    EventBridgeClient memberEvents(Region region) {
        return client(EventBridgeClient.builder(), member, region);
    }

    CloudFormationClient centralCloudFormation() {
        return client(CloudFormationClient.builder(), central, HOME);
    }

    void deleteForwarder(EventBridgeClient events) {
        events.removeTargets(b -> b.rule(DeploymentNames.FORWARDER_RULE).ids("CentralBus"));
        events.deleteRule(b -> b.name(DeploymentNames.FORWARDER_RULE));
    }

    void forwarderState(EventBridgeClient events, RuleState state) {
        events.putRule(b -> b.name(DeploymentNames.FORWARDER_RULE).eventPattern(RootActivityPattern.json()).state(state));
    }

    String eventQueueUrl() {
        return eventQueueUrl;
    }

    String eventDeadLetterQueueUrl() {
        return eventDeadLetterQueueUrl;
    }

    String ruleTargetDeadLetterQueueUrl() {
        return ruleTargetDeadLetterQueueUrl;
    }

    /** Undelivered events in the forwarder's dead-letter queue of the central account's {@code region}. */
    void centralForwarderDeadLetters(Region region, int count) {
        try (SqsClient sqs = client(SqsClient.builder(), central, region)) {
            send(sqs, sqs.getQueueUrl(b -> b.queueName(DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE)).queueUrl(), count);
        }
    }

    /** Undelivered events in the forwarder's dead-letter queue of the member account's {@code region}. */
    void memberForwarderDeadLetters(Region region, int count) {
        try (SqsClient sqs = client(SqsClient.builder(), member, region)) {
            send(sqs, sqs.getQueueUrl(b -> b.queueName(DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE)).queueUrl(), count);
        }
    }

    String memberForwarderDeadLetterQueueUrl(Region region) {
        try (SqsClient sqs = client(SqsClient.builder(), member, region)) {
            return sqs.getQueueUrl(b -> b.queueName(DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE)).queueUrl();
        }
    }

    /** Messages in a queue of the member account's {@code region}, waiting or in flight. */
    int memberMessagesIn(Region region, String queueUrl) {
        try (SqsClient sqs = client(SqsClient.builder(), member, region)) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    void deleteMemberForwarderDeadLetterQueue(Region region) {
        try (SqsClient sqs = client(SqsClient.builder(), member, region)) {
            String url = sqs.getQueueUrl(b -> b.queueName(DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE)).queueUrl();
            sqs.deleteQueue(b -> b.queueUrl(url));
        }
    }

    /** Dead letters in one of the central stack's queues, by its URL. */
    void centralDeadLetters(String queueUrl, int count) {
        try (SqsClient sqs = client(SqsClient.builder(), central, HOME)) {
            send(sqs, queueUrl, count);
        }
    }

    /** Received and not deleted: what SQS counts as in flight until the visibility timeout ends. */
    void receiveWithoutDeleting(String queueUrl, int count) {
        try (SqsClient sqs = client(SqsClient.builder(), central, HOME)) {
            sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(count).visibilityTimeout(300));
        }
    }

    int messagesIn(String queueUrl) {
        try (SqsClient sqs = client(SqsClient.builder(), central, HOME)) {
            return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }

    private static void send(SqsClient sqs, String queueUrl, int count) {
        for (int i = 0; i < count; i++) {
            String body = "{\"detail-type\":\"AWS Console Sign In via CloudTrail\",\"source\":\"aws.signin\",\"id\":\"" + UUID.randomUUID() + "\"}";
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }
    }

    void unsubscribeEveryone() {
        try (SnsClient sns = client(SnsClient.builder(), central, HOME)) {
            sns.unsubscribe(b -> b.subscriptionArn(inboxSubscription));
        }
    }

    void heartbeatArrived(Duration ago) {
        try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), central, HOME)) {
            Instant received = Instant.now().minus(ago);
            new Heartbeats(dynamo, TABLE).record(UUID.randomUUID().toString(), received.minusSeconds(2).toString(), received);
        }
    }

    private <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(B builder, AwsCredentialsProvider as,
                                                                                       Region region) {
        return aws.client(builder, region, as);
    }
}
