package io.rootwatch.deployment;

import java.util.List;

/**
 * The names the deployment gives its resources, in one place: the CDK app creates them under these
 * names and {@code rootwatch doctor} looks for them under the same ones.
 */
public final class DeploymentNames {
    /** The central account's custom bus, where forwarders from other accounts and regions deliver. */
    public static final String CENTRAL_BUS = "rootwatch-root-activity";
    /** The central stack's rule on {@link #CENTRAL_BUS}. */
    public static final String CENTRAL_BUS_RULE = "rootwatch-root-activity-central";
    /** The central stack's rule on its home region's default bus (the central account's own events there). */
    public static final String HOME_DEFAULT_BUS_RULE = "rootwatch-root-activity-default";
    /** Every forwarder's rule on the default bus of its account and region. */
    public static final String FORWARDER_RULE = "rootwatch-root-activity-forwarder";
    /** Every forwarder's dead-letter queue: named, so that an auditor finds it in any account and region without the stack. */
    public static final String FORWARDER_DEAD_LETTER_QUEUE = "rootwatch-forwarder-dead-letters";
    public static final String DEFAULT_BUS = "default";
    /** The service-managed StackSet that deploys the forwarders to member accounts. */
    public static final String FORWARDER_STACK_SET = "rootwatch-forwarders";
    /** The rule state that also delivers read-only management events, which root reads are. */
    public static final String ALL_MANAGEMENT_EVENTS = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
    /** The daily self-test arrives once a day: missing for this long, the path is broken. */
    public static final int HEARTBEAT_MISSING_HOURS = 26;

    /** The regions enabled by default in every account: the commercial regions that are not opt-in. */
    public static final List<String> DEFAULT_REGIONS = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
            "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1");
    /** Global services (IAM, sign-in, Organizations, ...) record their events here: never left out. */
    public static final String GLOBAL_EVENTS_REGION = "us-east-1";

    private DeploymentNames() {
    }
}
