package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.SampleMutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Any field may be missing, null, of the wrong type or a placeholder: the classifier never throws. */
class ClassifierToleranceTest {
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "null", "42", "\"Root\"", "true",
            "{\"userIdentity\":\"Root\"}", "{\"userIdentity\":{\"type\":7}}", "{\"userIdentity\":{\"type\":[\"Root\"]}}",
            "{\"userIdentity\":{\"type\":\"Root\"}}", "{\"userIdentity\":{\"type\":\"Root\"},\"eventName\":{}}",
            "{\"userIdentity\":{\"type\":\"Root\"},\"requestParameters\":\"HIDDEN\",\"eventName\":\"CreateAccessKey\",\"eventSource\":\"iam.amazonaws.com\"}",
            "{\"userIdentity\":{\"type\":\"Root\"},\"responseElements\":[\"Failure\"],\"eventName\":\"ConsoleLogin\",\"eventSource\":\"signin.amazonaws.com\"}",
            "{\"userIdentity\":{\"type\":\"Root\",\"sessionContext\":\"x\"},\"additionalEventData\":5,\"readOnly\":\"maybe\"}",
            "{\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRoot\",\"requestParameters\":{\"taskPolicyArn\":\"not-an-object\"}}"})
    void neverThrowsOnOddShapes(String json) throws Exception {
        JsonNode node = EventSamples.MAPPER.readTree(json);

        assertThatCode(() -> CLASSIFIER.classify(node)).doesNotThrowAnyException();
    }

    @Test
    void aRootRecordWithNothingElseIsStillRootActivity() {
        Verdict verdict = CLASSIFIER.classify(Events.record("userIdentity.type", "Root"));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_API_CALL);
        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void placeholderValuesAreReadAsAbsent() {
        Verdict verdict = CLASSIFIER.classify(Events.rootCall("iam.amazonaws.com", "CreateAccessKey",
                "requestParameters.userName", "   "));

        assertThat(verdict.taskId()).contains("root-access-key");
    }

    @Test
    void megabyteStringsAreClassifiedLikeAnyOther() {
        String huge = "x".repeat(1 << 20);
        Verdict verdict = CLASSIFIER.classify(Events.rootCall("iam.amazonaws.com", "ListUsers", "readOnly", true,
                "userAgent", huge, "requestParameters.marker", huge));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_API_CALL);
        assertThat(verdict.severity()).isEqualTo(Severity.MEDIUM);
    }

    /**
     * Replaces random fields of every sample with values of other types, many times over: a
     * seeded search for any shape the classifier cannot take.
     */
    @Test
    void neverThrowsOnRandomlyMutatedSamples() {
        List<JsonNode> replacements = List.of(NullNode.getInstance(), TextNode.valueOf(""), TextNode.valueOf("Root"),
                IntNode.valueOf(-1), BooleanNode.TRUE, NODES.objectNode(), NODES.arrayNode().add("Failure"),
                TextNode.valueOf("x".repeat(10_000)));
        int[] classified = {0};
        SampleMutations.forEach(20261129L, 200, replacements, (sample, record) -> {
            assertThatCode(() -> CLASSIFIER.classify(record)).as("mutated %s: %s", sample.file(), record)
                    .doesNotThrowAnyException();
            classified[0]++;
        });
        assertThat(classified[0]).isGreaterThanOrEqualTo(40 * 200);
    }
}
