package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** Runs the rootwatch command in-process, as a user would from a shell, and captures what it prints. */
final class Rootwatch {

    record Run(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** Standard output read as JSON Lines: one object per line. */
        List<JsonNode> jsonLines() {
            return out.lines().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line: " + line, e);
                }
            }).toList();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rootwatch() {
    }

    static Run run(String... args) {
        return runWithStdin(new byte[0], args);
    }

    static Run runWithStdin(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new RootwatchCommand(new ByteArrayInputStream(stdin)))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** A file under src/test/resources. */
    static Path resource(String name) {
        URL url = Rootwatch.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's events-samples directory, which surefire names in a system property. */
    static Path samples() {
        return Path.of(System.getProperty("rootwatch.samples", "../events-samples"));
    }

    /** The repository root, which surefire names in a system property. */
    static Path repository() {
        return Path.of(System.getProperty("rootwatch.repo", ".."));
    }
}
