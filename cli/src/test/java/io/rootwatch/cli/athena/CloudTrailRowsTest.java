package io.rootwatch.cli.athena;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.EventSamples.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** A record rebuilt from its Athena row is, for the classifier, the record CloudTrail wrote. */
class CloudTrailRowsTest {
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();

    static List<Sample> rootSamples() {
        return EventSamples.all().stream().filter(Sample::isRootActivity).toList();
    }

    private static JsonNode rebuilt(JsonNode record) throws Exception {
        return AthenaRows.MAPPER.readTree(CloudTrailRows.recordJson(AthenaRows.rowOf(record)));
    }

    @ParameterizedTest
    @MethodSource("rootSamples")
    void theRebuiltRecordGetsTheVerdictOfTheOriginal(Sample sample) throws Exception {
        assertThat(CLASSIFIER.classify(rebuilt(sample.record()))).isEqualTo(CLASSIFIER.classify(sample.record()));
    }

    @ParameterizedTest
    @MethodSource("rootSamples")
    void theRebuiltRecordKeepsTheIdentityTimeAndRequestOfTheOriginal(Sample sample) throws Exception {
        JsonNode original = sample.record();
        JsonNode rebuilt = rebuilt(original);

        for (String field : List.of("eventID", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
                "recipientAccountId")) {
            assertThat(rebuilt.path(field)).as(field).isEqualTo(original.path(field));
        }
        assertThat(rebuilt.path("userIdentity").path("arn")).isEqualTo(original.path("userIdentity").path("arn"));
        if (original.path("requestParameters").isObject()) {
            assertThat(rebuilt.get("requestParameters")).isEqualTo(original.get("requestParameters"));
        }
    }

    @Test
    void parsesTheJsonTextColumnsBackIntoObjects() throws Exception {
        JsonNode original = EventSamples.all().stream().filter(s -> s.file().equals("centralized-assume-root-s3-unlock.json"))
                .findFirst().orElseThrow().record();

        JsonNode rebuilt = rebuilt(original);

        assertThat(rebuilt.path("requestParameters").path("taskPolicyArn").path("arn").asText()).endsWith("S3UnlockBucketPolicy");
        assertThat(rebuilt.path("responseElements").path("credentials").path("accessKeyId").isTextual()).isTrue();
    }

    @Test
    void leavesNullColumnsOutAsCloudTrailLeavesOutMissingFields() {
        List<Optional<String>> row = new ArrayList<>(RecordColumn.ALL.stream().map(c -> Optional.<String>empty()).toList());
        row.set(index("eventName"), Optional.of("ConsoleLogin"));

        assertThat(CloudTrailRows.recordJson(row)).isEqualTo("{\"eventName\":\"ConsoleLogin\"}");
    }

    @Test
    void readsTrueAndFalseAsBooleansAndKeepsAnythingElseAsText() {
        List<Optional<String>> row = new ArrayList<>(RecordColumn.ALL.stream().map(c -> Optional.<String>empty()).toList());
        row.set(index("readOnly"), Optional.of("true"));
        row.set(index("managementEvent"), Optional.of("maybe"));

        assertThat(CloudTrailRows.recordJson(row)).isEqualTo("{\"readOnly\":true,\"managementEvent\":\"maybe\"}");
    }

    @Test
    void keepsAJsonColumnThatIsNotJsonAsTextRatherThanLosingTheRecord() {
        List<Optional<String>> row = new ArrayList<>(RecordColumn.ALL.stream().map(c -> Optional.<String>empty()).toList());
        row.set(index("requestParameters"), Optional.of("{truncated"));

        assertThat(CloudTrailRows.recordJson(row)).isEqualTo("{\"requestParameters\":\"{truncated\"}");
    }

    @Test
    void refusesAResultWhoseColumnsAreNotTheSearchs() {
        List<Optional<String>> header = new ArrayList<>(AthenaRows.header());
        header.set(1, Optional.of("useridentity"));

        assertThatIllegalStateException().isThrownBy(() -> CloudTrailRows.checkHeader(header))
                .withMessageContaining("does not have the search's columns");
    }

    @Test
    void acceptsTheHeaderWhateverTheCaseAthenaGivesItIn() {
        CloudTrailRows.checkHeader(AthenaRows.header().stream().map(name -> name.map(String::toUpperCase)).toList());
    }

    private static int index(String jsonPath) {
        for (int i = 0; i < RecordColumn.ALL.size(); i++) {
            if (RecordColumn.ALL.get(i).jsonPath().equals(jsonPath)) {
                return i;
            }
        }
        throw new IllegalArgumentException(jsonPath);
    }
}
