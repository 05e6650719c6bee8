package io.rootwatch.lambda;

import io.rootwatch.audit.Heartbeats;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployable jar, shaded and minimized, run in a fresh JVM against moto_server exactly as the
 * Lambda runtime would run it: a class that minimization dropped would fail here, not in AWS.
 */
class ShadedJarIT {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    /** The Lambda deployment package limit is 50 MB zipped; ours is held to 10 MB because size costs cold start. */
    private static final long SIZE_BUDGET = 10_000_000L;

    private DetectorFixture fixture;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
    }

    private static Path jar() {
        return Path.of(System.getProperty("rootwatch.lambdaJar"));
    }

    @Test
    void theJarStaysUnderItsSizeBudget() throws IOException {
        assertThat(Files.size(jar())).isLessThan(SIZE_BUDGET);
    }

    private Process invoke(String topicArn, List<String> files) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar().toString(), "io.rootwatch.lambda.LocalInvoke"));
        command.addAll(files);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                DetectorConfig.TABLE, DetectorFixture.TABLE, DetectorConfig.TOPIC, topicArn));
        return builder.start();
    }

    @Test
    void theJarFailsCleanlyWhenAServiceAnswersWithAnError() throws Exception {
        Process process = invoke("arn:aws:sns:us-east-1:123456789012:no-such-topic",
                List.of(DetectorFixture.samples().resolve("signin-root-success-no-mfa.json").toString(),
                        DetectorFixture.samples().resolve("not-root-iam-user-console-login.json").toString()));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isEqualTo(1);
        assertThat(output).contains("message failed, to be retried").contains("failed: local-0")
                .doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException").doesNotContain("failed: local-1");
    }

    @Test
    void theJarRecordsAndAlertsEveryKindOfEventInAFreshJvm() throws Exception {
        Path selfTest = Files.writeString(Files.createTempFile("selftest", ".json"), """
                {"version":"0","id":"hb-it","detail-type":"rootwatch self-test","source":"rootwatch.selftest",
                 "account":"111122223333","time":"2026-11-02T06:00:00Z","region":"us-east-1","resources":[],"detail":{}}
                """);
        List<String> files = new ArrayList<>(List.of(
                "signin-root-success-no-mfa.json", "signin-root-failure-wrong-password.json",
                "credential-root-create-access-key.json", "task-close-account.json", "centralized-assume-root-s3-unlock.json",
                "centralized-member-delete-bucket-policy.json", "service-root-invoked-by-glue.json", "not-root-iam-user-console-login.json"));
        List<String> paths = new ArrayList<>();
        files.forEach(file -> paths.add(DetectorFixture.samples().resolve(file).toString()));
        paths.add(selfTest.toString());
        Process process = invoke(fixture.topicArn, paths);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).doesNotContain("\"level\":\"ERROR\"");
        assertThat(fixture.allEvents()).hasSize(files.size());
        assertThat(fixture.item(Heartbeats.LATEST)).isPresent();
        assertThat(fixture.inbox.notifications()).hasSize(6);
    }
}
