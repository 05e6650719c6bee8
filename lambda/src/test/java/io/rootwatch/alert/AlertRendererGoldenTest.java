package io.rootwatch.alert;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.detect.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendering of one alert per kind of event, compared with the golden files under
 * src/test/resources/golden/&lt;case&gt;/ (subject, default, email, sqs, https, attributes), which
 * are there to be read: a change to a rendering shows as a diff of what a responder would see.
 *
 * <p>After a deliberate change, rewrite them and read the diff before committing:
 * {@code ./build -q -pl lambda test -Dtest=AlertRendererGoldenTest -Drootwatch.updateGolden=true}.
 */
class AlertRendererGoldenTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("rootwatch.updateGolden");
    private static final AlertRenderer RENDERER = new AlertRenderer();
    /** One value a line, lists included, so that a diff shows which value changed. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    /** One alert per case: a sample, and the context the detector would have had. */
    private record Case(String name, Supplier<Alert> alert) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One golden file: its name, and how to read it from a rendered alert. */
    private record Rendering(String file, Function<RenderedAlert, String> text) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("signin-root-success-no-mfa", () -> SampleAlert.of("signin-root-success-no-mfa.json")
                    .accountName("prod-payments").build()),
            new Case("signin-root-success-mfa", () -> SampleAlert.of("signin-root-success-mfa.json")
                    .accountName("shared-services").build()),
            new Case("signin-root-failure-burst", () -> SampleAlert.of("signin-root-failure-wrong-password.json")
                    .eventId("signin-failures-111122223333-1793589161000")
                    .session("signin-failures-111122223333-1793589161000", 0)
                    .failureBurst(new Alert.SignInFailureBurst("111122223333", 5, 15, "2026-11-02T03:01:09Z", "2026-11-02T03:12:41Z"))
                    .build()),
            new Case("credential-root-create-access-key", () -> SampleAlert.of("credential-root-create-access-key.json")
                    .accountName("shared-services")
                    .session("0c7d8f4e-6a51-4b53-9a0e-2f1b9d3c5e71", 3).build()),
            new Case("credential-root-deactivate-mfa-device", () -> SampleAlert.of("credential-root-deactivate-mfa-device.json")
                    .accountName("shared-services")
                    .session("0c7d8f4e-6a51-4b53-9a0e-2f1b9d3c5e71", 1).build()),
            new Case("task-close-account-planned", () -> SampleAlert.of("task-close-account.json")
                    .accountName("analytics-retired")
                    .plannedWindow(new BreakGlassWindow("bg-2026-11-08-close-analytics", "210987654321",
                            Instant.parse("2026-11-08T18:00:00Z"), Instant.parse("2026-11-08T20:00:00Z"),
                            "Close the retired analytics account (CHG-4411)",
                            "arn:aws:sts::111122223333:assumed-role/SecurityAdmin/alice"))
                    .build()),
            new Case("api-root-list-buckets-akia", () -> SampleAlert.of("api-root-list-buckets-akia.json").build()),
            new Case("api-root-describe-instances-forwarded", () -> SampleAlert.of("api-root-describe-instances-forwarded.json")
                    .accountName("member-tokyo").build()),
            new Case("centralized-assume-root-s3-unlock", () -> SampleAlert.of("centralized-assume-root-s3-unlock.json")
                    .accountName("management").build()),
            new Case("centralized-member-delete-bucket-policy", () -> SampleAlert.of("centralized-member-delete-bucket-policy.json")
                    .accountName("member-payments")
                    .inSessionOpenedBy("centralized-assume-root-s3-unlock.json").build()),
            new Case("partial-signin-root-success-legacy-no-mfa-field", () -> SampleAlert.of("signin-root-success-legacy-no-mfa-field.json")
                    .record(record -> record.remove(List.of("eventTime", "awsRegion")))
                    .missingFields("eventTime", "awsRegion").build()),
            new Case("service-root-invoked-by-glue", () -> SampleAlert.of("service-root-invoked-by-glue.json").build()),
            new Case("not-root-iam-user-console-login", () -> SampleAlert.of("not-root-iam-user-console-login.json").build()));

    private static final List<Rendering> RENDERINGS = List.of(
            new Rendering("subject.txt", rendered -> rendered.subject() + "\n"),
            new Rendering("default.txt", rendered -> message(rendered, "default")),
            new Rendering("email.txt", rendered -> message(rendered, "email")),
            new Rendering("sqs.json", rendered -> pretty(readTree(message(rendered, "sqs")))),
            new Rendering("https.json", rendered -> pretty(readTree(message(rendered, "https")))),
            new Rendering("attributes.json", rendered -> pretty(SampleAlert.MAPPER.valueToTree(new TreeMap<>(rendered.attributes())))));

    static Stream<Arguments> renderings() {
        return CASES.stream().flatMap(c -> RENDERINGS.stream().map(r -> Arguments.of(c, r)));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("renderings")
    void rendersAsItsGoldenFileSays(Case alertCase, Rendering rendering) throws IOException {
        String actual = rendering.text().apply(RENDERER.render(alertCase.alert().get()));
        Path golden = GOLDEN.resolve(alertCase.name()).resolve(rendering.file());
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden).as("golden file %s is missing: run with -Drootwatch.updateGolden=true", golden).exists();
        assertThat(actual)
                .as("%s differs from its golden file; if the change is meant, rerun with -Drootwatch.updateGolden=true and review the diff", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void goldenCasesCoverEveryCategory() {
        assertThat(CASES.stream().map(c -> c.alert().get().verdict().category()).distinct())
                .containsExactlyInAnyOrder(Category.values());
    }

    @Test
    void everyGoldenDirectoryBelongsToACase() throws IOException {
        if (UPDATE) {
            return;
        }
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            assertThat(dirs.map(dir -> dir.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(CASES.stream().map(Case::name).toList());
        }
    }

    private static String message(RenderedAlert rendered, String protocol) {
        return readTree(rendered.message()).get(protocol).textValue();
    }

    private static JsonNode readTree(String json) {
        try {
            return SampleAlert.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String pretty(JsonNode json) {
        try {
            return SampleAlert.MAPPER.writer(PRETTY).writeValueAsString(json) + "\n";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
