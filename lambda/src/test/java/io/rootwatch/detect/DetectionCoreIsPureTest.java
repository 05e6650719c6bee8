package io.rootwatch.detect;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The detection core classifies and nothing else: no AWS SDK, no file or network I/O. */
class DetectionCoreIsPureTest {
    private static final List<String> FORBIDDEN = List.of("software.amazon.awssdk", "java.net.", "java.nio.file.",
            "java.io.File", "io.rootwatch.audit", "io.rootwatch.alert", "io.rootwatch.lambda");

    @Test
    void noSourceOfTheDetectPackageImportsTheSdkOrDoesIo() throws IOException {
        Path sources = Path.of("src/main/java/io/rootwatch/detect");
        try (Stream<Path> files = Files.list(sources)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(java).isNotEmpty();
            for (Path file : java) {
                List<String> imports = Files.readAllLines(file).stream().filter(l -> l.startsWith("import ")).toList();
                assertThat(imports).as(file.getFileName().toString())
                        .noneMatch(line -> FORBIDDEN.stream().anyMatch(line::contains));
            }
        }
    }
}
