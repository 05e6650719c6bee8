package io.rootwatch.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.rootwatch.cli.Rootwatch.repository;
import static io.rootwatch.cli.Rootwatch.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * README.md embeds the task and severity tables exactly as the commands print them, between marker
 * lines, so that the README cannot drift from the catalog and the policy the code uses.
 */
class ReadmeTablesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tasks", "severities"})
    void embedsTheTableTheCommandPrints(String command) throws IOException {
        String begin = "<!-- " + command + ":begin -->";
        String end = "<!-- " + command + ":end -->";
        String regenerate = "regenerate with ./rootwatch " + command + " --markdown and paste its output into README.md"
                + " between the lines " + begin + " and " + end;
        Path readme = repository().resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            fail("no README.md at " + readme.toAbsolutePath().normalize() + ": " + regenerate);
        }
        String text = Files.readString(readme).replace("\r\n", "\n");

        int from = text.indexOf(begin + "\n");
        int to = from < 0 ? -1 : text.indexOf("\n" + end, from + begin.length());
        if (from < 0 || to < 0) {
            fail("README.md has no " + begin + " and " + end + " marker lines: " + regenerate);
        }
        String embedded = text.substring(from + begin.length(), to + 1);
        String generated = "\n" + run(command, "--markdown").out().replace("\r\n", "\n").strip() + "\n";

        assertThat(embedded).as("the %s table in README.md is out of date: %s", command, regenerate).isEqualTo(generated);
    }
}
