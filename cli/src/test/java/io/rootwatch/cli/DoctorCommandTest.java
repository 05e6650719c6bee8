package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.deployment.DeploymentNames;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.FaultyEndpoint;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static io.rootwatch.cli.DoctorDeployment.CENTRAL;
import static io.rootwatch.cli.DoctorDeployment.HOME;
import static io.rootwatch.cli.DoctorDeployment.MEMBER;
import static io.rootwatch.cli.DoctorDeployment.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * rootwatch doctor against a deployment in moto_server: a working one passes every check; each
 * broken piece fails the check that names it, in the place it is broken, with exit status 1.
 */
@DummyCredentials
class DoctorCommandTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private DoctorDeployment deployment;

    @BeforeEach
    void workingDeployment() throws Exception {
        deployment = new DoctorDeployment(MOTO).build();
    }

    private Rootwatch.Run doctor(String... more) {
        return Rootwatch.run(deployment.doctor(more));
    }

    /** The table with times and the emulator's port made stable. */
    private static String stable(String out) {
        return out.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>");
    }

    private static void assertFails(Rootwatch.Run run, String check, String scope, String detail) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.outLines()).as(run.out())
                .anySatisfy(line -> assertThat(line).startsWith(check).contains(" " + scope + " ").contains(" FAIL ").contains(detail));
    }

    @Test
    void aWorkingDeploymentPassesEveryCheckAndExitsZero() throws IOException {
        Rootwatch.Run run = doctor();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String expected = Files.readString(Rootwatch.resource("doctor/working-deployment.txt"));
        assertThat(stable(run.out())).isEqualTo(expected);
    }

    @Test
    void noTrailFailsTheTrailCheck() {
        try (CloudTrailClient trail = deployment.centralTrail()) {
            trail.deleteTrail(b -> b.name(DoctorDeployment.TRAIL));
        }

        assertFails(doctor(), "trail", CENTRAL, "no trail");
    }

    @Test
    void aSingleRegionTrailFailsTheTrailCheck() {
        try (CloudTrailClient trail = deployment.centralTrail()) {
            trail.updateTrail(b -> b.name(DoctorDeployment.TRAIL).isMultiRegionTrail(false));
        }

        assertFails(doctor(), "trail", CENTRAL, "single-region");
    }

    @Test
    void aTrailThatStoppedLoggingFailsTheTrailCheck() {
        try (CloudTrailClient trail = deployment.centralTrail()) {
            trail.stopLogging(b -> b.name(DoctorDeployment.TRAIL));
        }

        assertFails(doctor(), "trail", CENTRAL, "not logging");
    }

    @Test
    void aTrailLoggingOnlyWriteEventsFailsTheTrailCheck() {
        try (CloudTrailClient trail = deployment.centralTrail()) {
            trail.putEventSelectors(b -> b.trailName(DoctorDeployment.TRAIL)
                    .eventSelectors(s -> s.readWriteType(ReadWriteType.WRITE_ONLY).includeManagementEvents(true)));
        }

        assertFails(doctor(), "trail", CENTRAL, "management events logged [WRITE] only");
    }

    @Test
    void anAdvancedSelectorForManagementEventsPassesTheTrailCheck() {
        try (CloudTrailClient trail = deployment.centralTrail()) {
            trail.putEventSelectors(b -> b.trailName(DoctorDeployment.TRAIL).advancedEventSelectors(s -> s.name("management")
                    .fieldSelectors(f -> f.field("eventCategory").equalsValue("Management"))));
        }

        Rootwatch.Run run = doctor();

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("trail").contains(CENTRAL).contains("PASS"));
    }

    @Test
    void anAdvancedSelectorForReadOnlyManagementEventsFailsTheTrailCheck() {
        try (CloudTrailClient trail = deployment.centralTrail()) {
            trail.putEventSelectors(b -> b.trailName(DoctorDeployment.TRAIL).advancedEventSelectors(s -> s.name("reads")
                    .fieldSelectors(f -> f.field("eventCategory").equalsValue("Management"),
                            f -> f.field("readOnly").equalsValue("true"))));
        }

        assertFails(doctor(), "trail", CENTRAL, "management events logged [READ] only");
    }

    @Test
    void aMissingForwarderFailsItsRegion() {
        try (EventBridgeClient events = deployment.centralEvents(OTHER)) {
            deployment.deleteForwarder(events);
        }

        Rootwatch.Run run = doctor();

        assertFails(run, "forwarder-rule", CENTRAL + "/eu-west-1", DeploymentNames.FORWARDER_RULE + " is missing");
        assertThat(run.outLines()).filteredOn(line -> line.contains(" FAIL ")).hasSize(1);
    }

    @Test
    void aDisabledForwarderFailsItsRegion() {
        try (EventBridgeClient events = deployment.centralEvents(OTHER)) {
            deployment.forwarderState(events, RuleState.DISABLED);
        }

        assertFails(doctor(), "forwarder-rule", CENTRAL + "/eu-west-1", "state DISABLED");
    }

    @Test
    void aForwarderWithoutReadEventsFailsItsRegion() {
        try (EventBridgeClient events = deployment.centralEvents(OTHER)) {
            deployment.forwarderState(events, RuleState.ENABLED);
        }

        assertFails(doctor(), "forwarder-rule", CENTRAL + "/eu-west-1", "state ENABLED, not " + DeploymentNames.ALL_MANAGEMENT_EVENTS
                + " (root reads are not delivered)");
    }

    @Test
    void aForwarderWithAnotherPatternFailsItsRegion() {
        try (EventBridgeClient events = deployment.centralEvents(OTHER)) {
            events.putRule(b -> b.name(DeploymentNames.FORWARDER_RULE).state(DeploymentNames.ALL_MANAGEMENT_EVENTS)
                    .eventPattern("{\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}"));
        }

        assertFails(doctor(), "forwarder-rule", CENTRAL + "/eu-west-1", "event pattern differs from rootwatch's");
    }

    @Test
    void aForwarderToAnotherBusFailsItsRegion() {
        try (EventBridgeClient events = deployment.centralEvents(OTHER)) {
            events.putTargets(b -> b.rule(DeploymentNames.FORWARDER_RULE).targets(Target.builder().id("CentralBus")
                    .arn("arn:aws:events:us-east-1:999988887777:event-bus/elsewhere").roleArn("arn:aws:iam::123456789012:role/r")
                    .deadLetterConfig(d -> d.arn("arn:aws:sqs:eu-west-1:123456789012:dlq")).build()));
        }

        assertFails(doctor(), "forwarder-rule", CENTRAL + "/eu-west-1", "not " + DoctorDeployment.CENTRAL_BUS_ARN);
    }

    @Test
    void aForwarderWithoutDeadLetterQueueFailsItsRegion() {
        try (EventBridgeClient events = deployment.centralEvents(OTHER)) {
            events.putTargets(b -> b.rule(DeploymentNames.FORWARDER_RULE).targets(Target.builder().id("CentralBus")
                    .arn(DoctorDeployment.CENTRAL_BUS_ARN).roleArn("arn:aws:iam::123456789012:role/r").build()));
        }

        assertFails(doctor(), "forwarder-rule", CENTRAL + "/eu-west-1", "target has no dead-letter queue");
    }

    @Test
    void aMissingForwarderInAMemberAccountFailsThatAccountsRegion() {
        try (EventBridgeClient events = deployment.memberEvents(OTHER)) {
            deployment.deleteForwarder(events);
        }

        assertFails(doctor(), "forwarder-rule", MEMBER + "/eu-west-1", "is missing");
    }

    @Test
    void aDisabledCentralRuleFailsTheHomeRegion() {
        try (EventBridgeClient events = deployment.centralEvents(HOME)) {
            events.disableRule(b -> b.name(DeploymentNames.CENTRAL_BUS_RULE).eventBusName(DeploymentNames.CENTRAL_BUS));
        }

        assertFails(doctor(), "central-rule", CENTRAL + "/us-east-1", DeploymentNames.CENTRAL_BUS_RULE + " on "
                + DeploymentNames.CENTRAL_BUS + ": state DISABLED");
    }

    @Test
    void aForwarderInTheCentralHomeRegionFailsAsDoubleDelivery() {
        try (EventBridgeClient events = deployment.centralEvents(HOME)) {
            deployment.forwarderState(events, RuleState.ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS);
        }

        assertFails(doctor(), "forwarder-rule", CENTRAL + "/us-east-1", "every event arrives twice");
    }

    @Test
    void aTopicWithoutSubscriptionsFailsTheAlertTopicCheck() {
        deployment.unsubscribeEveryone();

        assertFails(doctor(), "alert-topic", CENTRAL + "/us-east-1", "no confirmed subscription, nobody receives root alerts");
    }

    @Test
    void aHeartbeatOlderThan26HoursFailsTheHeartbeatCheck() {
        deployment.heartbeatArrived(Duration.ofHours(27));

        assertFails(doctor(), "heartbeat", CENTRAL + "/us-east-1", "(27 h ago), over 26 h");
    }

    @Test
    void whenAwsDoesNotAnswerDoctorSaysSoAndExitsOne() throws IOException {
        try (FaultyEndpoint down = new FaultyEndpoint(MOTO.endpoint())) {
            down.mode(FaultyEndpoint.Mode.UNAVAILABLE);

            Rootwatch.Run run = Rootwatch.run("doctor", "--region", "us-east-1", "--endpoint-url", down.endpoint().toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("rootwatch doctor: cannot identify the caller (sts:GetCallerIdentity)");
        }
    }

    @Test
    void aMissingCentralStackFailsTheChecksThatNeedItsOutputs() {
        Rootwatch.Run run = doctor("--stack", "NoSuchStack");

        assertFails(run, "central-stack", CENTRAL + "/us-east-1", "the central stack NoSuchStack could not be read");
        assertFails(run, "alert-topic", CENTRAL + "/us-east-1", "could not check");
        assertFails(run, "heartbeat", CENTRAL + "/us-east-1", "could not check");
    }

    @Test
    void aNamedStackSetThatDoesNotExistFails() {
        assertFails(doctor("--stack-set", "no-such-stack-set"), "stack-set", CENTRAL + "/us-east-1", "no StackSet no-such-stack-set");
    }

    @Test
    void theStackSetsInstancesScopeTheRunAndAreChecked() {
        try (var cloudFormation = deployment.centralCloudFormation()) {
            // Self-managed: moto expands a service-managed StackSet's OUs only with an organization to read them from.
            cloudFormation.createStackSet(b -> b.stackSetName(DeploymentNames.FORWARDER_STACK_SET)
                    .templateBody("{\"Resources\": {\"Nothing\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}}}"));
            cloudFormation.createStackInstances(b -> b.stackSetName(DeploymentNames.FORWARDER_STACK_SET)
                    .accounts(MEMBER).regions("us-east-1", "eu-west-1"));
        }

        Rootwatch.Run run = Rootwatch.run("doctor", "--region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString(),
                "--role-name", DoctorDeployment.ROLE);

        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("stack-set-instances")
                .contains("PASS").contains("2 instances, all CURRENT: 1 accounts, 2 regions"));
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("forwarder-rule")
                .contains(MEMBER + "/eu-west-1").contains("PASS"));
        // moto 5.2.1 does not report AutoDeployment back: on moto this check can only fail.
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("stack-set-auto-deployment")
                .contains("FAIL").contains("DescribeStackSet does not report auto-deployment"));
    }

    @Test
    void stackSetAccountsWithoutARoleAreWarnedAboutNotSkippedSilently() {
        try (var cloudFormation = deployment.centralCloudFormation()) {
            cloudFormation.createStackSet(b -> b.stackSetName(DeploymentNames.FORWARDER_STACK_SET)
                    .templateBody("{\"Resources\": {\"Nothing\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}}}"));
            cloudFormation.createStackInstances(b -> b.stackSetName(DeploymentNames.FORWARDER_STACK_SET)
                    .accounts(MEMBER).regions("us-east-1", "eu-west-1"));
        }

        Rootwatch.Run run = Rootwatch.run("doctor", "--region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString());

        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("account-access").contains(MEMBER)
                .contains("WARN").contains("give --role-name"));
    }

    @Test
    void jsonPrintsOneFindingPerLine() {
        Rootwatch.Run run = doctor("--json");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
                .containsExactly("check", "scope", "status", "detail"));
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("check").asText()).isEqualTo("forwarder-rule");
            assertThat(line.path("scope").asText()).isEqualTo(MEMBER + "/eu-west-1");
            assertThat(line.path("status").asText()).isEqualTo("PASS");
        });
    }

    @Test
    void accountsWithoutARoleNameIsAUsageError() {
        Rootwatch.Run run = Rootwatch.run("doctor", "--accounts", MEMBER);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--accounts needs --role-name");
    }

    @Test
    void aMalformedAccountIdIsAUsageError() {
        Rootwatch.Run run = Rootwatch.run("doctor", "--accounts", "12345", "--role-name", "r");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("12-digit account ids, got: 12345");
    }
}
