package io.rootwatch.cli.scan;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of a scan, updated from the reading threads and read by the progress bar. */
public final class ScanStatistics {
    private final long startNanos = System.nanoTime();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong storedBytes = new AtomicLong();
    private final AtomicLong jsonBytes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong rootEvents = new AtomicLong();
    private final AtomicLong badInputs = new AtomicLong();

    /** One source's worth of records read, such as one log file. */
    public void read(long stored, long json, long recordCount) {
        files.incrementAndGet();
        storedBytes.addAndGet(stored);
        jsonBytes.addAndGet(json);
        records.addAndGet(recordCount);
    }

    public void rootEvent() {
        rootEvents.incrementAndGet();
    }

    public void badInput() {
        badInputs.incrementAndGet();
    }

    public long files() {
        return files.get();
    }

    public long jsonBytes() {
        return jsonBytes.get();
    }

    public long storedBytes() {
        return storedBytes.get();
    }

    public long records() {
        return records.get();
    }

    public long rootEvents() {
        return rootEvents.get();
    }

    public long badInputs() {
        return badInputs.get();
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** {@code 12 files, 230.1 MB (21.4 MB stored), 150,000 records, 37 root events in 0.9 s (255.7 MB/s, 166,667 records/s)}. */
    public String describe() {
        double seconds = Math.max(seconds(), 1e-3);
        return String.format("%s, %s (%s stored), %s, %s in %.1f s (%.1f MB/s, %,.0f records/s)",
                count(files(), "file"), megabytes(jsonBytes()), megabytes(storedBytes()), count(records(), "record"),
                count(rootEvents(), "root event"), seconds, jsonBytes() / 1e6 / seconds, records() / seconds);
    }

    private static String count(long n, String noun) {
        return String.format("%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
