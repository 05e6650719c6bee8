package io.rootwatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendered output compared with a golden file under src/test/resources/golden/. After an intended
 * change, rewrite them with {@code -Drootwatch.updateGolden=true} and review the diff.
 */
final class Golden {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("rootwatch.updateGolden");

    private Golden() {
    }

    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (UPDATE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file %s (-Drootwatch.updateGolden=true writes it)", file).exists();
            assertThat(actual).as("output compared with %s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
