package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The events in events-samples/ and the verdict events-samples/expected.tsv states for each. */
record Samples() {
    static final ObjectMapper MAPPER = new ObjectMapper();

    record Sample(String file, Category category, Optional<String> task, Severity severity, String description) {
        JsonNode envelope() {
            try {
                return MAPPER.readTree(dir().resolve(file).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode record() {
            return envelope().get("detail");
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Path dir() {
        return Path.of(System.getProperty("rootwatch.samples", "../events-samples"));
    }

    static List<Sample> expected() {
        try (Stream<String> lines = Files.lines(dir().resolve("expected.tsv"))) {
            return lines.skip(1).filter(line -> !line.isBlank()).map(Samples::parse).toList();
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
        Optional<String> task = columns[2].equals("-") ? Optional.empty() : Optional.of(columns[2]);
        return new Sample(columns[0], Category.valueOf(columns[1]), task, Severity.valueOf(columns[3]), columns[4]);
    }
}
