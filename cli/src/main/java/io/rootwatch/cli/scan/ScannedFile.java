package io.rootwatch.cli.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.cli.input.Problem;

import java.util.List;

/**
 * What reading one log file gave: its size decompressed, how many records it held, the records
 * that may be root activity (parsed, not yet classified), and what could not be read, by path.
 */
record ScannedFile(LogFile file, long jsonBytes, int records, List<JsonNode> candidates, List<Problem> problems) {
    ScannedFile {
        candidates = List.copyOf(candidates);
        problems = List.copyOf(problems);
    }

    static ScannedFile unreadable(LogFile file, String message) {
        return new ScannedFile(file, 0, 0, List.of(), List.of(Problem.in(file.name(), message)));
    }
}
