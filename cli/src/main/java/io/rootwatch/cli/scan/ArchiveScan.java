package io.rootwatch.cli.scan;

import io.rootwatch.cli.input.Problem;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Scans an archive: files are fetched, inflated, split and prefiltered on {@code threads} threads
 * at once, while the calling thread lists them and hands each file's candidate records to the
 * {@link RootEventPipeline} in listing order, so the output does not depend on timing. At most a
 * few files per thread are in flight, whatever the size of the archive.
 */
public final class ArchiveScan implements RecordSource {
    private static final int IN_FLIGHT_PER_THREAD = 3;

    private final ArchiveSource source;
    private final ScanFilter filter;
    private final int threads;

    public ArchiveScan(ArchiveSource source, ScanFilter filter, int threads) {
        this.source = source;
        this.filter = filter;
        this.threads = threads;
    }

    /** Scans every admitted file; problems (unreadable files, non-CloudTrail JSON, listing failures) go to {@code problems}. */
    @Override
    public void feed(RootEventPipeline pipeline, ScanStatistics statistics, Consumer<Problem> problems) {
        LogFileReader reader = new LogFileReader(source);
        Deque<Future<ScannedFile>> inFlight = new ArrayDeque<>();
        Consumer<Problem> counted = problem -> {
            statistics.badInput();
            problems.accept(problem);
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("scan-", 1).factory())) {
            source.list(filter, file -> {
                inFlight.add(pool.submit(() -> {
                    ScannedFile scanned = reader.read(file);
                    statistics.read(file.storedBytes(), scanned.jsonBytes(), scanned.records());
                    return scanned;
                }));
                if (inFlight.size() >= threads * IN_FLIGHT_PER_THREAD) {
                    deliver(inFlight.removeFirst(), pipeline, counted);
                }
            }, counted);
            while (!inFlight.isEmpty()) {
                deliver(inFlight.removeFirst(), pipeline, counted);
            }
        } finally {
            inFlight.forEach(future -> future.cancel(true));
        }
    }

    private static void deliver(Future<ScannedFile> future, RootEventPipeline pipeline, Consumer<Problem> problems) {
        ScannedFile scanned;
        try {
            scanned = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            // LogFileReader turns every failure of a file into a problem: anything else is a bug, not bad input.
            throw new IllegalStateException("reading a log file failed unexpectedly", e.getCause());
        }
        scanned.problems().forEach(problems);
        scanned.candidates().forEach(record -> pipeline.offer(scanned.file().name(), record));
    }
}
