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
        byte[] stored;
        try (InputStream in = source.open(file)) {
            stored = in.readAllBytes();
        } catch (IOException e) {
            return ScannedFile.unreadable(file, "cannot read: " + LocalArchive.describe(e));
        } catch (SdkException e) {
            return ScannedFile.unreadable(file, "cannot read: " + e.getMessage());
        }
        byte[] json;
        int length;
        if (isGzip(stored)) {
            try {
                Filled inflated = inflate(stored);
                json = inflated.bytes();
                length = inflated.length();
            } catch (EOFException e) {
                return ScannedFile.unreadable(file, "truncated gzip data: the compressed stream ends early");
            } catch (IOException e) {
                return ScannedFile.unreadable(file, "corrupt gzip data: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        } else {
            json = stored;
            length = stored.length;
        }
        return split(file, json, length);
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

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == GZIP_MAGIC_FIRST && (bytes[1] & 0xff) == GZIP_MAGIC_SECOND;
    }

    /** Bytes of which the first {@code length} are filled. */
    private record Filled(byte[] bytes, int length) {
    }

    private static Filled inflate(byte[] gzip) throws IOException {
        byte[] out = new byte[initialCapacity(gzip)];
        int filled = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), MIN_BUFFER)) {
            while (true) {
                if (filled == out.length) {
                    if (out.length >= MAX_INFLATED) {
                        throw new IOException("inflates to more than " + (MAX_INFLATED >> 20) + " MiB, more than any CloudTrail log file");
                    }
                    out = Arrays.copyOf(out, Math.min(MAX_INFLATED, out.length * 2));
                }
                int read = in.read(out, filled, out.length - filled);
                if (read < 0) {
                    return new Filled(out, filled);
                }
                filled += read;
            }
        }
    }

    /**
     * The gzip trailer ends with the inflated size (modulo 4 GiB) of the last member: for CloudTrail's
     * single-member files, the exact size, so the output is allocated once. Believed only within
     * deflate's maximum ratio, so a forged trailer cannot make it allocate much.
     */
    private static int initialCapacity(byte[] gzip) {
        int n = gzip.length;
        long trailer = n < 4 ? 0 : (gzip[n - 4] & 0xffL) | (gzip[n - 3] & 0xffL) << 8 | (gzip[n - 2] & 0xffL) << 16 | (gzip[n - 1] & 0xffL) << 24;
        long plausible = trailer <= (long) n * MAX_DEFLATE_RATIO ? trailer + 1 : (long) n * 4;
        return (int) Math.max(MIN_BUFFER, Math.min(MAX_INFLATED, plausible));
    }
}
