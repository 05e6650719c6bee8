package io.rootwatch.cli.input;

import java.nio.file.Path;

/** Somewhere JSON is read from: a file, or the standard input. */
public sealed interface Input {

    /** How the input is named in output and in error messages. */
    String name();

    /** A file, named as the user wrote it or as found under a directory the user named. */
    record FromFile(Path path, String name) implements Input {
    }

    /** The standard input, asked for with {@code -}. */
    record FromStdin() implements Input {
        @Override
        public String name() {
            return "<stdin>";
        }
    }
}
