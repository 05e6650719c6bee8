package io.rootwatch.cli.scan;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One line on a terminal's standard error, rewritten in place a few times a second: files, MB
 * read (decompressed), records, root events found, rate. Started only when standard error is a
 * terminal; piped output gets the summary line alone.
 */
public final class ProgressBar implements AutoCloseable {
    private static final String CLEAR_LINE = "\r\033[K";
    private static final long PERIOD_MILLIS = 250;

    private final PrintWriter err;
    private final ScanStatistics statistics;
    private final ScheduledExecutorService ticker;

    private ProgressBar(PrintWriter err, ScanStatistics statistics) {
        this.err = err;
        this.statistics = statistics;
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("progress").factory());
        ticker.scheduleAtFixedRate(this::draw, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether standard error is a terminal, whatever standard output is ({@code scan ... > found.txt}
     * still shows progress). Linux tells through {@code /proc/self/fd/2}; elsewhere the JDK's
     * console, which requires standard input and output to be terminals too, is the fallback.
     */
    public static boolean standardErrorIsTerminal() {
        Path standardError = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(standardError)) {
            try {
                String target = Files.readSymbolicLink(standardError).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException unreadableLink) {
                return consoleIsTerminal();
            }
        }
        return consoleIsTerminal();
    }

    private static boolean consoleIsTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    public static ProgressBar start(PrintWriter err, ScanStatistics statistics) {
        return new ProgressBar(err, statistics);
    }

    private void draw() {
        double seconds = Math.max(statistics.seconds(), 1e-3);
        String line = String.format("scanning: %,d files  %s  %,d events  %,d root  %.0f MB/s",
                statistics.files(), ScanStatistics.megabytes(statistics.jsonBytes()), statistics.records(),
                statistics.rootEvents(), statistics.jsonBytes() / 1e6 / seconds);
        synchronized (err) {
            err.print(CLEAR_LINE + line);
            err.flush();
        }
    }

    /** Stops drawing and clears the line, so the summary and any problem print on a clean line. */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (err) {
            err.print(CLEAR_LINE);
            err.flush();
        }
    }
}
