package io.rootwatch.detect;

import io.rootwatch.testing.EventSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The classifier holds to the verdict events-samples/expected.tsv states for every sample. */
class SamplesTest {
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();

    static List<EventSamples.Sample> samples() {
        return EventSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleGetsItsExpectedVerdict(EventSamples.Sample sample) {
        Verdict verdict = CLASSIFIER.classify(sample.record());

        assertThat(verdict.category()).as("category of %s, reasons %s", sample.file(), verdict.reasons())
                .isEqualTo(sample.category());
        assertThat(verdict.taskId()).as("task of %s", sample.file()).isEqualTo(sample.task());
        assertThat(verdict.severity()).as("severity of %s, reasons %s", sample.file(), verdict.reasons())
                .isEqualTo(sample.severity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleIsAnEventBridgeEnvelopeAroundOneRecord(EventSamples.Sample sample) {
        EventUnwrapper.Unwrapped unwrapped = EventUnwrapper.unwrap(sample.envelope());

        assertThat(unwrapped.problems()).isEmpty();
        assertThat(unwrapped.events()).singleElement().satisfies(event -> {
            assertThat(event.envelope()).isPresent();
            assertThat(event.record().eventId()).isPresent();
        });
    }

    @Test
    void everySampleFileHasExactlyOneExpectedLine() {
        List<String> listed = samples().stream().map(EventSamples.Sample::file).toList();

        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(EventSamples.files());
    }

    @Test
    void sampleEventIdsAreUnique() {
        List<String> ids = samples().stream()
                .map(s -> CloudTrailRecord.of(s.record()).eventId().orElseThrow())
                .toList();

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void samplesCoverEveryCategory() {
        Set<Category> covered = samples().stream().map(EventSamples.Sample::category).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Category.class));
    }

    @Test
    void samplesCoverEveryCatalogTaskThatHasACloudTrailEvent() {
        Set<String> covered = samples().stream().map(EventSamples.Sample::task).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        List<String> recordable = TaskCatalog.bundled().tasks().stream()
                .filter(RootTask::hasCloudTrailEvent).map(RootTask::id).toList();

        assertThat(covered).containsAll(recordable);
    }

    @Test
    void samplesAreAtLeastFortyWithAtLeastTwelveNegatives() {
        assertThat(samples()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(samples()).filteredOn(s -> s.category() == Category.NOT_ROOT).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void samplesUseBothSignInDetailTypeSpellings() {
        Set<String> detailTypes = samples().stream().map(s -> s.envelope().path("detail-type").asText())
                .collect(Collectors.toSet());

        assertThat(detailTypes).contains("AWS Console Sign In via CloudTrail", "AWS Console Signin via CloudTrail");
    }
}
