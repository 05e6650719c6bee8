package io.rootwatch.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the detector function's deployable jar, built by the lambda module. */
final class DetectorJar {
    static final String OVERRIDE = "ROOTWATCH_LAMBDA_JAR";

    private DetectorJar() {
    }

    static Path locate() {
        String override = System.getenv(OVERRIDE);
        if (override != null && !override.isBlank()) {
            return existing(Path.of(override));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("lambda/target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith("-aws-lambda.jar")).toList();
                    if (jars.size() == 1) {
                        return jars.getFirst();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("the detector jar (lambda/target/*-aws-lambda.jar) is not built:"
                + " run ./build -pl lambda package -DskipTests first, or set " + OVERRIDE);
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(OVERRIDE + " names " + jar + ", which does not exist");
        }
        return jar;
    }
}
