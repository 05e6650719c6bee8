package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.detect.RootActivityPattern;
import io.rootwatch.lambda.DetectorConfig;
import io.rootwatch.lambda.EventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.rootwatch.infra.Synthesized.arn;
import static io.rootwatch.infra.Synthesized.join;
import static io.rootwatch.infra.Synthesized.list;
import static io.rootwatch.infra.Synthesized.ref;
import static io.rootwatch.infra.Synthesized.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the synthesized template guarantees, read from the app with every optional setting on
 * (emails with a severity filter, Slack, Teams, account names, organization id).
 */
class DetectorStackTest {
    private static final List<String> SQS_CONSUME = List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility",
            "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes");

    private static Synthesized app;
    private static String key;
    private static String bus;
    private static String eventQueue;
    private static String eventDeadLetters;
    private static String targetDeadLetters;
    private static List<String> queues;
    private static String centralRule;
    private static String defaultRule;
    private static String table;
    private static String alertTopic;
    private static String operationsTopic;
    private static String detector;
    private static String detectorRole;
    private static String detectorLogs;

    @BeforeAll
    static void synthesize() {
        app = Synthesized.full();
        key = app.logicalId("Key");
        bus = app.logicalId("RootActivityBus");
        eventQueue = app.logicalId("EventQueue");
        eventDeadLetters = app.logicalId("EventDeadLetterQueue");
        targetDeadLetters = app.logicalId("RuleTargetDeadLetterQueue");
        queues = List.of(eventQueue, eventDeadLetters, targetDeadLetters);
        centralRule = app.logicalId("RootActivityOnCentralBus");
        defaultRule = app.logicalId("RootActivityOnDefaultBus");
        table = app.logicalId("AuditTable");
        alertTopic = app.logicalId("Alerts/AlertTopic");
        operationsTopic = app.logicalId("Operations/OperationsTopic");
        detector = app.logicalId("Detector");
        detectorRole = app.logicalId("DetectorRole");
        detectorLogs = app.logicalId("DetectorLogs");
    }

    // ---- bus and rules ----

    @Test
    void rootActivityHasItsOwnEventBus() {
        assertThat(app.resourcesOfType("AWS::Events::EventBus")).containsOnlyKeys(bus);
        assertThat(app.properties(bus).path("Name").asText()).isEqualTo(DetectorStack.BUS_NAME);
    }

    @Test
    void oneRuleOnTheCustomBusAndOneOnTheDefaultBus() {
        assertThat(app.resourcesOfType("AWS::Events::Rule")).containsOnlyKeys(centralRule, defaultRule);
        assertThat(app.properties(centralRule).path("EventBusName")).isEqualTo(ref(bus));
        assertThat(app.properties(defaultRule).path("EventBusName").asText()).isEqualTo("default");
    }

    @Test
    void rulesUseTheAllManagementEventsState() {
        app.template().resourcePropertiesCountIs("AWS::Events::Rule",
                Map.of("State", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"), 2);
    }

    @Test
    void rulesUseTheSharedRootActivityPattern() {
        JsonNode shared = Synthesized.parse(RootActivityPattern.json());
        for (String rule : List.of(centralRule, defaultRule)) {
            assertThat(app.properties(rule).path("EventPattern")).as(rule).isEqualTo(shared);
        }
    }

    @Test
    void eachRuleTargetsOnlyTheEventQueue() {
        for (String rule : List.of(centralRule, defaultRule)) {
            List<JsonNode> targets = list(app.properties(rule).path("Targets"));
            assertThat(targets).as(rule).hasSize(1);
            assertThat(targets.getFirst().path("Arn")).as(rule).isEqualTo(arn(eventQueue));
        }
    }

    @Test
    void ruleTargetsRetryForADayThenDeadLetter() {
        for (String rule : List.of(centralRule, defaultRule)) {
            JsonNode target = app.properties(rule).path("Targets").get(0);
            assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).as(rule).isEqualTo(185);
            assertThat(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).as(rule).isEqualTo(86_400);
            assertThat(target.path("DeadLetterConfig").path("Arn")).as(rule).isEqualTo(arn(targetDeadLetters));
        }
    }

    // ---- queues ----

    @Test
    void queuesAreKmsEncryptedWithTheStackKey() {
        assertThat(app.resourcesOfType("AWS::SQS::Queue")).containsOnlyKeys(queues);
        for (String queue : queues) {
            assertThat(app.properties(queue).path("KmsMasterKeyId")).as(queue).isEqualTo(arn(key));
        }
    }

    @Test
    void queuesKeepMessagesFourteenDays() {
        for (String queue : queues) {
            assertThat(app.properties(queue).path("MessageRetentionPeriod").asInt()).as(queue).isEqualTo(1_209_600);
        }
    }

    @Test
    void eventQueueDeadLettersAfter300Receives() {
        JsonNode redrive = app.properties(eventQueue).path("RedrivePolicy");
        assertThat(redrive.path("deadLetterTargetArn")).isEqualTo(arn(eventDeadLetters));
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(300);
    }

    @Test
    void eventQueueVisibilityIsAtLeastSixFunctionTimeouts() {
        int visibility = app.properties(eventQueue).path("VisibilityTimeout").asInt();
        int timeout = app.properties(detector).path("Timeout").asInt();
        assertThat(timeout).isEqualTo(30);
        assertThat(visibility).isEqualTo(300).isGreaterThanOrEqualTo(6 * timeout);
    }

    @Test
    void detectorAlertLeaseIsShorterThanTheQueueVisibility() {
        // The detector holds an alert for its lease while publishing; a redelivery after a crash must find it free.
        Duration lease = DetectorConfig.fromEnvironment(detectorEnvironment()).alertLease();
        assertThat(lease).isLessThan(Duration.ofSeconds(app.properties(eventQueue).path("VisibilityTimeout").asInt()));
    }

    @Test
    void queuesDenyNonTlsAccess() {
        for (String queue : queues) {
            List<JsonNode> denials = queuePolicyStatements(queue).stream()
                    .filter(s -> s.path("Effect").asText().equals("Deny")).toList();
            assertThat(denials).as(queue).anySatisfy(deny -> {
                assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
                assertThat(strings(deny.path("Action"))).containsExactly("sqs:*");
                assertThat(deny.path("Principal").toString()).isIn("\"*\"", "{\"AWS\":\"*\"}");
                assertThat(deny.path("Resource")).isEqualTo(arn(queue));
            });
        }
    }

    @Test
    void queuesAdmitEventBridgeOnlyFromTheRules() {
        for (String queue : List.of(eventQueue, targetDeadLetters)) {
            List<JsonNode> allows = queuePolicyStatements(queue).stream()
                    .filter(s -> s.path("Effect").asText().equals("Allow")).toList();
            assertThat(allows).as(queue).allSatisfy(allow -> {
                assertThat(allow.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
                assertThat(strings(allow.path("Action"))).containsExactly("sqs:SendMessage");
                assertThat(allow.path("Resource")).isEqualTo(arn(queue));
                assertThat(allow.path("Condition").properties()).hasSize(1);
                assertThat(allow.path("Condition").path("ArnEquals").properties()).hasSize(1);
            });
            assertThat(allows).as(queue).extracting(allow -> allow.path("Condition").path("ArnEquals").path("aws:SourceArn"))
                    .containsExactlyInAnyOrder(arn(centralRule), arn(defaultRule));
        }
    }

    @Test
    void eventDeadLetterQueueAdmitsNoSender() {
        assertThat(queuePolicyStatements(eventDeadLetters)).allSatisfy(s -> assertThat(s.path("Effect").asText()).isEqualTo("Deny"));
    }

    // ---- the function ----

    @Test
    void functionRunsJava25OnArm64WithJsonLogs() {
        assertThat(app.resourcesOfType("AWS::Lambda::Function")).containsOnlyKeys(detector);
        JsonNode function = app.properties(detector);
        assertThat(function.path("Runtime").asText()).isEqualTo("java25");
        assertThat(strings(function.path("Architectures"))).containsExactly("arm64");
        assertThat(function.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
    }

    @Test
    void functionRunsTheRootwatchHandlerFor30Seconds() {
        JsonNode function = app.properties(detector);
        assertThat(function.path("Handler").asText()).isEqualTo("io.rootwatch.lambda.RootwatchHandler::handleRequest");
        assertThat(function.path("Timeout").asInt()).isEqualTo(30);
        assertThat(function.path("Role")).isEqualTo(arn(detectorRole));
    }

    @Test
    void functionLogsToItsOwnLogGroupWithARetention() {
        assertThat(app.properties(detector).path("LoggingConfig").path("LogGroup")).isEqualTo(ref(detectorLogs));
        assertThat(app.properties(detectorLogs).path("RetentionInDays").asInt()).isPositive();
    }

    @Test
    void functionEnvironmentNamesTheTableAndTheAlertTopic() {
        JsonNode variables = app.properties(detector).path("Environment").path("Variables");
        assertThat(variables.path(DetectorConfig.TABLE)).isEqualTo(ref(table));
        assertThat(variables.path(DetectorConfig.TOPIC)).isEqualTo(ref(alertTopic));
    }

    @Test
    void functionEnvironmentIsAValidDetectorConfiguration() {
        DetectorConfig config = DetectorConfig.fromEnvironment(detectorEnvironment());
        assertThat(config.retention()).isEqualTo(Duration.ofDays(400));
        assertThat(config.accountNames()).containsOnly(Map.entry(Synthesized.ACCOUNT, Synthesized.ACCOUNT_NAME));
    }

    @Test
    void eventQueueFeedsTheFunctionInSmallBatchesReportingItemFailures() {
        Map<String, JsonNode> mappings = app.resourcesOfType("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(1);
        JsonNode mapping = mappings.values().iterator().next().path("Properties");
        assertThat(mapping.path("EventSourceArn")).isEqualTo(arn(eventQueue));
        assertThat(mapping.path("FunctionName")).isEqualTo(ref(detector));
        assertThat(strings(mapping.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(mapping.path("BatchSize").asInt()).isBetween(1, 10);
    }

    // ---- the audit table ----

    @Test
    void auditTableIsOnDemand() {
        assertThat(app.resourcesOfType("AWS::DynamoDB::Table")).containsOnlyKeys(table);
        assertThat(app.properties(table).path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void auditTableHasPointInTimeRecovery() {
        assertThat(app.properties(table).path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean())
                .isTrue();
    }

    @Test
    void auditTableIsRetainedAndProtectedFromDeletion() {
        assertThat(app.resource(table).path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(app.resource(table).path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        assertThat(app.properties(table).path("DeletionProtectionEnabled").asBoolean()).isTrue();
    }

    @Test
    void auditTableExpiresItemsOnExpiresAt() {
        JsonNode ttl = app.properties(table).path("TimeToLiveSpecification");
        assertThat(ttl.path("AttributeName").asText()).isEqualTo(AuditTableSchema.EXPIRES_AT).isEqualTo("expiresAt");
        assertThat(ttl.path("Enabled").asBoolean()).isTrue();
    }

    @Test
    void auditTableIsEncryptedWithTheStackKey() {
        JsonNode sse = app.properties(table).path("SSESpecification");
        assertThat(sse.path("SSEEnabled").asBoolean()).isTrue();
        assertThat(sse.path("SSEType").asText()).isEqualTo("KMS");
        assertThat(sse.path("KMSMasterKeyId")).isEqualTo(arn(key));
    }

    @Test
    void auditTableKeyIsPkAndSk() {
        assertThat(keySchema(app.properties(table).path("KeySchema")))
                .containsExactly(Map.entry("HASH", "pk"), Map.entry("RANGE", "sk"));
    }

    @Test
    void auditTableHasExactlyTheDetectorsIndexesSortedByTimeKey() {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        AuditTableSchema.INDEXES.forEach(index -> expected.put(index.name(),
                Map.of("HASH", index.partitionKey(), "RANGE", AuditTableSchema.TIME_KEY)));
        Map<String, Map<String, String>> actual = new LinkedHashMap<>();
        app.properties(table).path("GlobalSecondaryIndexes").forEach(index ->
                actual.put(index.path("IndexName").asText(), keySchema(index.path("KeySchema"))));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.values()).allSatisfy(keys -> assertThat(keys.get("RANGE")).isEqualTo("timeKey"));
    }

    @Test
    void auditTableKeysAreStrings() {
        assertThat(app.properties(table).path("AttributeDefinitions"))
                .allSatisfy(definition -> assertThat(definition.path("AttributeType").asText()).isEqualTo("S"));
    }

    // ---- the key ----

    @Test
    void keyRotates() {
        assertThat(app.resourcesOfType("AWS::KMS::Key")).containsOnlyKeys(key);
        assertThat(app.properties(key).path("EnableKeyRotation").asBoolean()).isTrue();
    }

    @Test
    void keyIsRetainedWithTheAuditTrail() {
        assertThat(app.resource(key).path("DeletionPolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void keyLetsEventBridgeAndCloudWatchEncryptForTheQueuesAndTopics() {
        List<JsonNode> statements = Synthesized.statements(app.properties(key).path("KeyPolicy"));
        for (String service : List.of("events.amazonaws.com", "cloudwatch.amazonaws.com")) {
            assertThat(statements).as(service).anySatisfy(statement -> {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                assertThat(strings(statement.path("Principal").path("Service"))).contains(service);
                assertThat(strings(statement.path("Action"))).contains("kms:Decrypt", "kms:GenerateDataKey");
            });
        }
    }

    // ---- alerts ----

    @Test
    void alertTopicIsEncryptedWithTheStackKey() {
        assertThat(app.properties(alertTopic).path("KmsMasterKeyId")).isEqualTo(arn(key));
    }

    @Test
    void alertTopicDeniesNonTlsPublishing() {
        assertDeniesNonTlsPublishing(alertTopic);
    }

    @Test
    void emailSubscribersHearOnlyTheChosenSeverities() {
        List<JsonNode> emails = subscriptions(alertTopic, "email");
        assertThat(emails).extracting(s -> s.path("Endpoint").asText())
                .containsExactlyInAnyOrder(Synthesized.ALICE, Synthesized.BOB);
        assertThat(emails).allSatisfy(subscription -> {
            assertThat(subscription.path("FilterPolicy")).isEqualTo(Synthesized.parse("{\"severity\":[\"CRITICAL\",\"HIGH\"]}"));
            // The detector sends the severity as a message attribute, which is what the default scope filters on.
            assertThat(subscription.path("FilterPolicyScope").asText("MessageAttributes")).isEqualTo("MessageAttributes");
        });
    }

    @Test
    void slackChannelHasAReadOnlyGuardrailAndHearsTheAlertTopic() {
        Map<String, JsonNode> slack = app.resourcesOfType("AWS::Chatbot::SlackChannelConfiguration");
        assertThat(slack).hasSize(1);
        JsonNode configuration = slack.values().iterator().next().path("Properties");
        assertReadOnlyGuardrail(configuration);
        assertThat(list(configuration.path("SnsTopicArns"))).contains(ref(alertTopic));
        assertThat(configuration.path("SlackWorkspaceId").asText()).isEqualTo(Synthesized.SLACK_WORKSPACE);
        assertThat(configuration.path("SlackChannelId").asText()).isEqualTo(Synthesized.SLACK_CHANNEL);
    }

    @Test
    void teamsChannelHasAReadOnlyGuardrailAndHearsTheAlertTopic() {
        Map<String, JsonNode> teams = app.resourcesOfType("AWS::Chatbot::MicrosoftTeamsChannelConfiguration");
        assertThat(teams).hasSize(1);
        JsonNode configuration = teams.values().iterator().next().path("Properties");
        assertReadOnlyGuardrail(configuration);
        assertThat(list(configuration.path("SnsTopicArns"))).contains(ref(alertTopic));
        assertThat(configuration.path("TeamsTenantId").asText()).isEqualTo(Synthesized.TEAMS_TENANT);
        assertThat(configuration.path("TeamId").asText()).isEqualTo(Synthesized.TEAMS_TEAM);
        assertThat(configuration.path("TeamsChannelId").asText()).isEqualTo(Synthesized.TEAMS_CHANNEL);
    }

    @Test
    void nothingGrantsAdministratorAccess() {
        assertThat(app.json().toString()).doesNotContain("AdministratorAccess");
    }

    @Test
    void chatChannelRolesHaveNoPermissionOfTheirOwn() {
        List<String> chatRoles = new ArrayList<>();
        app.resourcesOfType("AWS::IAM::Role").forEach((id, role) -> {
            if (role.toString().contains("chatbot.amazonaws.com")) {
                chatRoles.add(id);
            }
        });
        assertThat(chatRoles).hasSize(2);
        for (String role : chatRoles) {
            assertThat(app.statementsOfRole(role)).as(role).isEmpty();
            assertThat(app.properties(role).path("Policies").isMissingNode()).as(role).isTrue();
            assertThat(app.properties(role).path("ManagedPolicyArns").isMissingNode()).as(role).isTrue();
        }
    }

    // ---- operations ----

    @Test
    void operationsTopicIsEncryptedAndTlsOnly() {
        assertThat(app.properties(operationsTopic).path("KmsMasterKeyId")).isEqualTo(arn(key));
        assertDeniesNonTlsPublishing(operationsTopic);
    }

    @Test
    void operationsAlarmsReachTheAlertEmailsUnfiltered() {
        List<JsonNode> emails = subscriptions(operationsTopic, "email");
        assertThat(emails).extracting(s -> s.path("Endpoint").asText())
                .containsExactlyInAnyOrder(Synthesized.ALICE, Synthesized.BOB);
        assertThat(emails).allSatisfy(s -> assertThat(s.path("FilterPolicy").isMissingNode()).isTrue());
    }

    @Test
    void alarmsWatchDetectorErrorsAndThrottles() {
        for (String metric : List.of("Errors", "Throttles")) {
            assertThat(alarmsOn("AWS/Lambda", metric)).as(metric).singleElement().satisfies(alarm -> {
                assertThat(dimensions(alarm)).containsExactly(Map.entry("FunctionName", ref(detector)));
                assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
                assertThat(alarm.path("Threshold").asDouble()).isZero();
            });
        }
    }

    @Test
    void alarmsWatchEachRulesFailedInvocationsAndDeadLetterFailures() {
        Map<String, JsonNode> central = Map.of("RuleName", text(app.properties(centralRule).path("Name").asText()),
                "EventBusName", text(DetectorStack.BUS_NAME));
        Map<String, JsonNode> onDefault = Map.of("RuleName", text(app.properties(defaultRule).path("Name").asText()));
        for (String metric : List.of("FailedInvocations", "InvocationsFailedToBeSentToDlq")) {
            assertThat(alarmsOn("AWS/Events", metric)).as(metric).extracting(DetectorStackTest::dimensions)
                    .containsExactlyInAnyOrder(central, onDefault);
        }
    }

    @Test
    void alarmWatchesTheAgeOfTheOldestQueuedEvent() {
        assertThat(alarmsOn("AWS/SQS", "ApproximateAgeOfOldestMessage")).singleElement().satisfies(alarm ->
                assertThat(dimensions(alarm)).containsExactly(Map.entry("QueueName", Synthesized.getAtt(eventQueue, "QueueName"))));
    }

    @Test
    void alarmsWatchEveryDeadLetterQueue() {
        assertThat(alarmsOn("AWS/SQS", "ApproximateNumberOfMessagesVisible")).extracting(DetectorStackTest::dimensions)
                .containsExactlyInAnyOrder(
                        Map.of("QueueName", Synthesized.getAtt(eventDeadLetters, "QueueName")),
                        Map.of("QueueName", Synthesized.getAtt(targetDeadLetters, "QueueName")));
    }

    @Test
    void missingHeartbeatAlarmsAfter26Hours() {
        assertThat(alarmsOn("rootwatch", "Heartbeat")).singleElement().satisfies(alarm -> {
            // The detector counts heartbeats in an EMF document with an empty dimension set.
            assertThat(alarm.path("Dimensions").isMissingNode()).isTrue();
            assertThat(alarm.path("Period").asInt()).isEqualTo(3_600);
            assertThat(alarm.path("EvaluationPeriods").asInt()).isEqualTo(26);
            assertThat(alarm.path("DatapointsToAlarm").asInt()).isEqualTo(26);
            assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
            assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1);
            assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("breaching");
        });
    }

    @Test
    void everyAlarmFitsCloudWatchsEvaluationRange() {
        // PutMetricAlarm: Period x EvaluationPeriods at most 7 days, and at most 1 day when the period is under an hour.
        assertThat(app.resourcesOfType("AWS::CloudWatch::Alarm").values()).allSatisfy(alarm -> {
            int period = alarm.path("Properties").path("Period").asInt();
            long range = (long) period * alarm.path("Properties").path("EvaluationPeriods").asInt();
            assertThat(range).isLessThanOrEqualTo(period < 3_600 ? 86_400 : 604_800);
        });
    }

    @Test
    void everyAlarmNotifiesTheOperationsTopic() {
        Map<String, JsonNode> alarms = app.resourcesOfType("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(10);
        assertThat(alarms.values()).allSatisfy(alarm ->
                assertThat(list(alarm.path("Properties").path("AlarmActions"))).containsExactly(ref(operationsTopic)));
    }

    @Test
    void heartbeatPutsASelfTestEventOnTheBusDaily() {
        Map<String, JsonNode> schedules = app.resourcesOfType("AWS::Scheduler::Schedule");
        assertThat(schedules).hasSize(1);
        JsonNode schedule = schedules.values().iterator().next().path("Properties");
        assertThat(schedule.path("ScheduleExpression").asText()).isEqualTo("rate(1 day)");
        assertThat(schedule.path("Target").path("Arn")).isEqualTo(arn(bus));
        assertThat(schedule.path("Target").path("EventBridgeParameters").path("Source").asText())
                .isEqualTo(Operations.HEARTBEAT_SOURCE).isEqualTo("rootwatch.selftest");
        assertThat(schedule.path("Target").path("RoleArn")).isEqualTo(arn(app.logicalId("Operations/HeartbeatRole")));
    }

    @Test
    void heartbeatCarriesTheSourceTheDetectorCountsAsAHeartbeat() {
        JsonNode schedule = app.resourcesOfType("AWS::Scheduler::Schedule").values().iterator().next().path("Properties");
        assertThat(schedule.path("Target").path("EventBridgeParameters").path("Source").asText())
                .isEqualTo(EventProcessor.SELF_TEST_SOURCE);
    }

    @Test
    void heartbeatRoleMayOnlyPutEventsOnTheBus() {
        String role = app.logicalId("Operations/HeartbeatRole");
        assertThat(app.properties(role).path("AssumeRolePolicyDocument").toString()).contains("scheduler.amazonaws.com");
        assertThat(app.statementsOfRole(role)).singleElement().satisfies(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(strings(statement.path("Action"))).containsExactly("events:PutEvents");
            assertThat(list(statement.path("Resource"))).containsExactly(arn(bus));
        });
    }

    @Test
    void dashboardShowsRootEventsHeartbeatQueuesAndDetector() {
        app.template().resourcePropertiesCountIs("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "rootwatch"), 1);
        String body = app.resourcesOfType("AWS::CloudWatch::Dashboard").values().iterator().next()
                .path("Properties").path("DashboardBody").toString();
        assertThat(body).contains("RootEvents", "Heartbeat", "AlertsSent", "ApproximateNumberOfMessagesVisible", "AWS/Lambda");
    }

    // ---- IAM ----

    @Test
    void noIamStatementHasAWildcardAction() {
        List<JsonNode> statements = app.identityStatements();
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.has("NotAction")).as("NotAction in %s", statement).isFalse();
            assertThat(strings(statement.path("Action"))).as("%s", statement).noneMatch(action -> action.contains("*"));
        });
    }

    @Test
    void noRoleHasAManagedPolicy() {
        assertThat(app.resourcesOfType("AWS::IAM::Role")).allSatisfy((id, role) ->
                assertThat(role.path("Properties").path("ManagedPolicyArns").isMissingNode()).as(id).isTrue());
    }

    @Test
    void detectorRoleIsForLambdaOnly() {
        JsonNode trust = app.properties(detectorRole).path("AssumeRolePolicyDocument");
        assertThat(Synthesized.statements(trust)).singleElement().satisfies(statement ->
                assertThat(statement.path("Principal")).isEqualTo(Synthesized.parse("{\"Service\":\"lambda.amazonaws.com\"}")));
        assertThat(app.properties(detectorRole).path("Policies").isMissingNode()).isTrue();
    }

    @Test
    void detectorRoleMayWriteOnlyItsLogGroup() {
        assertThat(detectorGrants("logs:")).isEqualTo(Map.of(
                "logs:CreateLogStream", Set.of(arn(detectorLogs)),
                "logs:PutLogEvents", Set.of(arn(detectorLogs))));
    }

    @Test
    void detectorRoleMayReadAndWriteOnlyTheTableAndItsByAccountIndex() {
        Set<JsonNode> tableAndIndex = Set.of(arn(table), join(arn(table), "/index/" + AuditTableSchema.BY_ACCOUNT));
        assertThat(detectorGrants("dynamodb:")).isEqualTo(Map.of(
                "dynamodb:GetItem", tableAndIndex, "dynamodb:PutItem", tableAndIndex,
                "dynamodb:UpdateItem", tableAndIndex, "dynamodb:Query", tableAndIndex));
    }

    @Test
    void detectorRoleMayPublishOnlyToTheAlertTopic() {
        assertThat(detectorGrants("sns:")).isEqualTo(Map.of("sns:Publish", Set.of(ref(alertTopic))));
    }

    @Test
    void detectorRoleMayUseOnlyTheStackKey() {
        assertThat(detectorGrants("kms:")).isEqualTo(Map.of(
                "kms:Decrypt", Set.of(arn(key)), "kms:GenerateDataKey", Set.of(arn(key))));
    }

    @Test
    void detectorRoleMayConsumeOnlyTheEventQueue() {
        Map<String, Set<JsonNode>> expected = new HashMap<>();
        SQS_CONSUME.forEach(action -> expected.put(action, Set.of(arn(eventQueue))));
        assertThat(detectorGrants("sqs:")).isEqualTo(expected);
    }

    @Test
    void detectorRoleHasNoOtherPermission() {
        assertThat(app.statementsOfRole(detectorRole)).allSatisfy(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(statement.has("NotResource")).isFalse();
        });
        assertThat(detectorGrants("").keySet().stream().map(action -> action.substring(0, action.indexOf(':') + 1)))
                .containsOnly("logs:", "dynamodb:", "sns:", "kms:", "sqs:");
    }

    // ---- outputs ----

    @Test
    void outputsNameWhatOperatorsAndRedriveNeed() {
        JsonNode outputs = app.json().path("Outputs");
        assertThat(outputs.path("RootActivityBusArn").path("Value")).isEqualTo(arn(bus));
        assertThat(outputs.path("AuditTableName").path("Value")).isEqualTo(ref(table));
        assertThat(outputs.path("AlertTopicArn").path("Value")).isEqualTo(ref(alertTopic));
        assertThat(outputs.path("EventQueueUrl").path("Value")).isEqualTo(ref(eventQueue));
        assertThat(outputs.path("EventDeadLetterQueueUrl").path("Value")).isEqualTo(ref(eventDeadLetters));
        assertThat(outputs.path("RuleTargetDeadLetterQueueUrl").path("Value")).isEqualTo(ref(targetDeadLetters));
    }

    // ---- the organization ----

    @Test
    void onlyTheOrganizationMayPutEventsOnTheCentralBus() {
        var policies = app.resourcesOfType("AWS::Events::EventBusPolicy");
        assertThat(policies).hasSize(1);
        JsonNode policy = policies.values().iterator().next().path("Properties");
        JsonNode statement = policy.path("Statement");
        assertThat(policy.path("EventBusName")).isEqualTo(ref(bus));
        assertThat(statement.path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(statement.path("Condition").path("StringEquals").path("aws:PrincipalOrgID").asText())
                .isEqualTo(Synthesized.fullContext().get(RootwatchSettings.ORGANIZATION_ID));
    }

    // ---- the other settings ----

    /** With no context at all: no subscriber, no chat channel. */
    @Nested
    class WithoutOptionalSettings {
        private final Synthesized minimal = Synthesized.minimal();

        @Test
        void noSubscriptionWithoutAlertEmails() {
            assertThat(minimal.resourcesOfType("AWS::SNS::Subscription")).isEmpty();
        }

        @Test
        void nobodyElseMayPutEventsOnTheCentralBusWithoutAnOrganization() {
            assertThat(minimal.resourcesOfType("AWS::Events::EventBusPolicy")).isEmpty();
        }

        @Test
        void noChatChannelWithoutSlackOrTeamsIds() {
            assertThat(minimal.resourcesOfType("AWS::Chatbot::SlackChannelConfiguration")).isEmpty();
            assertThat(minimal.resourcesOfType("AWS::Chatbot::MicrosoftTeamsChannelConfiguration")).isEmpty();
        }

        @Test
        void detectionPathIsTheSameAsWithEverySetting() {
            for (String type : List.of("AWS::Events::EventBus", "AWS::Events::Rule", "AWS::SQS::Queue", "AWS::Lambda::Function",
                    "AWS::Lambda::EventSourceMapping", "AWS::DynamoDB::Table", "AWS::CloudWatch::Alarm", "AWS::Scheduler::Schedule")) {
                assertThat(minimal.resourcesOfType(type)).as(type).hasSameSizeAs(app.resourcesOfType(type));
            }
        }
    }

    /** {@code rootwatch:removalPolicy=destroy}, emails given as one comma-separated string, no severity filter. */
    @Nested
    class InATestAccount {
        private final Synthesized testAccount = Synthesized.testAccount();

        @Test
        void auditTableIsDeletedWithTheStack() {
            String table = testAccount.logicalId("AuditTable");
            assertThat(testAccount.resource(table).path("DeletionPolicy").asText()).isEqualTo("Delete");
            assertThat(testAccount.resource(table).path("UpdateReplacePolicy").asText()).isEqualTo("Delete");
        }

        @Test
        void auditTableHasNoDeletionProtection() {
            String table = testAccount.logicalId("AuditTable");
            assertThat(testAccount.properties(table).path("DeletionProtectionEnabled").asBoolean(false)).isFalse();
        }

        @Test
        void keyIsDeletedWithTheStack() {
            String key = testAccount.logicalId("Key");
            assertThat(testAccount.resource(key).path("DeletionPolicy").asText()).isEqualTo("Delete");
            assertThat(testAccount.resource(key).path("UpdateReplacePolicy").asText()).isEqualTo("Delete");
        }

        @Test
        void commaSeparatedEmailsEachGetAnUnfilteredSubscription() {
            String topic = testAccount.logicalId("Alerts/AlertTopic");
            List<JsonNode> emails = testAccount.resourcesOfType("AWS::SNS::Subscription").values().stream()
                    .map(s -> s.path("Properties")).filter(s -> s.path("TopicArn").equals(ref(topic))).toList();
            assertThat(emails).extracting(s -> s.path("Endpoint").asText())
                    .containsExactlyInAnyOrder(Synthesized.ALICE, Synthesized.BOB);
            assertThat(emails).allSatisfy(s -> assertThat(s.path("FilterPolicy").isMissingNode()).isTrue());
        }
    }

    // ---- helpers ----

    private static List<JsonNode> queuePolicyStatements(String queue) {
        List<JsonNode> statements = new ArrayList<>();
        app.resourcesOfType("AWS::SQS::QueuePolicy").values().forEach(policy -> {
            if (Synthesized.contains(policy.path("Properties").path("Queues"), ref(queue))) {
                statements.addAll(Synthesized.statements(policy.path("Properties").path("PolicyDocument")));
            }
        });
        assertThat(statements).as("policy statements of %s", queue).isNotEmpty();
        return statements;
    }

    private static void assertDeniesNonTlsPublishing(String topic) {
        List<JsonNode> statements = new ArrayList<>();
        app.resourcesOfType("AWS::SNS::TopicPolicy").values().forEach(policy -> {
            if (Synthesized.contains(policy.path("Properties").path("Topics"), ref(topic))) {
                statements.addAll(Synthesized.statements(policy.path("Properties").path("PolicyDocument")));
            }
        });
        assertThat(statements).as(topic).anySatisfy(deny -> {
            assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
            assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
            assertThat(strings(deny.path("Action"))).containsAnyOf("sns:Publish", "sns:*");
            assertThat(deny.path("Principal").toString()).isIn("\"*\"", "{\"AWS\":\"*\"}");
            assertThat(deny.path("Resource")).isEqualTo(ref(topic));
        });
    }

    private static List<JsonNode> subscriptions(String topic, String protocol) {
        return app.resourcesOfType("AWS::SNS::Subscription").values().stream().map(s -> s.path("Properties"))
                .filter(s -> s.path("TopicArn").equals(ref(topic)) && s.path("Protocol").asText().equals(protocol))
                .toList();
    }

    private static void assertReadOnlyGuardrail(JsonNode configuration) {
        List<JsonNode> guardrails = list(configuration.path("GuardrailPolicies"));
        assertThat(guardrails).singleElement().satisfies(guardrail -> assertThat(guardrail).isIn(
                text("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                join("arn:", ref("AWS::Partition"), ":iam::aws:policy/ReadOnlyAccess")));
    }

    private static List<JsonNode> alarmsOn(String namespace, String metric) {
        return app.resourcesOfType("AWS::CloudWatch::Alarm").values().stream().map(a -> a.path("Properties"))
                .filter(a -> a.path("Namespace").asText().equals(namespace) && a.path("MetricName").asText().equals(metric))
                .toList();
    }

    private static Map<String, JsonNode> dimensions(JsonNode alarm) {
        Map<String, JsonNode> dimensions = new TreeMap<>();
        alarm.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value")));
        return dimensions;
    }

    private static Map<String, String> keySchema(JsonNode keySchema) {
        Map<String, String> keys = new LinkedHashMap<>();
        keySchema.forEach(key -> keys.put(key.path("KeyType").asText(), key.path("AttributeName").asText()));
        return keys;
    }

    /** Action to the resources the detector role may apply it to, for the actions starting with this prefix. */
    private static Map<String, Set<JsonNode>> detectorGrants(String prefix) {
        Map<String, Set<JsonNode>> grants = new HashMap<>();
        for (JsonNode statement : app.statementsOfRole(detectorRole)) {
            for (String action : strings(statement.path("Action"))) {
                if (action.startsWith(prefix)) {
                    grants.computeIfAbsent(action, a -> new LinkedHashSet<>()).addAll(list(statement.path("Resource")));
                }
            }
        }
        return grants.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    @Test
    void onlyTheStacksOwnAccountsSelfTestCountsAsTheHeartbeat() {
        assertThat(app.properties(detector).path("Environment").path("Variables").path(DetectorConfig.HOME_ACCOUNT))
                .isEqualTo(ref("AWS::AccountId"));
    }

    /** The function's environment, with placeholders where CloudFormation fills in a reference. */
    private static Map<String, String> detectorEnvironment() {
        Map<String, String> environment = new HashMap<>();
        app.properties(detector).path("Environment").path("Variables").properties().forEach(entry ->
                environment.put(entry.getKey(), entry.getValue().isTextual() ? entry.getValue().asText()
                        : entry.getValue().path("Ref").asText().equals("AWS::AccountId") ? "123456789012" : "resolved-at-deploy"));
        return environment;
    }

    private static JsonNode text(String value) {
        return Synthesized.JSON.getNodeFactory().textNode(value);
    }
}
