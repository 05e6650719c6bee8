package io.rootwatch.cli.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.cli.input.Document;
import io.rootwatch.cli.output.ClassifiedEvent;
import io.rootwatch.cli.output.ClassifiedEventPrinter;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.InputEvent;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.detect.Verdict;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Where raw CloudTrail records go, whatever found them: each is classified, and root activity
 * (anything the classifier does not call NOT_ROOT) is printed and, with {@code --record}, written
 * to the audit table. This is the seam for every {@link RecordSource}: the archive scan feeds it the
 * records its prefilter kept; another source (records streamed back from Athena, say) feeds it
 * with {@link #offer} or {@link #offerAll} and gets the same output and the same audit items. One
 * thread feeds it.
 */
public final class RootEventPipeline {
    private final RootActivityClassifier classifier;
    private final ClassifiedEventPrinter printer;
    private final Optional<ArchiveRecorder> recorder;
    private final ScanStatistics statistics;

    public RootEventPipeline(RootActivityClassifier classifier, ClassifiedEventPrinter printer, Optional<ArchiveRecorder> recorder,
                             ScanStatistics statistics) {
        this.classifier = classifier;
        this.printer = printer;
        this.recorder = recorder;
        this.statistics = statistics;
    }

    /** One CloudTrail record (the JSON of one element of a log file's {@code Records}), read from {@code source}. */
    public void offer(String source, JsonNode record) {
        InputEvent event = new InputEvent(Optional.empty(), CloudTrailRecord.of(record));
        Verdict verdict = classifier.classify(event.record());
        if (!verdict.isRootActivity()) {
            return;
        }
        statistics.rootEvent();
        printer.print(new ClassifiedEvent(new Document(source, OptionalInt.empty(), record), event, verdict));
        recorder.ifPresent(r -> r.record(event));
    }

    public void offerAll(String source, Stream<JsonNode> records) {
        records.forEach(record -> offer(source, record));
    }

    /** After the last record: prints the table, and returns what was recorded, if anything was to be. */
    public Optional<String> finish() {
        printer.finish();
        return recorder.map(ArchiveRecorder::describe);
    }
}
