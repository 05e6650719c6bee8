package io.rootwatch.cli.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.SampleMutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefilter never skips a record the classifier would call root activity: whenever
 * {@link RootMarkers} and the {@link RecordSplitter} let a record through unparsed, the classifier,
 * given the parsed record, says NOT_ROOT. Over every sample, randomly mutated samples, and the
 * spellings that hide the letters from a byte search (escapes, overlong UTF-8).
 */
class RootPrefilterLosslessTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static List<EventSamples.Sample> samples() {
        return EventSamples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyRootSampleIsACandidateAndEverySkippedSampleIsNotRoot(EventSamples.Sample sample) throws Exception {
        byte[] bytes = MAPPER.writeValueAsBytes(sample.record());

        assertLossless(bytes);
        if (sample.isRootActivity()) {
            assertThat(RootMarkers.mayBeRoot(bytes, 0, bytes.length)).as(sample.file()).isTrue();
        }
    }

    @Test
    void randomlyMutatedSamplesAreNeverSkippedWhenRoot() throws Exception {
        // Other spellings of root too: should the classifier ever accept them, this test fails until the prefilter does.
        List<JsonNode> replacements = List.of(NullNode.getInstance(), TextNode.valueOf(""), TextNode.valueOf("Root"),
                TextNode.valueOf("ROOT"), TextNode.valueOf("root"), TextNode.valueOf(" Root"), TextNode.valueOf("assumeRoot"),
                TextNode.valueOf("AssumeRoot"), TextNode.valueOf("sts.amazonaws.com"), IntNode.valueOf(-1), BooleanNode.TRUE,
                NODES.objectNode(), NODES.objectNode().put("type", "Root"), NODES.arrayNode().add("Failure"),
                TextNode.valueOf("x".repeat(1_000)));
        int[] checked = {0};
        int[] rootAfterMutation = {0};
        SampleMutations.forEach(20261129L, 200, replacements, (sample, record) -> {
            try {
                assertLossless(MAPPER.writeValueAsBytes(record));
            } catch (Exception e) {
                throw new AssertionError(sample.file() + ": " + record, e);
            }
            checked[0]++;
            if (CLASSIFIER.classify(record).isRootActivity()) {
                rootAfterMutation[0]++;
            }
        });
        assertThat(checked[0]).isGreaterThanOrEqualTo(80 * 200);
        assertThat(rootAfterMutation[0]).as("the mutations leave root records to check").isGreaterThan(1_000);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void escapedSpellingsOfEveryRootSampleAreCandidates(EventSamples.Sample sample) throws Exception {
        if (!sample.isRootActivity()) {
            return;
        }
        String json = MAPPER.writeValueAsString(sample.record());
        List<String> spellings = List.of(
                json.replace("\"Root\"", "\"\\u0052oot\""),
                json.replace("\"Root\"", "\"\\u0052\\u006f\\u006f\\u0074\""),
                json.replace("AssumeRoot", "Assume\\u0052oot"),
                json.replace("\"type\"", "\"\\u0074ype\"").replace("\"Root\"", "\"R\\u006fot\""),
                escapeEveryLetter(json));
        for (String spelling : spellings) {
            byte[] bytes = spelling.getBytes(StandardCharsets.UTF_8);
            assertThat(CLASSIFIER.classify(MAPPER.readTree(bytes)).category()).as("the spelling is still the same record")
                    .isEqualTo(CLASSIFIER.classify(sample.record()).category());
            assertThat(RootMarkers.mayBeRoot(bytes, 0, bytes.length)).as(spelling).isTrue();
            assertLossless(bytes);
        }
    }

    /** 0xC1 0x92 is an overlong, invalid, encoding of 'R': whatever a decoder makes of it, the record is parsed, not skipped. */
    @Test
    void overlongUtf8LettersMakeACandidate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"userIdentity\":{\"type\":\"".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {(byte) 0xc1, (byte) 0x92});
        out.write("oot\"},\"eventName\":\"ListUsers\"}".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = out.toByteArray();
        byte[] threeByteForm = new byte[] {'"', (byte) 0xe0, (byte) 0x81, (byte) 0x92, 'o', 'o', 't', '"'};

        assertThat(RootMarkers.mayBeRoot(bytes, 0, bytes.length)).isTrue();
        assertThat(RootMarkers.mayBeRoot(threeByteForm, 0, threeByteForm.length)).isTrue();
        assertThat(candidates(logFile(List.of(bytes)))).containsExactly(true);
    }

    @Test
    void rootInOtherTextIsNotACandidate() {
        byte[] bytes = ("{\"userIdentity\":{\"type\":\"IAMUser\"},\"requestParameters\":{\"policy\":"
                + "\"{\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::111122223333:root\\\"}}\",\"rootDeviceName\":\"/dev/xvda\"}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RootMarkers.mayBeRoot(bytes, 0, bytes.length)).isFalse();
    }

    @Test
    void ordinaryNonAsciiTextIsNotACandidate() {
        byte[] bytes = "{\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"zoë-日本\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(RootMarkers.mayBeRoot(bytes, 0, bytes.length)).isFalse();
    }

    /** The property itself, checked on the bytes alone and inside a log file as the splitter sees them. */
    private static void assertLossless(byte[] record) throws Exception {
        boolean rootActivity = CLASSIFIER.classify(MAPPER.readTree(record)).isRootActivity();
        if (!RootMarkers.mayBeRoot(record, 0, record.length)) {
            assertThat(rootActivity).as("skipped but root: %s", new String(record, StandardCharsets.UTF_8)).isFalse();
        }
        List<Boolean> flags = candidates(logFile(List.of(record, record)));
        if (rootActivity) {
            assertThat(flags).as("split as candidates: %s", new String(record, StandardCharsets.UTF_8)).containsExactly(true, true);
        }
    }

    static byte[] logFile(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"Records\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(records.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static List<Boolean> candidates(byte[] logFile) {
        List<Boolean> flags = new ArrayList<>();
        RecordSplitter.Split split = RecordSplitter.split(logFile, logFile.length, (index, start, end, mayBeRoot) -> flags.add(mayBeRoot));
        assertThat(split.complete()).isTrue();
        return flags;
    }

    /** Every letter inside JSON strings written as a backslash-u escape: the same JSON value, not one letter left to find. */
    private static String escapeEveryLetter(String json) {
        StringBuilder escaped = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\')) {
                inString = !inString;
                escaped.append(c);
            } else if (inString && Character.isLetter(c) && c < 128 && json.charAt(i - 1) != '\\') {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
