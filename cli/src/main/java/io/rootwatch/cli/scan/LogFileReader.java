package io.rootwatch.cli.scan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.cli.input.Document;
import io.rootwatch.cli.input.InputContents;
import io.rootwatch.cli.input.InputReader;
import io.rootwatch.cli.input.Problem;
import io.rootwatch.detect.EventUnwrapper;
import io.rootwatch.detect.InputEvent;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads one log file into the records that may be root activity: fetches it whole, inflates it
 * (gzip recognised by its magic bytes), splits the records at the byte level and parses only
 * those the {@link RootMarkers} test keeps. A file not shaped like a CloudTrail log file is parsed
 * whole, as {@code classify} would, so that its problems are told the same way. Thread-safe.
 */
final class LogFileReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int GZIP_MAGIC_FIRST = 0x1f;
    private static final int GZIP_MAGIC_SECOND = 0x8b;
    private static final int MIN_BUFFER = 1 << 16;
    private static final int MAX_INFLATED = 1 << 30;
    private static final int MAX_DEFLATE_RATIO = 1032;

    private final ArchiveSource source;

    LogFileReader(ArchiveSource source) {
        this.source = source;
    }

    ScannedFile read(LogFile file) {
        Buffers buffers = BUFFERS.get();
        Filled stored;
        try (InputStream in = source.open(file)) {
            stored = readFully(in, buffers.stored, (int) Math.min(MAX_INFLATED, Math.max(MIN_BUFFER, file.storedBytes() + 1)));
            buffers.stored = stored.bytes();
        } catch (IOException e) {
            return ScannedFile.unreadable(file, "cannot read: " + LocalArchive.describe(e));
        } catch (SdkException e) {
            return ScannedFile.unreadable(file, "cannot read: " + e.getMessage());
        }
        if (!isGzip(stored)) {
            return split(file, stored.bytes(), stored.length());
        }
        Filled json;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored.bytes(), 0, stored.length()), MIN_BUFFER)) {
            json = readFully(in, buffers.json, initialCapacity(stored));
            buffers.json = json.bytes();
        } catch (EOFException e) {
            return ScannedFile.unreadable(file, "truncated gzip data: the compressed stream ends early");
        } catch (IOException e) {
            return ScannedFile.unreadable(file, "corrupt gzip data: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return split(file, json.bytes(), json.length());
    }

    private ScannedFile split(LogFile file, byte[] json, int length) {
        List<JsonNode> candidates = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        RecordSplitter.Split split = RecordSplitter.split(json, length, (index, start, end, mayBeRoot) -> {
            if (mayBeRoot) {
                try {
                    candidates.add(MAPPER.readTree(json, start, end - start));
                } catch (IOException e) {
                    problems.add(Problem.in(file.name(), "Records[" + index + "]: invalid JSON: "
                            + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage())));
                }
            }
        });
        if (!split.recognized()) {
            return parsedWhole(file, Arrays.copyOf(json, length));
        }
        if (!split.complete()) {
            problems.add(Problem.in(file.name(), "not valid CloudTrail JSON after Records[" + (split.records() - 1) + "] (byte "
                    + split.brokenAt() + " of " + length + "): the records before it were scanned"));
        }
        return new ScannedFile(file, length, split.records(), candidates, problems);
    }

    /** The slow path, for what is not {@code {"Records":[...]}}: every record parsed, every problem told. */
    private static ScannedFile parsedWhole(LogFile file, byte[] json) {
        InputContents contents = InputReader.parse(file.name(), json);
        List<JsonNode> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>(contents.problems());
        for (Document document : contents.documents()) {
            EventUnwrapper.Unwrapped unwrapped = EventUnwrapper.unwrap(document.json());
            unwrapped.problems().forEach(problem -> problems.add(document.problem(problem)));
            for (InputEvent event : unwrapped.events()) {
                records.add(event.record().json());
            }
        }
        return new ScannedFile(file, json.length, records.size(), records, problems);
    }

    private static boolean isGzip(Filled stored) {
        return stored.length() >= 2 && (stored.bytes()[0] & 0xff) == GZIP_MAGIC_FIRST && (stored.bytes()[1] & 0xff) == GZIP_MAGIC_SECOND;
    }

    /**
     * Each reading thread keeps its buffers from file to file: CloudTrail files are hundreds of
     * kilobytes, and a fresh array for each would be a large allocation per file. Nothing read
     * from a buffer outlives the file: candidates are parsed into trees of their own.
     */
    private static final class Buffers {
        byte[] stored = new byte[MIN_BUFFER];
        byte[] json = new byte[MIN_BUFFER];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Bytes of which the first {@code length} are filled. */
    private record Filled(byte[] bytes, int length) {
    }

    /** Reads the stream to its end into {@code buffer}, or into a larger array when it does not fit. */
    private static Filled readFully(InputStream in, byte[] buffer, int expected) throws IOException {
        byte[] out = buffer.length > expected ? buffer : new byte[expected + 1];
        int filled = 0;
        while (true) {
            if (filled == out.length) {
                if (out.length >= MAX_INFLATED) {
                    throw new IOException("more than " + (MAX_INFLATED >> 20) + " MiB, more than any CloudTrail log file");
                }
                out = Arrays.copyOf(out, (int) Math.min(MAX_INFLATED, out.length * 2L));
            }
            int read = in.read(out, filled, out.length - filled);
            if (read < 0) {
                return new Filled(out, filled);
            }
            filled += read;
        }
    }

    /**
     * The gzip trailer ends with the inflated size (modulo 4 GiB) of the last member: for CloudTrail's
     * single-member files, the exact size, so the output needs no growing. Believed only within
     * deflate's maximum ratio, so a forged trailer cannot make it allocate much.
     */
    private static int initialCapacity(Filled gzip) {
        byte[] b = gzip.bytes();
        int n = gzip.length();
        if (n < 18) {
            return MIN_BUFFER;
        }
        long trailer = (b[n - 4] & 0xffL) | (b[n - 3] & 0xffL) << 8 | (b[n - 2] & 0xffL) << 16 | (b[n - 1] & 0xffL) << 24;
        long plausible = trailer <= (long) n * MAX_DEFLATE_RATIO ? trailer : (long) n * 4;
        return (int) Math.max(MIN_BUFFER, Math.min(MAX_INFLATED - 1, plausible));
    }
}
