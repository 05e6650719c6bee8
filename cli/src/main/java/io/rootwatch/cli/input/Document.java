package io.rootwatch.cli.input;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalInt;

/**
 * One JSON value read from an input. The line where it starts is known only when the input held
 * several values (JSON Lines): a lone document is named by its input alone.
 */
public record Document(String input, OptionalInt line, JsonNode json) {

    /** A problem found in this document, located like the document itself. */
    public Problem problem(String message) {
        return new Problem(input, line, message);
    }
}
