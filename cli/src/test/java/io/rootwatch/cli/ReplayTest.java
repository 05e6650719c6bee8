package io.rootwatch.cli;

import io.rootwatch.detect.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.rootwatch.cli.Rootwatch.resource;
import static io.rootwatch.cli.Rootwatch.run;
import static io.rootwatch.cli.Rootwatch.samples;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay puts sample EventBridge events through the deployed pattern and the classifier, and fails
 * on any disagreement: between the two, or with the verdicts expected.tsv names.
 */
class ReplayTest {
    private static final String HEADER = "file\tcategory\ttask\tseverity\tdescription\n";

    @TempDir
    Path samples;

    @Test
    void passesOverTheRepositorySamples() {
        var result = run("replay", samples().toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.outLines()).contains("Result: OK, nothing flagged");
    }

    @Test
    void countsTheRepositorySamplesOfEachCategoryPresent() {
        Map<String, Long> categories = run("classify", "--json", samples().toString()).jsonLines().stream()
                .collect(Collectors.groupingBy(event -> event.get("category").asText(), Collectors.counting()));

        var result = run("replay", samples().toString());

        assertThat(categories).isNotEmpty();
        categories.forEach((category, count) ->
                assertThat(result.outLines()).anySatisfy(line -> assertThat(line).matches("  " + category + " +" + count + " +\\d+")));
    }

    @Test
    void countsTheEventsThePatternMatched() throws IOException {
        sample("root-sign-in.json");
        sample("not-root-user-named-root.json");

        var result = run("replay", samples.toString());

        assertThat(result.outLines()).contains(
                "  " + padded(Category.ROOT_SIGN_IN) + "      1  1",
                "  " + padded(Category.NOT_ROOT) + "      1  0",
                "  " + padded("all, in 2 files") + "      2  1");
    }

    @Test
    void printsForEachEventItsFileRuleVerdictAndAlertPreview() throws IOException {
        sample("root-sign-in.json");

        var result = run("replay", samples.toString());

        assertThat(result.outLines()).anySatisfy(line -> assertThat(line.split(" {2,}")).containsExactly(
                "ok", "root-sign-in.json", "matched", "ROOT_SIGN_IN", "-", "CRITICAL",
                "[CRITICAL] Root sign-in without MFA: 111122223333 from 203.0.113.24"));
    }

    @Test
    void passesWhenEveryVerdictIsTheOneExpectedTsvNames() throws IOException {
        sample("root-sign-in.json");
        sample("not-root-user-named-root.json");
        expect("""
                root-sign-in.json\tROOT_SIGN_IN\t-\tCRITICAL\troot signs in without MFA
                not-root-user-named-root.json\tNOT_ROOT\t-\tINFO\tan IAM user named root is not root
                """);

        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.outLines()).contains("expected.tsv: 2 of 2 events as expected", "Result: OK, nothing flagged");
    }

    @Test
    void failsAndNamesTheFileWhenAVerdictDiffersFromExpectedTsv() throws IOException {
        sample("root-sign-in.json");
        sample("not-root-user-named-root.json");
        expect("""
                root-sign-in.json\tROOT_SIGN_IN\t-\tHIGH\twrong: root without MFA is critical
                not-root-user-named-root.json\tNOT_ROOT\t-\tINFO\tan IAM user named root is not root
                """);

        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(flagged(result)).singleElement().asString()
                .contains("root-sign-in.json", "expected.tsv line 2", "severity CRITICAL, expected HIGH");
        assertThat(result.outLines()).anySatisfy(line -> assertThat(line).startsWith("ok ").contains("not-root-user-named-root.json"));
        assertThat(result.outLines()).contains("Result: FAILED, 1 flagged");
    }

    @Test
    void failsOnASampleFileExpectedTsvHasNoLineFor() throws IOException {
        sample("root-sign-in.json");
        sample("not-root-user-named-root.json");
        expect("root-sign-in.json\tROOT_SIGN_IN\t-\tCRITICAL\troot signs in without MFA\n");

        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(flagged(result)).singleElement().asString().contains("not-root-user-named-root.json", "no line");
    }

    @Test
    void failsOnAnExpectedTsvLineForAFileThatIsNotThere() throws IOException {
        sample("root-sign-in.json");
        expect("""
                root-sign-in.json\tROOT_SIGN_IN\t-\tCRITICAL\troot signs in without MFA
                gone.json\tNOT_ROOT\t-\tINFO\ta sample since deleted
                """);

        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(flagged(result)).singleElement().asString().contains("expected.tsv:3", "gone.json");
    }

    @Test
    void flagsRootActivityFromANonAwsSourceBecauseThePatternCannotBeFooledByCustomEvents() throws IOException {
        sample("forged-custom-source.json");

        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outLines()).anySatisfy(line -> assertThat(line.split(" {2,}"))
                .startsWith("FLAG", "forged-custom-source.json", "no match", "ROOT_SIGN_IN"));
        assertThat(flagged(result)).singleElement().asString()
                .contains("forged-custom-source.json", "the EventBridge pattern does not match it");
    }

    @Test
    void flagsRootActivityInABareRecordThatNoRuleCouldSee() throws IOException {
        Files.copy(resource("shapes/record.json"), samples.resolve("bare.json"));

        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("no envelope");
        assertThat(flagged(result)).singleElement().asString().contains("bare.json", "not an EventBridge event");
    }

    @Test
    void failsOnASampleThatCannotBeRead() throws IOException {
        sample("root-sign-in.json");
        Files.copy(resource("malformed/truncated.json"), samples.resolve("truncated.json"));

        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(flagged(result)).singleElement().asString().contains("truncated.json", "truncated JSON");
    }

    @Test
    void saysExpectedVerdictsWereNotComparedWithoutExpectedTsv() throws IOException {
        sample("root-sign-in.json");

        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("expected.tsv: none in " + samples + ", verdicts not compared");
    }

    @Test
    void failsOnADirectoryWithNoSamples() {
        var result = run("replay", samples.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(flagged(result)).singleElement().asString().contains("no sample files");
    }

    @Test
    void readsEventsSamplesInTheCurrentDirectoryByDefault() {
        var result = run("replay");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("events-samples: no such directory");
    }

    private void sample(String name) throws IOException {
        Files.copy(resource("replay/" + name), samples.resolve(name));
    }

    private void expect(String lines) throws IOException {
        Files.writeString(samples.resolve("expected.tsv"), HEADER + lines);
    }

    /** The lines of the Flagged section. */
    private static List<String> flagged(Rootwatch.Run result) {
        var lines = result.outLines();
        int start = lines.indexOf("Flagged:");
        if (start < 0) {
            return List.of();
        }
        return lines.subList(start + 1, lines.size()).stream().takeWhile(line -> line.startsWith("  ")).toList();
    }

    private static String padded(Object label) {
        return String.format("%-26s", label);
    }
}
