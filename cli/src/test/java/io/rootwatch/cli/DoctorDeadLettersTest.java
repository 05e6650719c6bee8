package io.rootwatch.cli;

import io.rootwatch.deployment.DeploymentNames;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.rootwatch.cli.DoctorDeployment.CENTRAL;
import static io.rootwatch.cli.DoctorDeployment.MEMBER;
import static io.rootwatch.cli.DoctorDeployment.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * rootwatch doctor's dead-letter check against a deployment in moto_server: every forwarder's
 * rootwatch-forwarder-dead-letters and the central stack's two dead-letter queues must be empty;
 * a dead letter fails its place with the count and what to do about it.
 */
@DummyCredentials
class DoctorDeadLettersTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String HOME_SCOPE = CENTRAL + "/us-east-1";

    private DoctorDeployment deployment;

    @BeforeEach
    void workingDeployment() throws Exception {
        deployment = new DoctorDeployment(MOTO).build();
    }

    private Rootwatch.Run doctor(String... more) {
        return Rootwatch.run(deployment.doctor(more));
    }

    /** The one line of {@code check} in {@code scope} that also contains {@code detail}. */
    private static String line(Rootwatch.Run run, String check, String scope, String detail) {
        List<String> lines = run.outLines().stream()
                .filter(l -> l.startsWith(check + " ") && l.contains(" " + scope + " ") && l.contains(detail)).toList();
        assertThat(lines).as(run.out() + run.err()).hasSize(1);
        return lines.getFirst();
    }

    @Test
    void emptyForwarderDeadLetterQueuesPassInEveryAccountAndRegion() {
        Rootwatch.Run run = doctor();

        assertThat(run.exitCode()).as(run.out()).isZero();
        for (String scope : List.of(CENTRAL + "/eu-west-1", MEMBER + "/us-east-1", MEMBER + "/eu-west-1")) {
            assertThat(line(run, "forwarder-dead-letters", scope, DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE + ": empty")).contains(" PASS ");
        }
    }

    @Test
    void theCentralHomeRegionHasNoForwarderAndSoNoForwarderDeadLetterLine() {
        Rootwatch.Run run = doctor();

        assertThat(run.outLines()).noneSatisfy(l -> assertThat(l).startsWith("forwarder-dead-letters").contains(" " + HOME_SCOPE + " "));
    }

    @ParameterizedTest(name = "{0} dead letters: {1}")
    @CsvSource({"1, 1 root event that never reached the central bus (1 waiting, 0 in flight)",
            "3, 3 root events that never reached the central bus (3 waiting, 0 in flight)"})
    void aNonEmptyForwarderDeadLetterQueueFailsItsPlaceWithTheCount(int count, String detail) {
        deployment.memberForwarderDeadLetters(OTHER, count);

        Rootwatch.Run run = doctor();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(line(run, "forwarder-dead-letters", MEMBER + "/eu-west-1", detail)).contains(" FAIL ");
        assertThat(run.outLines()).filteredOn(l -> l.contains(" FAIL ")).hasSize(1);
    }

    @Test
    void aMemberForwardersDeadLettersGetARedriveCommandThatReadsThemThroughTheRoleInItsRegion() {
        deployment.memberForwarderDeadLetters(OTHER, 2);

        String failure = line(doctor(), "forwarder-dead-letters", MEMBER + "/eu-west-1", " FAIL ");

        assertThat(failure).contains("once the cause is fixed, rootwatch redrive --region us-east-1 --endpoint-url " + MOTO.endpoint()
                + " --from " + deployment.memberForwarderDeadLetterQueueUrl(OTHER) + " --from-region eu-west-1"
                + " --from-role-arn arn:aws:iam::" + MEMBER + ":role/" + DoctorDeployment.ROLE + " --to " + deployment.eventQueueUrl());
    }

    @Test
    void theRedriveCommandDoctorPrintsForAMemberForwarderEmptiesItsQueueIntoTheEventQueue() {
        deployment.memberForwarderDeadLetters(OTHER, 3);
        String failure = line(doctor(), "forwarder-dead-letters", MEMBER + "/eu-west-1", " FAIL ");

        Rootwatch.Run redrive = Rootwatch.run(commandIn(failure));

        assertThat(redrive.exitCode()).as(redrive.err()).isZero();
        assertThat(redrive.out()).contains("moved 3 messages");
        assertThat(deployment.memberMessagesIn(OTHER, deployment.memberForwarderDeadLetterQueueUrl(OTHER))).isZero();
        assertThat(deployment.messagesIn(deployment.eventQueueUrl())).isEqualTo(3);
        assertThat(line(doctor(), "forwarder-dead-letters", MEMBER + "/eu-west-1", DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE + ": empty"))
                .contains(" PASS ");
    }

    @Test
    void theRedriveCommandDoctorPrintsForTheCentralAccountsOtherRegionNeedsNoRole() {
        deployment.centralForwarderDeadLetters(OTHER, 2);
        String failure = line(doctor(), "forwarder-dead-letters", CENTRAL + "/eu-west-1", " FAIL ");

        Rootwatch.Run redrive = Rootwatch.run(commandIn(failure));

        assertThat(failure).doesNotContain("--from-role-arn");
        assertThat(redrive.exitCode()).as(redrive.err()).isZero();
        assertThat(deployment.messagesIn(deployment.eventQueueUrl())).isEqualTo(2);
        assertThat(line(doctor(), "forwarder-dead-letters", CENTRAL + "/eu-west-1", DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE + ": empty"))
                .contains(" PASS ");
    }

    @Test
    void withoutTheEventQueueOutputAForwardersFailureSaysWhyThereIsNoCommand() {
        deployment.centralForwarderDeadLetters(OTHER, 1);

        String failure = line(doctor("--stack", "NoSuchStack"), "forwarder-dead-letters", CENTRAL + "/eu-west-1", " FAIL ");

        assertThat(failure).contains("move them to the event queue with rootwatch redrive (the central stack NoSuchStack could not be read")
                .doesNotContain("--from");
    }

    /** The redrive command at the end of a doctor line, as arguments to the rootwatch command. */
    private static String[] commandIn(String failure) {
        return failure.substring(failure.indexOf("rootwatch redrive ") + "rootwatch ".length()).strip().split(" ");
    }

    @Test
    void aMissingForwarderDeadLetterQueueFailsItsPlace() {
        deployment.deleteMemberForwarderDeadLetterQueue(OTHER);

        Rootwatch.Run run = doctor();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(line(run, "forwarder-dead-letters", MEMBER + "/eu-west-1", DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE + " is missing"))
                .contains(" FAIL ");
    }

    @Test
    void emptyCentralDeadLetterQueuesPass() {
        Rootwatch.Run run = doctor();

        assertThat(line(run, "central-dead-letters", HOME_SCOPE, "Rootwatch-EventDeadLetterQueue: empty")).contains(" PASS ");
        assertThat(line(run, "central-dead-letters", HOME_SCOPE, "Rootwatch-RuleTargetDeadLetterQueue: empty")).contains(" PASS ");
    }

    @Test
    void detectorDeadLettersFailWithTheCountAndTheRedriveCommand() {
        deployment.centralDeadLetters(deployment.eventDeadLetterQueueUrl(), 2);

        Rootwatch.Run run = doctor();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(line(run, "central-dead-letters", HOME_SCOPE, "Rootwatch-EventDeadLetterQueue: ")).contains(" FAIL ")
                .contains("2 events the detector failed on 300 times (2 waiting, 0 in flight); once the cause is fixed, rootwatch redrive"
                        + " --region us-east-1 --endpoint-url " + MOTO.endpoint() + " --from " + deployment.eventDeadLetterQueueUrl()
                        + " --to " + deployment.eventQueueUrl());
    }

    @Test
    void undeliveredRuleTargetDeadLettersFailWithTheCountAndTheRedriveCommand() {
        deployment.centralDeadLetters(deployment.ruleTargetDeadLetterQueueUrl(), 1);

        assertThat(line(doctor(), "central-dead-letters", HOME_SCOPE, "Rootwatch-RuleTargetDeadLetterQueue: ")).contains(" FAIL ")
                .contains("1 event EventBridge could not deliver to the event queue (1 waiting, 0 in flight)")
                .contains("--from " + deployment.ruleTargetDeadLetterQueueUrl() + " --to " + deployment.eventQueueUrl());
    }

    @Test
    void deadLettersBeingReceivedStillCount() {
        deployment.centralDeadLetters(deployment.eventDeadLetterQueueUrl(), 3);
        deployment.receiveWithoutDeleting(deployment.eventDeadLetterQueueUrl(), 1);

        assertThat(line(doctor(), "central-dead-letters", HOME_SCOPE, "Rootwatch-EventDeadLetterQueue: "))
                .contains(" FAIL ").contains("3 events the detector failed on 300 times (2 waiting, 1 in flight)");
    }

    @Test
    void theRedriveCommandDoctorPrintsEmptiesTheQueue() {
        deployment.centralDeadLetters(deployment.eventDeadLetterQueueUrl(), 2);
        String failure = line(doctor(), "central-dead-letters", HOME_SCOPE, "Rootwatch-EventDeadLetterQueue: ");
        String command = failure.substring(failure.indexOf("rootwatch redrive ") + "rootwatch ".length());

        Rootwatch.Run redrive = Rootwatch.run(command.split(" "));

        assertThat(redrive.exitCode()).as(redrive.err()).isZero();
        assertThat(deployment.messagesIn(deployment.eventDeadLetterQueueUrl())).isZero();
        assertThat(deployment.messagesIn(deployment.eventQueueUrl())).isEqualTo(2);
        assertThat(line(doctor(), "central-dead-letters", HOME_SCOPE, "Rootwatch-EventDeadLetterQueue: empty")).contains(" PASS ");
    }

    @Test
    void withoutTheCentralStackItsDeadLetterQueuesCannotBeCheckedAndFail() {
        Rootwatch.Run run = doctor("--stack", "NoSuchStack");

        assertThat(run.outLines()).filteredOn(l -> l.startsWith("central-dead-letters")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains(" FAIL ").contains("could not check: the central stack NoSuchStack could not be read"));
    }
}
