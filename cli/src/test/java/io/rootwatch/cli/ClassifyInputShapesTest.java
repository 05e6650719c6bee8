package io.rootwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static io.rootwatch.cli.Rootwatch.resource;
import static io.rootwatch.cli.Rootwatch.run;
import static io.rootwatch.cli.Rootwatch.runWithStdin;
import static org.assertj.core.api.Assertions.assertThat;

/** Every shape CloudTrail events come in is read, plain or gzip-compressed, from a file, a directory or stdin. */
class ClassifyInputShapesTest {
    private static final String CREATE_ACCESS_KEY = "00000000-0000-4000-8000-000000000001";
    private static final String CONSOLE_LOGIN = "00000000-0000-4000-8000-000000000002";
    private static final String LIST_BUCKETS = "00000000-0000-4000-8000-000000000003";
    private static final String DESCRIBE_INSTANCES = "00000000-0000-4000-8000-000000000004";

    @TempDir
    Path temp;

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("shapes/record.json", List.of(CREATE_ACCESS_KEY)),
                Arguments.of("shapes/envelope.json", List.of(CONSOLE_LOGIN)),
                Arguments.of("shapes/log-file.json", List.of(LIST_BUCKETS, DESCRIBE_INSTANCES)),
                Arguments.of("shapes/array.json", List.of(CONSOLE_LOGIN, DESCRIBE_INSTANCES)),
                Arguments.of("shapes/events.jsonl", List.of(CONSOLE_LOGIN, CREATE_ACCESS_KEY, LIST_BUCKETS, DESCRIBE_INSTANCES)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void readsEveryEventOfAFile(String shape, List<String> eventIds) {
        var result = run("classify", "--json", resource(shape).toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(eventIds(result)).containsExactlyElementsOf(eventIds);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void readsTheSameEventsGzipCompressedWhateverTheFileIsCalled(String shape, List<String> eventIds) throws IOException {
        Path compressed = Files.write(temp.resolve("no-gzip-suffix.json"), gzip(Files.readAllBytes(resource(shape))));

        var result = run("classify", "--json", compressed.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(eventIds(result)).containsExactlyElementsOf(eventIds);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void readsTheStandardInputNamedDash(String shape, List<String> eventIds) throws IOException {
        var result = runWithStdin(Files.readAllBytes(resource(shape)), "classify", "--json", "-");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(eventIds(result)).containsExactlyElementsOf(eventIds);
        assertThat(inputs(result)).containsOnly("<stdin>");
    }

    @Test
    void readsGzipCompressedStandardInput() throws IOException {
        var result = runWithStdin(gzip(Files.readAllBytes(resource("shapes/log-file.json"))), "classify", "--json", "-");

        assertThat(eventIds(result)).containsExactly(LIST_BUCKETS, DESCRIBE_INSTANCES);
    }

    @Test
    void walksDirectoriesRecursivelyInNameOrderTakingOnlyEventFiles() throws IOException {
        Files.createDirectories(temp.resolve("b/nested"));
        copy("shapes/record.json", temp.resolve("b/nested/record.json"));
        copy("shapes/envelope.json", temp.resolve("a.jsonl"));
        copy("shapes/log-file.json", temp.resolve("b/log.ndjson"));
        Files.write(temp.resolve("c.json.gz"), gzip(Files.readAllBytes(resource("shapes/record.json"))));
        Files.write(temp.resolve("d.jsonl.gz"), gzip(Files.readAllBytes(resource("shapes/envelope.json"))));
        Files.write(temp.resolve("e.gz"), gzip(Files.readAllBytes(resource("shapes/record.json"))));
        Files.writeString(temp.resolve("expected.tsv"), "file\tcategory\ttask\tseverity\tdescription\n");
        Files.writeString(temp.resolve("README.md"), "# not an event\n");
        copy("shapes/record.json", temp.resolve("notes.txt"));

        var result = run("classify", "--json", temp.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(inputs(result)).containsExactly(
                temp.resolve("a.jsonl").toString(),
                temp.resolve("b/log.ndjson").toString(), temp.resolve("b/log.ndjson").toString(),
                temp.resolve("b/nested/record.json").toString(),
                temp.resolve("c.json.gz").toString(),
                temp.resolve("d.jsonl.gz").toString(),
                temp.resolve("e.gz").toString());
    }

    @Test
    void readsAFileNamedExplicitlyWhateverItsName() throws IOException {
        Path notes = copy("shapes/record.json", temp.resolve("notes.txt"));

        var result = run("classify", "--json", notes.toString());

        assertThat(eventIds(result)).containsExactly(CREATE_ACCESS_KEY);
    }

    @Test
    void readsSeveralPathsInTheOrderGiven() {
        var result = run("classify", "--json", resource("shapes/envelope.json").toString(), resource("shapes/record.json").toString());

        assertThat(eventIds(result)).containsExactly(CONSOLE_LOGIN, CREATE_ACCESS_KEY);
    }

    @Test
    void namesTheLineOfEachEventOfAJsonLinesFile() {
        var result = run("classify", "--json", resource("shapes/events.jsonl").toString());

        assertThat(result.jsonLines().stream().map(event -> event.get("line").asInt()).toList()).containsExactly(1, 2, 4, 4);
    }

    private Path copy(String resource, Path target) throws IOException {
        return Files.copy(resource(resource), target);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var compressed = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bytes);
        }
        return compressed.toByteArray();
    }

    private static List<String> eventIds(Rootwatch.Run result) {
        return result.jsonLines().stream().map(event -> event.get("eventId").asText()).toList();
    }

    private static List<String> inputs(Rootwatch.Run result) {
        return result.jsonLines().stream().map(event -> event.get("input").asText()).toList();
    }
}
