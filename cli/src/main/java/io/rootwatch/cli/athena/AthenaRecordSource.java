package io.rootwatch.cli.athena;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.cli.input.Problem;
import io.rootwatch.cli.scan.RecordSource;
import io.rootwatch.cli.scan.RootEventPipeline;
import io.rootwatch.cli.scan.ScanStatistics;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The records an Athena search found, fed to the same pipeline as log files read here: one
 * source, the query's result, whose rows are counted as records and whose JSON bytes as read. A
 * table created first and the search itself are reported, with what each cost, before the rows.
 */
public final class AthenaRecordSource implements RecordSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AthenaSearch search;
    private final Optional<TableCreation> tableCreation;
    private final ScanScope scope;
    private final Consumer<String> notes;

    public AthenaRecordSource(AthenaSearch search, Optional<TableCreation> tableCreation, ScanScope scope, Consumer<String> notes) {
        this.search = search;
        this.tableCreation = tableCreation;
        this.scope = scope;
        this.notes = notes;
    }

    @Override
    public void feed(RootEventPipeline pipeline, ScanStatistics statistics, Consumer<Problem> problems) {
        tableCreation.ifPresent(creation -> notes.accept("created the table if absent: " + search.createTable(creation).describe()));
        RootActivityRecords found = search.search(scope);
        notes.accept("searched with Athena: " + found.summary().describe());
        String source = "athena:" + found.summary().queryExecutionId();
        long rows = 0;
        long bytes = 0;
        try (Stream<String> records = found.records()) {
            for (Iterator<String> each = records.iterator(); each.hasNext(); ) {
                String text = each.next();
                rows++;
                bytes += text.getBytes(StandardCharsets.UTF_8).length;
                try {
                    JsonNode record = JSON.readTree(text);
                    pipeline.offer(source, record);
                } catch (JsonProcessingException unreadable) {
                    statistics.badInput();
                    problems.accept(Problem.in(source + " row " + rows, "not a CloudTrail record: " + unreadable.getOriginalMessage()));
                }
            }
        } finally {
            statistics.read(0, bytes, rows);
        }
    }
}
