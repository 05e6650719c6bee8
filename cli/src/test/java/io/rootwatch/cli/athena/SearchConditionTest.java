package io.rootwatch.cli.athena;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.EventSamples.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search's WHERE clause drops nothing the classifier calls root: it selects a record when its
 * identity type is Root or it is an sts:AssumeRoot call, which is exactly when the classifier's
 * verdict is not NOT_ROOT, over every sample.
 */
class SearchConditionTest {
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();

    static List<Sample> samples() {
        return EventSamples.all();
    }

    /** The WHERE clause of the search, read as a predicate on the record as the table holds it. */
    private static boolean selectedBySearch(JsonNode record) {
        boolean root = "Root".equals(record.path("userIdentity").path("type").textValue());
        boolean assumeRoot = "sts.amazonaws.com".equals(record.path("eventSource").textValue())
                && "AssumeRoot".equals(record.path("eventName").textValue());
        return root || assumeRoot;
    }

    @Test
    void theSearchSelectsOnIdentityTypeRootOrAnAssumeRootCall() {
        assertThat(RootActivitySearchSql.select(new AthenaTable("default", "t"), ScanScope.everything()))
                .contains("WHERE (useridentity.type = 'Root'\n       OR (eventsource = 'sts.amazonaws.com' AND eventname = 'AssumeRoot'))");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void selectsASampleExactlyWhenTheClassifierCallsItRoot(Sample sample) {
        assertThat(selectedBySearch(sample.record()))
                .as(sample.file() + " is " + sample.category())
                .isEqualTo(CLASSIFIER.classify(sample.record()).isRootActivity());
    }
}
