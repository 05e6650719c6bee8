package io.rootwatch.cli.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-level splitter finds each record of {@code {"Records":[...]}} whole, and declines every other shape. */
class RecordSplitterTest {

    private record Found(RecordSplitter.Split split, List<String> records, List<Boolean> candidates) {
    }

    private static Found split(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        List<String> records = new ArrayList<>();
        List<Boolean> candidates = new ArrayList<>();
        RecordSplitter.Split split = RecordSplitter.split(bytes, bytes.length, (index, start, end, mayBeRoot) -> {
            records.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
            candidates.add(mayBeRoot);
        });
        return new Found(split, records, candidates);
    }

    @Test
    void recordsEndAtTheirOwnClosingBraceWhateverTheirStringsHold() {
        String first = "{\"a\":\"} ] { [ \\\" \\\\\",\"b\":[{\"c\":[1,2]},{}]}";
        String second = "{\"userIdentity\":{\"type\":\"Root\"}}";

        Found found = split("\uFEFF {\"Records\" : [ " + first + " ,\n" + second + " ] }\n");

        assertThat(found.split().complete()).isTrue();
        assertThat(found.records()).containsExactly(first, second);
        assertThat(found.candidates()).containsExactly(false, true);
    }

    @Test
    void otherTopLevelKeysAreSkippedOnEitherSide() {
        Found found = split("{\"version\":{\"x\":[1,\"]\"]},\"Records\":[{\"n\":1},{\"n\":2}],\"count\":2,\"ok\":true}");

        assertThat(found.split().complete()).isTrue();
        assertThat(found.records()).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void anEmptyRecordsArrayIsAWholeLogFileWithoutRecords() {
        Found found = split("{\"Records\":[]}");

        assertThat(found.split().complete()).isTrue();
        assertThat(found.split().records()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{}", "{\"Records\":{}}", "{\"Records\":[1,2]}", "{\"detail\":{\"eventName\":\"x\"}}",
            "{\"Rec\\u006frds\":[{}]}", "{\"Records\":[{\"a\":1}", "{\"Records\":[{\"a\":1}]}{\"more\":1}",
            "{\"userIdentity\":{\"type\":\"Root\"}}"})
    void anyOtherShapeIsLeftForTheFullParser(String json) {
        Found found = split(json);

        assertThat(found.split().complete()).isFalse();
        if (!found.split().recognized()) {
            assertThat(found.split().records()).isZero();
        }
    }

    @Test
    void aDocumentThatBreaksOffKeepsTheRecordsBeforeTheBreak() {
        Found found = split("{\"Records\":[{\"userIdentity\":{\"type\":\"Root\"}},{\"n\":2},{\"userIdent");

        assertThat(found.split().recognized()).isTrue();
        assertThat(found.split().complete()).isFalse();
        assertThat(found.records()).hasSize(2);
        assertThat(found.candidates()).containsExactly(true, false);
    }

    @Test
    void aSecondRecordsKeyStopsTheSplitAfterTheFirstArray() {
        Found found = split("{\"Records\":[{\"n\":1}],\"Records\":[{\"n\":2}]}");

        assertThat(found.split().complete()).isFalse();
        assertThat(found.records()).containsExactly("{\"n\":1}");
    }
}
