package io.rootwatch.cli.aws;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.util.Map;
import java.util.stream.Collectors;

/** The outputs of a deployed rootwatch stack, so commands find its table, topic and bus by the stack's name. */
public record StackOutputs(String stackName, Map<String, String> values) {
    public static final String AUDIT_TABLE_NAME = "AuditTableName";
    public static final String ALERT_TOPIC_ARN = "AlertTopicArn";
    public static final String ROOT_ACTIVITY_BUS_ARN = "RootActivityBusArn";
    public static final String EVENT_QUEUE_URL = "EventQueueUrl";
    public static final String EVENT_DEAD_LETTER_QUEUE_URL = "EventDeadLetterQueueUrl";
    public static final String RULE_TARGET_DEAD_LETTER_QUEUE_URL = "RuleTargetDeadLetterQueueUrl";

    public StackOutputs {
        values = Map.copyOf(values);
    }

    public static StackOutputs of(CloudFormationClient cloudFormation, String stackName) {
        Stack stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().getFirst();
        return new StackOutputs(stackName, stack.outputs().stream()
                .collect(Collectors.toMap(Output::outputKey, Output::outputValue, (a, b) -> b)));
    }

    public String require(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("stack " + stackName + " has no output " + key
                    + " (is it the rootwatch central stack? give the name with --stack, or the value directly)");
        }
        return value;
    }
}
