package io.rootwatch.cli;

import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.FaultyEndpoint;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

import java.io.IOException;
import java.nio.file.Files;

import static io.rootwatch.cli.DoctorDeployment.CENTRAL;
import static io.rootwatch.cli.DoctorDeployment.MEMBER;
import static io.rootwatch.cli.DoctorDeployment.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * rootwatch doctor visits accounts and regions --parallel at a time: the report is the same, line
 * for line, as one after another, and a region that fails (throttled here) fails its own lines
 * while the rest of the run completes.
 */
@DummyCredentials
class DoctorParallelTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    /** Regions with nothing deployed: each fails its forwarder lines, so the report's order shows. */
    private static final String UNDEPLOYED_REGIONS = "sa-east-1,ap-south-1,eu-north-1,ca-central-1,ap-northeast-1,us-west-2";

    private DoctorDeployment deployment;

    @BeforeEach
    void workingDeployment() throws Exception {
        deployment = new DoctorDeployment(MOTO).build();
    }

    /** Times and moto_server's port (in the redrive commands the report prints) vary from run to run. */
    private static String stable(String out) {
        return out.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
                .replace(MOTO.endpoint().toString(), "<endpoint>");
    }

    @ParameterizedTest(name = "--parallel {0}")
    @ValueSource(strings = {"1", "2", "16"})
    void aWorkingDeploymentGivesTheGoldenReportAtAnyParallelism(String parallel) throws IOException {
        Rootwatch.Run run = Rootwatch.run(deployment.doctor("--parallel", parallel));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(stable(run.out())).isEqualTo(Files.readString(Rootwatch.resource("doctor/working-deployment.txt")));
    }

    @ParameterizedTest(name = "--parallel {0}")
    @ValueSource(strings = {"1", "2", "16"})
    void aBrokenDeploymentInManyRegionsGivesTheGoldenReportAtAnyParallelism(String parallel) throws IOException {
        try (EventBridgeClient events = deployment.memberEvents(OTHER)) {
            deployment.forwarderState(events, RuleState.DISABLED);
        }
        deployment.centralForwarderDeadLetters(OTHER, 4);

        Rootwatch.Run run = Rootwatch.run(deployment.doctor("--regions", UNDEPLOYED_REGIONS, "--parallel", parallel));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(stable(run.out())).isEqualTo(Files.readString(Rootwatch.resource("doctor/broken-in-many-regions.txt")));
    }

    @Test
    void aThrottledRegionFailsItsOwnLinesAndTheRestOfTheRunCompletes() throws IOException {
        try (FaultyEndpoint throttled = new FaultyEndpoint(MOTO.endpoint())) {
            throttled.mode(FaultyEndpoint.Mode.RATE_EXCEEDED);
            throttled.onlyIn("eu-west-1");

            Rootwatch.Run run = Rootwatch.run(deployment.doctorThrough(throttled.endpoint()));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.outLines()).filteredOn(line -> line.contains(" FAIL ")).hasSize(4).allSatisfy(line -> assertThat(line)
                    .containsPattern("^forwarder-(rule|dead-letters) +(" + CENTRAL + "|" + MEMBER + ")/eu-west-1 ")
                    .endsWith("could not check: ThrottlingException: Rate exceeded"));
            assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("forwarder-rule").contains(MEMBER + "/us-east-1")
                    .contains(" PASS "));
            assertThat(run.outLines().getLast()).isEqualTo("17 checks: 12 passed, 1 warnings, 4 failed (exit status 1)");
            assertThat(throttled.refused()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aParallelismBelowOneIsAUsageError() {
        Rootwatch.Run run = Rootwatch.run(deployment.doctor("--parallel", "0"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--parallel takes a number of at least 1, got: 0");
    }
}
