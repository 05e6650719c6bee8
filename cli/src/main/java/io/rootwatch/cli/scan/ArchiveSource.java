package io.rootwatch.cli.scan;

import io.rootwatch.cli.input.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** A CloudTrail archive: lists the log files a filter admits, and opens one. */
public sealed interface ArchiveSource extends AutoCloseable permits LocalArchive, S3Archive {

    /**
     * Lists the admitted files, in key order, pruning by prefix what the filter rules out: a part
     * that cannot be listed is reported as a problem and the rest is still listed.
     */
    void list(ScanFilter filter, Consumer<LogFile> files, Consumer<Problem> problems);

    InputStream open(LogFile file) throws IOException;

    /** Releases the client an archive in S3 holds. */
    @Override
    void close();
}
