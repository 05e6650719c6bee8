package io.rootwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The events in events-samples/ and the verdict events-samples/expected.tsv states for each. */
public final class EventSamples {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private EventSamples() {
    }

    public record Sample(String file, Category category, Optional<String> task, Severity severity, String description) {
        public JsonNode envelope() {
            try {
                return MAPPER.readTree(dir().resolve(file).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public JsonNode record() {
            return envelope().get("detail");
        }

        public String eventId() {
            return record().path("eventID").asText();
        }

        /** Everything but NOT_ROOT is root activity, which the rules must deliver. */
        public boolean isRootActivity() {
            return category.isRootActivity();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** The build passes the folder as rootwatch.samples; run from a module directory otherwise. */
    public static Path dir() {
        return Path.of(System.getProperty("rootwatch.samples", "../events-samples"));
    }

    public static List<Sample> all() {
        try (Stream<String> lines = Files.lines(dir().resolve("expected.tsv"))) {
            return lines.skip(1).filter(line -> !line.isBlank()).map(EventSamples::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> files() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Sample parse(String line) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 5) {
            throw new IllegalArgumentException("expected.tsv: 5 tab-separated columns, got " + columns.length + ": " + line);
        }
        Optional<String> task = columns[2].equals("-") ? Optional.empty() : Optional.of(columns[2]);
        return new Sample(columns[0], Category.valueOf(columns[1]), task, Severity.valueOf(columns[3]), columns[4]);
    }
}
