package io.rootwatch.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.deployment.DeploymentNames;
import io.rootwatch.detect.RootActivityPattern;
import io.rootwatch.lambda.DetectorConfig;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the central account needs: the root-activity bus and rules, the event queue, the
 * detector function, the audit table, the alert channels and the operations around them.
 */
public final class DetectorStack extends Stack {
    /** The settings the detector issue chose so that a 24-hour outage loses nothing (README: "Riding out a 24-hour outage"). */
    static final Duration FUNCTION_TIMEOUT = Duration.seconds(30);
    static final Duration QUEUE_VISIBILITY = Duration.seconds(300);
    static final int MAX_RECEIVE_COUNT = 300;
    static final Duration QUEUE_RETENTION = Duration.days(14);
    static final int TARGET_RETRY_ATTEMPTS = 185;
    static final int TARGET_MAX_EVENT_AGE_SECONDS = 24 * 60 * 60;
    static final String ALL_MANAGEMENT_EVENTS = DeploymentNames.ALL_MANAGEMENT_EVENTS;
    static final String BUS_NAME = DeploymentNames.CENTRAL_BUS;

    private final Key key;
    private final Queue eventQueue;
    private final Queue eventDeadLetters;
    private final Queue targetDeadLetters;
    private final EventBus bus;
    private final List<Operations.WatchedRule> rules;
    private final Table table;
    private final Function detector;
    private final AlertChannels alerts;

    public DetectorStack(Construct scope, String id, StackProps props, RootwatchSettings settings, Path detectorJar) {
        super(scope, id, props);
        RemovalPolicy removal = settings.destroyOnRemoval() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

        key = Key.Builder.create(this, "Key")
                .description("rootwatch: encrypts the audit table, the event queues and the topics")
                .enableKeyRotation(true)
                .removalPolicy(removal)
                .build();
        // EventBridge writes to the encrypted queues, and CloudWatch alarms to the encrypted operations topic. As in
        // AWS's documented policies for these two integrations, no source condition: whether SQS and SNS pass
        // aws:SourceAccount on to KMS for these callers is not documented, and a condition that fails would
        // silently stop every delivery.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowEventBridgeAndAlarmsToUseTheKey")
                .principals(List.of(new ServicePrincipal("events.amazonaws.com"), new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .build());

        eventDeadLetters = encryptedQueue("EventDeadLetterQueue", null);
        eventQueue = encryptedQueue("EventQueue", DeadLetterQueue.builder().queue(eventDeadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build());
        targetDeadLetters = encryptedQueue("RuleTargetDeadLetterQueue", null);
        NagSuppressions.addResourceSuppressions(targetDeadLetters, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
                .reason("This queue is the rules' dead-letter target (EventBridge DeadLetterConfig, which cdk-nag does not see):"
                        + " its messages are redriven by hand with rootwatch redrive, not retried into another DLQ.")
                .build()));

        bus = EventBus.Builder.create(this, "RootActivityBus").eventBusName(BUS_NAME).build();
        settings.organizationId().ifPresent(organization -> bus.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("OrganizationForwardsRootActivity")
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("events:PutEvents"))
                .resources(List.of(bus.getEventBusArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:PrincipalOrgID", organization)))
                .build()));
        if (!settings.forwardingAccounts().isEmpty()) {
            bus.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("ListedAccountsForwardRootActivity")
                    .principals(settings.forwardingAccounts().stream().map(account -> (IPrincipal) new AccountPrincipal(account)).toList())
                    .actions(List.of("events:PutEvents"))
                    .resources(List.of(bus.getEventBusArn()))
                    .build());
        }
        rules = List.of(
                rule("RootActivityOnCentralBus", DeploymentNames.CENTRAL_BUS_RULE, BUS_NAME),
                rule("RootActivityOnDefaultBus", DeploymentNames.HOME_DEFAULT_BUS_RULE, DeploymentNames.DEFAULT_BUS));

        table = auditTable(removal);
        alerts = new AlertChannels(this, "Alerts", key, settings);
        detector = detectorFunction(settings, detectorJar);
        new Operations(this, "Operations", new Operations.Watched(key, detector, eventQueue, List.of(eventDeadLetters, targetDeadLetters),
                rules, bus, settings.alertEmails()));

        CfnOutput.Builder.create(this, "RootActivityBusArn").value(bus.getEventBusArn())
                .description("Forwarders in other accounts and regions send root activity here").build();
        CfnOutput.Builder.create(this, "AuditTableName").value(table.getTableName()).build();
        CfnOutput.Builder.create(this, "AlertTopicArn").value(alerts.topic().getTopicArn()).build();
        CfnOutput.Builder.create(this, "EventQueueUrl").value(eventQueue.getQueueUrl()).build();
        CfnOutput.Builder.create(this, "EventDeadLetterQueueUrl").value(eventDeadLetters.getQueueUrl()).build();
        CfnOutput.Builder.create(this, "RuleTargetDeadLetterQueueUrl").value(targetDeadLetters.getQueueUrl()).build();
    }

    private Queue encryptedQueue(String id, DeadLetterQueue deadLetters) {
        Queue.Builder queue = Queue.Builder.create(this, id)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(QUEUE_RETENTION)
                .visibilityTimeout(QUEUE_VISIBILITY);
        if (deadLetters != null) {
            queue.deadLetterQueue(deadLetters);
        }
        return queue.build();
    }

    /** A rule with the shared root-activity pattern, reads included, delivering to the event queue. */
    private Operations.WatchedRule rule(String id, String name, String busName) {
        CfnRule rule = CfnRule.Builder.create(this, id)
                .name(name)
                .description("rootwatch: root sign-ins, root API calls (reads included), AssumeRoot, the self-test")
                .eventBusName(busName.equals(BUS_NAME) ? bus.getEventBusName() : busName)
                .eventPattern(pattern())
                .state(ALL_MANAGEMENT_EVENTS)
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("EventQueue")
                        .arn(eventQueue.getQueueArn())
                        .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(TARGET_RETRY_ATTEMPTS)
                                .maximumEventAgeInSeconds(TARGET_MAX_EVENT_AGE_SECONDS)
                                .build())
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(targetDeadLetters.getQueueArn()).build())
                        .build()))
                .build();
        for (Queue queue : List.of(eventQueue, targetDeadLetters)) {
            queue.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("AllowRule" + id)
                    .effect(Effect.ALLOW)
                    .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                    .actions(List.of("sqs:SendMessage"))
                    .resources(List.of(queue.getQueueArn()))
                    .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
                    .build());
        }
        return new Operations.WatchedRule(id, name, busName);
    }

    static Map<String, Object> pattern() {
        try {
            return new ObjectMapper().readValue(RootActivityPattern.json(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("the shared event pattern is not JSON", e);
        }
    }

    private Table auditTable(RemovalPolicy removal) {
        Table audit = Table.Builder.create(this, "AuditTable")
                .partitionKey(string(AuditTableSchema.PK))
                .sortKey(string(AuditTableSchema.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(removal == RemovalPolicy.RETAIN)
                .removalPolicy(removal)
                .timeToLiveAttribute(AuditTableSchema.EXPIRES_AT)
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .build();
        for (AuditTableSchema.Index index : AuditTableSchema.INDEXES) {
            audit.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(string(index.partitionKey()))
                    .sortKey(string(AuditTableSchema.TIME_KEY))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
        return audit;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private Function detectorFunction(RootwatchSettings settings, Path jar) {
        LogGroup logs = LogGroup.Builder.create(this, "DetectorLogs")
                .retention(RetentionDays.ONE_YEAR)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Role role = Role.Builder.create(this, "DetectorRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("rootwatch detector: its own logs, table, topic and key, nothing else")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logs.getLogGroupArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"))
                .resources(List.of(table.getTableArn(), table.getTableArn() + "/index/" + AuditTableSchema.BY_ACCOUNT))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sns:Publish"))
                .resources(List.of(alerts.topic().getTopicArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of(key.getKeyArn()))
                .build());

        settings.organizationId().filter(id -> settings.lookUpAccountNames()).ifPresent(organization -> {
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("organizations:DescribeAccount"))
                    .resources(List.of("arn:" + getPartition() + ":organizations::*:account/" + organization + "/*"))
                    .build());
            NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                    .reason("DescribeAccount is granted on the accounts of this organization only; their ARNs embed the"
                            + " management account id and the member ids, which the stack does not know.")
                    .build()), true);
        });

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(DetectorConfig.TABLE, table.getTableName());
        environment.put(DetectorConfig.TOPIC, alerts.topic().getTopicArn());
        environment.put(DetectorConfig.RETENTION_DAYS, Integer.toString(settings.retentionDays()));
        environment.put(DetectorConfig.ACCOUNT_NAMES, accountNamesJson(settings.accountNames()));
        environment.put(DetectorConfig.ORGANIZATIONS_LOOKUP, Boolean.toString(settings.lookUpAccountNames()));
        environment.put(DetectorConfig.HOME_ACCOUNT, getAccount());

        Function function = Function.Builder.create(this, "Detector")
                .description("rootwatch detector: classifies root activity, records it once, alerts once")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler("io.rootwatch.lambda.RootwatchHandler::handleRequest")
                .code(Code.fromAsset(jar.toString()))
                .memorySize(1024)
                .timeout(FUNCTION_TIMEOUT)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .environment(environment)
                .build();
        function.addEventSource(SqsEventSource.Builder.create(eventQueue)
                .batchSize(10)
                .maxBatchingWindow(Duration.seconds(1))
                .reportBatchItemFailures(true)
                .build());
        return function;
    }

    private static String accountNamesJson(Map<String, String> names) {
        try {
            return new ObjectMapper().writeValueAsString(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Table auditTable() {
        return table;
    }

    public EventBus bus() {
        return bus;
    }
}
