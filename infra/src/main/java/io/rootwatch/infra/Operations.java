package io.rootwatch.infra;

import io.rootwatch.deployment.DeploymentNames;
import io.rootwatch.lambda.EventProcessor;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * rootwatch watching itself: an operations topic with alarms on everything that could make a root
 * event go unseen, a daily self-test event that travels the whole path, and a dashboard.
 */
final class Operations extends Construct {
    static final String HEARTBEAT_SOURCE = EventProcessor.SELF_TEST_SOURCE;
    static final int HEARTBEAT_MISSING_HOURS = DeploymentNames.HEARTBEAT_MISSING_HOURS;
    static final Duration OLDEST_EVENT_AGE_LIMIT = Duration.minutes(15);

    /** What the alarms watch. */
    record Watched(IKey key, Function detector, Queue eventQueue, List<Queue> deadLetterQueues, List<WatchedRule> rules,
                   EventBus bus, List<String> emails) {
    }

    /** A rule by name; rules on a custom bus are measured per bus too. */
    record WatchedRule(String id, String name, String busName) {
        Map<String, String> dimensions() {
            return "default".equals(busName) ? Map.of("RuleName", name) : Map.of("RuleName", name, "EventBusName", busName);
        }
    }

    private final Topic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    Operations(Construct scope, String id, Watched watched) {
        super(scope, id);
        topic = Topic.Builder.create(this, "OperationsTopic")
                .displayName("rootwatch operations")
                .masterKey(watched.key())
                .enforceSsl(true)
                .build();
        watched.emails().forEach(email -> topic.addSubscription(EmailSubscription.Builder.create(email).build()));

        alarm("DetectorErrors", "The detector function failed", watched.detector().metricErrors(), 0);
        alarm("DetectorThrottles", "The detector function was throttled", watched.detector().metricThrottles(), 0);
        for (WatchedRule rule : watched.rules()) {
            alarm(rule.id() + "FailedInvocations", "The rule could not deliver root activity to the queue",
                    eventsMetric("FailedInvocations", rule), 0);
            alarm(rule.id() + "DlqFailures", "The rule could not even dead-letter root activity: events lost",
                    eventsMetric("InvocationsFailedToBeSentToDlq", rule), 0);
        }
        alarm("OldestQueuedEvent", "Root events wait in the queue: the detector is not keeping up or keeps failing",
                watched.eventQueue().metricApproximateAgeOfOldestMessage(), OLDEST_EVENT_AGE_LIMIT.toSeconds().doubleValue());
        for (Queue dlq : watched.deadLetterQueues()) {
            alarm(dlq.getNode().getId() + "NotEmpty", "Root events were dead-lettered: fix the cause, then rootwatch redrive",
                    dlq.metricApproximateNumberOfMessagesVisible(), 0);
        }
        Metric heartbeat = Metric.Builder.create().namespace("rootwatch").metricName("Heartbeat")
                .statistic("Sum").period(Duration.hours(1)).build();
        alarms.add(Alarm.Builder.create(this, "HeartbeatMissing")
                .alarmDescription("No self-test event reached the detector for " + HEARTBEAT_MISSING_HOURS + " hours: the path is broken")
                .metric(heartbeat)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(HEARTBEAT_MISSING_HOURS)
                .datapointsToAlarm(HEARTBEAT_MISSING_HOURS)
                .treatMissingData(TreatMissingData.BREACHING)
                .build());
        alarms.forEach(alarm -> alarm.addAlarmAction(new SnsAction(topic)));

        heartbeatSchedule(watched.bus());
        dashboard(watched);
    }

    private void alarm(String id, String description, IMetric metric, double threshold) {
        alarms.add(Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    private static Metric eventsMetric(String name, WatchedRule rule) {
        return Metric.Builder.create().namespace("AWS/Events").metricName(name)
                .dimensionsMap(rule.dimensions())
                .statistic("Sum").period(Duration.minutes(5)).build();
    }

    /** The self-test: a daily event put on the root-activity bus, which the rules, queue and function carry like a root event. */
    private void heartbeatSchedule(EventBus bus) {
        Role role = Role.Builder.create(this, "HeartbeatRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(
                        Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()))))
                .description("rootwatch heartbeat: may put events on the root-activity bus only")
                .build();
        bus.grantPutEventsTo(role);
        CfnSchedule.Builder.create(this, "Heartbeat")
                .description("rootwatch self-test: proves daily that bus, rule, queue and function work")
                .scheduleExpression("rate(1 day)")
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(bus.getEventBusArn())
                        .roleArn(role.getRoleArn())
                        .input("{\"purpose\":\"rootwatch self-test\"}")
                        .eventBridgeParameters(CfnSchedule.EventBridgeParametersProperty.builder()
                                .source(HEARTBEAT_SOURCE)
                                .detailType("rootwatch self-test")
                                .build())
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder().maximumRetryAttempts(10).build())
                        .build())
                .build();
    }

    private void dashboard(Watched watched) {
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName("rootwatch").build();
        dashboard.addWidgets(
                GraphWidget.Builder.create().title("Root events by category and severity").width(24)
                        .left(List.of(MathExpression.Builder.create()
                                .expression("SEARCH('{rootwatch,Category,Severity} MetricName=\"RootEvents\"', 'Sum', 3600)")
                                .label("").period(Duration.hours(1)).build()))
                        .build());
        dashboard.addWidgets(
                GraphWidget.Builder.create().title("Alerts sent, duplicates skipped, failures").width(12)
                        .left(List.of(rootwatchMetric("AlertsSent"), rootwatchMetric("DuplicatesSkipped"),
                                rootwatchMetric("Failures"), rootwatchMetric("PartialRecords")))
                        .build(),
                GraphWidget.Builder.create().title("Heartbeat (one a day)").width(12)
                        .left(List.of(rootwatchMetric("Heartbeat")))
                        .build());
        List<IMetric> depths = new ArrayList<>();
        depths.add(watched.eventQueue().metricApproximateNumberOfMessagesVisible());
        watched.deadLetterQueues().forEach(dlq -> depths.add(dlq.metricApproximateNumberOfMessagesVisible()));
        dashboard.addWidgets(
                GraphWidget.Builder.create().title("Event queue and dead-letter queue depth").width(12).left(depths).build(),
                GraphWidget.Builder.create().title("Detector errors and throttles").width(12)
                        .left(List.of(watched.detector().metricErrors(), watched.detector().metricThrottles())).build());
    }

    private static Metric rootwatchMetric(String name) {
        return Metric.Builder.create().namespace("rootwatch").metricName(name).statistic("Sum").period(Duration.hours(1)).build();
    }

    Topic topic() {
        return topic;
    }
}
