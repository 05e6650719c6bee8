package io.rootwatch.cli.scan;

import io.rootwatch.cli.input.Problem;

import java.util.function.Consumer;

/**
 * Where {@code rootwatch scan} gets its raw CloudTrail records: an {@link ArchiveScan} of log files,
 * or any other source (an Athena query's results, say). A source hands each record to the
 * {@link RootEventPipeline}, which classifies, prints and records it the same way whatever the
 * source, counts what it read in the pipeline's {@link ScanStatistics}, and reports what it could
 * not read as problems, by location, without stopping.
 */
public interface RecordSource {

    void feed(RootEventPipeline pipeline, ScanStatistics statistics, Consumer<Problem> problems);
}
