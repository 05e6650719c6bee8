package io.rootwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.rootwatch.cli.Rootwatch.resource;
import static io.rootwatch.cli.Rootwatch.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Without --json, classify prints an aligned table for people, and --root-only leaves out what is not root. */
class ClassifyTableOutputTest {

    @TempDir
    Path temp;

    @Test
    void printsAHeaderAndOneRowPerEvent() {
        var result = run("classify", resource("shapes/log-file.json").toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).hasSize(3);
        assertThat(result.outLines().getFirst().split("\\s+"))
                .containsExactly("TIME", "ACCOUNT", "REGION", "EVENT", "CATEGORY", "TASK", "SEVERITY", "MFA");
    }

    @Test
    void showsTheVerdictOfEachEvent() {
        var result = run("classify", resource("shapes/record.json").toString());

        assertThat(result.outLines().get(1).split("\\s+")).containsExactly("2025-03-02T09:18:44Z", "111122223333", "us-east-1",
                "iam:CreateAccessKey", "ROOT_CREDENTIAL_CHANGE", "root-access-key", "CRITICAL", "yes");
    }

    @Test
    void alignsColumns() {
        var result = run("classify", resource("shapes/events.jsonl").toString());

        var lines = result.outLines();
        int categoryColumn = lines.getFirst().indexOf("CATEGORY");
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line.substring(categoryColumn)).matches("(ROOT_|NOT_ROOT).*"));
    }

    @Test
    void showsADashForWhatTheEventDoesNotSay() {
        var result = run("classify", resource("shapes/log-file.json").toString());

        assertThat(result.outLines().get(1)).contains("s3:ListBuckets", "ROOT_API_CALL", " - ", "CRITICAL").endsWith("-");
    }

    @Test
    void leavesOutEventsThatAreNotRootWithRootOnly() {
        var all = run("classify", resource("shapes/log-file.json").toString());
        var rootOnly = run("classify", "--root-only", resource("shapes/log-file.json").toString());

        assertThat(all.out()).contains("NOT_ROOT");
        assertThat(rootOnly.out()).doesNotContain("NOT_ROOT").contains("ROOT_API_CALL");
    }

    @Test
    void leavesOutEventsThatAreNotRootWithRootOnlyInJsonToo() {
        var result = run("classify", "--json", "--root-only", resource("shapes/log-file.json").toString());

        assertThat(result.jsonLines()).extracting(event -> event.get("category").asText()).containsExactly("ROOT_API_CALL");
    }

    @Test
    void saysNoRootActivityFoundRatherThanPrintingAnEmptyTable() throws IOException {
        Path notRoot = Files.writeString(temp.resolve("alice.json"),
                "{\"eventName\": \"ListBuckets\", \"userIdentity\": {\"type\": \"IAMUser\"}}");

        var result = run("classify", "--root-only", notRoot.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualToIgnoringNewLines("No root activity found.");
    }

    @Test
    void showsControlCharactersFromEventsAsQuestionMarksSoTheyCannotDriveTheTerminal() throws IOException {
        Path hostile = Files.writeString(temp.resolve("hostile.json"),
                "{\"eventName\": \"List\\u001b[2JBuckets\", \"eventSource\": \"s3.amazonaws.com\", \"awsRegion\": \"us-\\u202eeast-1\","
                        + " \"userIdentity\": {\"type\": \"Root\"}}");

        var result = run("classify", hostile.toString());

        assertThat(result.out()).doesNotContain("\u001b", "\u202e").contains("s3:List?[2JBuckets", "us-?east-1");
    }

    @Test
    void cutsOversizedFieldsSoTheTableStaysReadable() throws IOException {
        Path huge = Files.writeString(temp.resolve("huge.json"),
                "{\"eventName\": \"" + "A".repeat(10_000) + "\", \"userIdentity\": {\"type\": \"Root\"}}");

        var result = run("classify", huge.toString());

        assertThat(result.outLines()).allSatisfy(line -> assertThat(line.length()).isLessThan(250));
        assertThat(result.out()).contains("AAA...");
    }
}
