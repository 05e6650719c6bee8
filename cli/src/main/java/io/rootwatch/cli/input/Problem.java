package io.rootwatch.cli.input;

import java.util.OptionalInt;

/** Something in an input that could not be read as CloudTrail events, and where it is. */
public record Problem(String input, OptionalInt line, String message) {

    public static Problem in(String input, String message) {
        return new Problem(input, OptionalInt.empty(), message);
    }

    /** {@code path:line: message}, the form compilers use, so editors and grep can follow it. */
    public String describe() {
        return input + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + message;
    }
}
