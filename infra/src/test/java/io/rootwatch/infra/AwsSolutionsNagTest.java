package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cdk-nag's AWS Solutions checks, which {@code RootwatchApp.build} applies, find nothing left to
 * say: without optional settings, with every one (Slack, Teams, emails: more resources), and in a
 * test account; and every rule the stack skips says why.
 */
class AwsSolutionsNagTest {
    private static final String RULE = "AwsSolutions-.*";

    /** One suppression as written into the template's metadata. */
    record Suppression(String resource, String type, String rule, String reason) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"minimal", "full", "testAccount"})
    void noUnsuppressedAwsSolutionsError(String variant) {
        Synthesized app = Synthesized.variant(variant);
        List<SynthesisMessage> errors = Annotations.fromStack(app.stack()).findError("*", Match.stringLikeRegexp(RULE));
        assertThat(errors).extracting(AwsSolutionsNagTest::describe).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"minimal", "full", "testAccount"})
    void noUnsuppressedAwsSolutionsWarning(String variant) {
        Synthesized app = Synthesized.variant(variant);
        List<SynthesisMessage> warnings = Annotations.fromStack(app.stack()).findWarning("*", Match.stringLikeRegexp(RULE));
        assertThat(warnings).extracting(AwsSolutionsNagTest::describe).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"minimal", "full", "testAccount"})
    void synthesisWarnsOfNothingAtAll(String variant) {
        Synthesized app = Synthesized.variant(variant);
        List<SynthesisMessage> warnings = Annotations.fromStack(app.stack()).findWarning("*", Match.anyValue());
        assertThat(warnings).extracting(AwsSolutionsNagTest::describe).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"minimal", "full", "testAccount"})
    void everySuppressionGivesItsReasonInASentence(String variant) {
        List<Suppression> suppressions = suppressions(Synthesized.variant(variant));
        assertThat(suppressions).allSatisfy(suppression -> {
            assertThat(suppression.rule()).matches(RULE);
            assertThat(suppression.reason()).as("reason for %s", suppression)
                    .matches("[A-Z].*[.!]")
                    .satisfies(reason -> assertThat(reason.split("\\s+")).hasSizeGreaterThanOrEqualTo(6));
        });
    }

    @Test
    void onlyTheRuleTargetDeadLetterQueueSkipsARuleAndOnlyTheDeadLetterQueueRule() {
        Synthesized app = Synthesized.full();
        List<Suppression> suppressions = suppressions(app);
        assertThat(suppressions).singleElement().satisfies(suppression -> {
            assertThat(suppression.type()).isEqualTo("AWS::SQS::Queue");
            assertThat(suppression.rule()).isEqualTo("AwsSolutions-SQS3");
            assertThat(suppression.resource()).isEqualTo(app.logicalId("RuleTargetDeadLetterQueue"));
        });
    }

    @Test
    void theChecksRanOverTheStack() throws IOException {
        // cdk-nag writes its report next to the template: proof that the checks ran and what they decided.
        Synthesized.full();
        Path report = Synthesized.CLOUD_ASSEMBLY.resolve("AwsSolutions-Rootwatch-NagReport.csv");
        List<String> rows = Files.readAllLines(report).stream().skip(1).toList();
        assertThat(rows).anyMatch(row -> row.startsWith("\"AwsSolutions-IAM5\",\"Rootwatch/DetectorRole/"))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-L1\",\"Rootwatch/Detector/"))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-DDB3\",\"Rootwatch/AuditTable/"))
                .allMatch(row -> row.contains(",\"Compliant\",") || row.contains(",\"Suppressed\","));
    }

    private static List<Suppression> suppressions(Synthesized app) {
        List<Suppression> suppressions = new ArrayList<>();
        app.json().path("Resources").properties().forEach(resource -> collect(suppressions, resource.getKey(),
                resource.getValue().path("Type").asText(), resource.getValue().path("Metadata")));
        collect(suppressions, "(stack)", "(stack)", app.json().path("Metadata"));
        return suppressions;
    }

    private static void collect(List<Suppression> into, String resource, String type, JsonNode metadata) {
        metadata.path("cdk_nag").path("rules_to_suppress").forEach(rule -> into.add(new Suppression(resource, type,
                rule.path("id").asText(), rule.path("reason").asText())));
    }

    private static String describe(SynthesisMessage message) {
        return message.getId() + ": " + message.getEntry().getData();
    }
}
