package io.rootwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.rootwatch.cli.Rootwatch.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: help with examples everywhere, a version, and usage errors that exit 2. */
class RootwatchCommandTest {

    @ParameterizedTest(name = "rootwatch {0} --help")
    @ValueSource(strings = {"", "classify", "replay", "tasks", "severities", "expect"})
    void everyCommandHasHelpWithExamples(String command) {
        var result = command.isEmpty() ? run("--help") : run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: rootwatch").contains("Examples:", "  rootwatch " + command);
    }

    @Test
    void printsItsVersion() {
        var result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("rootwatch ").doesNotContain("${");
    }

    @Test
    void exitsTwoAndShowsUsageWithoutACommand() {
        var result = run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing command", "Usage: rootwatch");
    }

    @Test
    void exitsTwoOnAnUnknownCommand() {
        assertThat(run("watch").exitCode()).isEqualTo(2);
    }
}
