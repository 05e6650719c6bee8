package io.rootwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.rootwatch.cli.Rootwatch.resource;
import static io.rootwatch.cli.Rootwatch.run;
import static io.rootwatch.cli.Rootwatch.runWithStdin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input is reported, one line per problem naming the input, and never stops the run: the other
 * inputs are still classified, and the exit status says something failed.
 */
class ClassifyMalformedInputTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed/truncated.json       | :14: truncated JSON
            malformed/empty.json           | : empty
            malformed/empty-object.json    | : not a CloudTrail record
            malformed/non-json.bin         | :1: invalid JSON
            malformed/gzip-garbage.json.gz | : corrupt gzip data
            """)
    void reportsAnUnreadableInputOnOneLineNamingItsPath(String fixture, String message) {
        String path = resource(fixture).toString();

        var result = run("classify", path);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().startsWith(path + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            malformed/truncated.json
            malformed/empty.json
            malformed/empty-object.json
            malformed/non-json.bin
            malformed/gzip-garbage.json.gz
            malformed/one-bad-line.jsonl
            """)
    void keepsClassifyingTheOtherInputs(String fixture) {
        var result = run("classify", "--json", resource(fixture).toString(), resource("shapes/record.json").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.jsonLines()).last()
                .satisfies(event -> assertThat(event.get("eventId").asText()).isEqualTo("00000000-0000-4000-8000-000000000001"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            malformed/truncated.json
            malformed/non-json.bin
            malformed/gzip-garbage.json.gz
            malformed/one-bad-line.jsonl
            """)
    void neverPrintsAStackTrace(String fixture) {
        var result = run("classify", resource(fixture).toString());

        assertThat(result.err()).doesNotContain("Exception", "\tat ", "at com.", "at java.");
    }

    @Test
    void showsBinaryGarbageInAnErrorMessageAsQuestionMarks() {
        var result = run("classify", resource("malformed/non-json.bin").toString());

        assertThat(result.err()).doesNotContain("\u001b", "\u0007", "\r");
    }

    @Test
    void classifiesTheGoodLinesOfAJsonLinesFileAndNamesTheBadLine() {
        String path = resource("malformed/one-bad-line.jsonl").toString();

        var result = run("classify", "--json", path);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.jsonLines()).extracting(event -> event.get("eventId").asText()).containsExactly(
                "00000000-0000-4000-8000-000000000101", "00000000-0000-4000-8000-000000000102",
                "00000000-0000-4000-8000-000000000104", "00000000-0000-4000-8000-000000000105");
        assertThat(result.errLines()).singleElement().asString().startsWith(path + ":3: truncated JSON");
    }

    @Test
    void namesTheLineOfAJsonLinesProblemOnStandardInput() throws IOException {
        var result = runWithStdin(Files.readAllBytes(resource("malformed/one-bad-line.jsonl")), "classify", "-");

        assertThat(result.errLines()).singleElement().asString().startsWith("<stdin>:3: ");
    }

    @Test
    void classifiesFieldsOfTheWrongTypeAsIfTheyWereMissing() {
        var result = run("classify", "--json", resource("malformed/wrong-types.json").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.jsonLines()).extracting(event -> event.get("category").asText())
                .containsExactly("NOT_ROOT", "ROOT_CREDENTIAL_CHANGE");
    }

    @Test
    void classifiesAnEventWithAOneMegabyteString() throws IOException {
        String userAgent = "x".repeat(1024 * 1024);
        Path big = Files.writeString(temp.resolve("big.json"), Files.readString(resource("shapes/record.json"))
                .replace("console.amazonaws.com", userAgent));

        var result = run("classify", "--json", big.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.jsonLines()).singleElement()
                .satisfies(event -> assertThat(event.get("userAgent").asText()).hasSize(userAgent.length()));
    }

    @Test
    void reportsAPathThatDoesNotExist() {
        var result = run("classify", temp.resolve("missing.json").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualToIgnoringNewLines(temp.resolve("missing.json") + ": no such file or directory");
    }

    @Test
    void reportsTruncatedGzipData() throws IOException {
        byte[] gzip = Files.readAllBytes(resource("malformed/gzip-garbage.json.gz"));
        Path truncated = Files.write(temp.resolve("cut.json.gz"), java.util.Arrays.copyOf(gzip, 10));

        var result = run("classify", truncated.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().startsWith(truncated + ": truncated gzip data");
    }

    @Test
    void reportsEachPartOfADocumentThatIsNotAnEventAndClassifiesTheRest() throws IOException {
        Path mixed = Files.writeString(temp.resolve("mixed.json"), "[42, " + Files.readString(resource("shapes/record.json"))
                + ", {\"Records\": \"none\"}]");

        var result = run("classify", "--json", mixed.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.jsonLines()).hasSize(1);
        assertThat(result.errLines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith(mixed + ": "));
    }

    @Test
    void exitsZeroWhenEveryInputWasRead() {
        var result = run("classify", resource("shapes/events.jsonl").toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void exitsTwoOnAUsageError() {
        assertThat(run("classify").exitCode()).isEqualTo(2);
        assertThat(run("classify", "--no-such-option", "x").exitCode()).isEqualTo(2);
    }
}
