package io.rootwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.detect.EventUnwrapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample events the benchmarks replay: every {@code *.json} file of the samples folder that
 * holds exactly one CloudTrail event (an EventBridge envelope, or a bare record). Files that hold
 * no event or several are skipped and listed, so that one benchmark operation is always one event.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.rootwatch.bench.SampleEvents [DIR]} prints how
 * many events the benchmarks would use (bench/run-classifier writes it at the top of its results).
 */
public record SampleEvents(Path dir, List<String> files, List<byte[]> documents, List<JsonNode> records,
                           List<String> skipped) {
    /** The system property that names the samples folder when the benchmark parameter is left at its default. */
    public static final String PROPERTY = "rootwatch.samples";
    public static final String DEFAULT_DIR = "events-samples";

    public SampleEvents {
        files = List.copyOf(files);
        documents = List.copyOf(documents);
        records = List.copyOf(records);
        skipped = List.copyOf(skipped);
    }

    /** The folder to read: {@code requested}, unless it is the default and the system property names another. */
    public static Path resolve(String requested) {
        String dir = requested == null || requested.isBlank() || requested.equals(DEFAULT_DIR)
                ? System.getProperty(PROPERTY, DEFAULT_DIR)
                : requested;
        return Path.of(dir).toAbsolutePath().normalize();
    }

    public static SampleEvents load(Path dir, ObjectMapper mapper) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("samples folder " + dir + " does not exist (set -p samples=DIR or -D"
                    + PROPERTY + "=DIR; the default is " + DEFAULT_DIR + " relative to the working directory)");
        }
        List<Path> paths;
        try (Stream<Path> listing = Files.list(dir)) {
            paths = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<String> files = new ArrayList<>();
        List<byte[]> documents = new ArrayList<>();
        List<JsonNode> records = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path path : paths) {
            String name = path.getFileName().toString();
            try {
                byte[] bytes = Files.readAllBytes(path);
                EventUnwrapper.Unwrapped unwrapped = EventUnwrapper.unwrap(mapper.readTree(bytes));
                if (unwrapped.events().size() != 1 || !unwrapped.problems().isEmpty()) {
                    skipped.add(name + " (" + unwrapped.events().size() + " events, "
                            + unwrapped.problems().size() + " problems)");
                    continue;
                }
                files.add(name);
                documents.add(bytes);
                records.add(unwrapped.events().get(0).record().json());
            } catch (IOException e) {
                skipped.add(name + " (not JSON: " + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        if (documents.isEmpty()) {
            throw new IllegalStateException("no sample event in " + dir + " (no *.json file holding exactly one event"
                    + (skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped)) + ")");
        }
        return new SampleEvents(dir, files, documents, records, skipped);
    }

    public int size() {
        return documents.size();
    }

    /**
     * A CloudTrail log file, {@code {"Records":[...]}}, of {@code count} records: the samples'
     * records in turn, as many times as it takes.
     */
    public byte[] logFile(ObjectMapper mapper, int count) {
        ObjectNode file = mapper.createObjectNode();
        ArrayNode array = file.putArray("Records");
        for (int i = 0; i < count; i++) {
            array.add(records.get(i % records.size()).deepCopy());
        }
        try {
            return mapper.writeValueAsBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long totalBytes() {
        return documents.stream().mapToLong(d -> d.length).sum();
    }

    public String describe() {
        return size() + " sample events from " + dir + " (" + totalBytes() / size() + " bytes each on average"
                + (skipped.isEmpty() ? "" : "; skipped " + skipped.size() + ": " + String.join(", ", skipped)) + ")";
    }

    public static void main(String[] args) {
        Path dir = resolve(args.length > 0 ? args[0] : null);
        System.out.println(load(dir, new ObjectMapper()).describe());
    }
}
