package io.rootwatch.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.rootwatch.deployment.DeploymentNames;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One account and region's forwarder: a rule on the default bus, with the shared root-activity
 * pattern, sending to the central bus through a role that may do nothing else.
 *
 * <p>The same template is a StackSet template instantiated in every account and region, so it
 * has no assets, no bootstrap version check and no customer-managed key (the dead-letter queue uses
 * SQS-managed encryption). Its one resource billed while idle is the alarm on the dead-letter
 * queue, left out with {@link Forwarding.DeadLetterAlarms#NONE}.
 */
public final class ForwarderStack extends Stack {
    static final String RULE_NAME = DeploymentNames.FORWARDER_RULE;
    static final String DEAD_LETTER_QUEUE_NAME = DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE;

    private final CfnRule rule;
    private final Role role;
    private final Queue deadLetters;
    private final Optional<Alarm> deadLetterAlarm;

    public ForwarderStack(Construct scope, String id, StackProps props, String centralBusArn, Forwarding.DeadLetterAlarms alarms) {
        super(scope, id, withoutBootstrap(props));

        role = Role.Builder.create(this, "ForwarderRole")
                .description("rootwatch forwarder: puts root activity on the central bus, nothing else")
                .assumedBy(new ServicePrincipal("events.amazonaws.com")
                        .withConditions(Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount()))))
                .inlinePolicies(Map.of("PutEventsOnTheCentralBus", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .effect(Effect.ALLOW)
                                .actions(List.of("events:PutEvents"))
                                .resources(List.of(centralBusArn))
                                .build()))
                        .build()))
                .build();

        deadLetters = Queue.Builder.create(this, "ForwarderDeadLetterQueue")
                .queueName(DEAD_LETTER_QUEUE_NAME)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DetectorStack.QUEUE_RETENTION)
                .build();
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
                .reason("This queue is the forwarder rule's dead-letter target (EventBridge DeadLetterConfig, which cdk-nag"
                        + " does not see): its messages are inspected and redriven by hand, not retried into another DLQ.")
                .build()));

        rule = CfnRule.Builder.create(this, "ForwardRootActivity")
                .name(RULE_NAME)
                .description("rootwatch: forwards root sign-ins, root API calls (reads included), AssumeRoot to the central bus")
                .eventBusName("default")
                .eventPattern(DetectorStack.pattern())
                .state(DetectorStack.ALL_MANAGEMENT_EVENTS)
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("CentralBus")
                        .arn(centralBusArn)
                        .roleArn(role.getRoleArn())
                        .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(DetectorStack.TARGET_RETRY_ATTEMPTS)
                                .maximumEventAgeInSeconds(DetectorStack.TARGET_MAX_EVENT_AGE_SECONDS)
                                .build())
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deadLetters.getQueueArn()).build())
                        .build()))
                .build();
        deadLetters.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowForwarderRule")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetters.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
                .build());

        deadLetterAlarm = alarms == Forwarding.DeadLetterAlarms.NONE ? Optional.empty() : Optional.of(alarmOnDeadLetters());
    }

    private Alarm alarmOnDeadLetters() {
        return Alarm.Builder.create(this, "ForwarderDeadLettersAlarm")
                .alarmDescription("rootwatch forwarder: root activity could not be delivered to the central bus (for 24 hours,"
                        + " or at once on a permission error); it waits in the forwarder's dead-letter queue")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible().with(
                        MetricOptions.builder()
                                .period(Duration.minutes(5)).statistic("Maximum").build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static StackProps withoutBootstrap(StackProps props) {
        return StackProps.builder()
                .description(props.getDescription() != null ? props.getDescription()
                        : "rootwatch forwarder: sends this account and region's root activity to the central bus")
                .env(props.getEnv())
                .analyticsReporting(false)
                .synthesizer(new BootstraplessSynthesizer())
                .build();
    }

    public CfnRule rule() {
        return rule;
    }

    public Role role() {
        return role;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public Optional<Alarm> deadLetterAlarm() {
        return deadLetterAlarm;
    }
}
