package io.rootwatch.cli.athena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under src/test/resources/athena/: the text a test renders must equal the file's.
 * After a deliberate change, {@code -Drootwatch.golden.update=true} rewrites the files, to be
 * reviewed in the diff.
 */
final class Golden {
    private Golden() {
    }

    static void assertMatches(String name, String actual) {
        Path file = Path.of(System.getProperty("rootwatch.repo", ".."), "cli/src/test/resources/athena", name);
        try {
            if (Boolean.getBoolean("rootwatch.golden.update")) {
                Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
                return;
            }
            try (var in = Golden.class.getResourceAsStream("/athena/" + name)) {
                assertThat(in).as("golden file athena/" + name).isNotNull();
                assertThat(actual + "\n").as("athena/" + name).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
