package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The EventBridge events in events-samples/ and the category events-samples/expected.tsv gives each. */
final class EventSamples {
    static final String NOT_ROOT = "NOT_ROOT";

    private EventSamples() {
    }

    record Sample(String file, String category, String description) {
        /** Everything but NOT_ROOT is root activity, which the rules must deliver. */
        boolean isRootActivity() {
            return !NOT_ROOT.equals(category);
        }

        JsonNode envelope() {
            try {
                return Synthesized.JSON.readTree(dir().resolve(file).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String eventId() {
            return envelope().path("detail").path("eventID").asText();
        }

        @Override
        public String toString() {
            return file + " (" + category + ")";
        }
    }

    /** The build passes the folder as rootwatch.samples; run from the module directory otherwise. */
    static Path dir() {
        return Path.of(System.getProperty("rootwatch.samples", "../events-samples"));
    }

    static List<Sample> all() {
        try (Stream<String> lines = Files.lines(dir().resolve("expected.tsv"))) {
            return lines.skip(1).filter(line -> !line.isBlank()).map(EventSamples::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> files() {
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
        return new Sample(columns[0], columns[1], columns[4]);
    }
}
