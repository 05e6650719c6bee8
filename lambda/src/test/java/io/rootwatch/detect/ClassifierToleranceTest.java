package io.rootwatch.detect;

import io.rootwatch.testing.EventSamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
        Random random = new Random(20261129L);
        List<JsonNode> replacements = List.of(NullNode.getInstance(), TextNode.valueOf(""), TextNode.valueOf("Root"),
                IntNode.valueOf(-1), BooleanNode.TRUE, NODES.objectNode(), NODES.arrayNode().add("Failure"),
                TextNode.valueOf("x".repeat(10_000)));
        int classified = 0;
        for (EventSamples.Sample sample : EventSamples.all()) {
            for (int round = 0; round < 200; round++) {
                ObjectNode record = (ObjectNode) sample.record();
                List<ObjectNode> containers = containers(record);
                for (int mutation = 0; mutation < 1 + random.nextInt(4); mutation++) {
                    ObjectNode target = containers.get(random.nextInt(containers.size()));
                    List<String> fields = new ArrayList<>();
                    target.fieldNames().forEachRemaining(fields::add);
                    if (!fields.isEmpty()) {
                        String field = fields.get(random.nextInt(fields.size()));
                        if (random.nextInt(5) == 0) {
                            target.remove(field);
                        } else {
                            target.set(field, replacements.get(random.nextInt(replacements.size())));
                        }
                    }
                }
                assertThatCode(() -> CLASSIFIER.classify(record)).as("mutated %s: %s", sample.file(), record)
                        .doesNotThrowAnyException();
                classified++;
            }
        }
        assertThat(classified).isGreaterThanOrEqualTo(40 * 200);
    }

    private static List<ObjectNode> containers(ObjectNode root) {
        List<ObjectNode> containers = new ArrayList<>();
        collect(root, containers);
        return containers;
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
            object.elements().forEachRemaining(child -> collect(child, into));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> collect(child, into));
        }
    }
}
