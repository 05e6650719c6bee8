package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.rootwatch.cli.SeededAuditTable.DATA;
import static io.rootwatch.cli.SeededAuditTable.PAYMENTS;
import static io.rootwatch.cli.SeededAuditTable.QUIET;
import static io.rootwatch.cli.SeededAuditTable.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;

/** rootwatch query against an audit table the real detector filled on moto_server. */
@DummyCredentials
class QueryCommandTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String[] NOVEMBER = {"--from", "2026-11-01", "--until", "2026-11-30"};

    @BeforeAll
    static void seed() throws Exception {
        SeededAuditTable.november(MOTO);
    }

    static Rootwatch.Run query(String... options) {
        List<String> args = new ArrayList<>(List.of("query"));
        args.addAll(SeededAuditTable.tableArguments(MOTO));
        args.addAll(Arrays.asList(options));
        return Rootwatch.run(args.toArray(String[]::new));
    }

    /** The event ids a JSON Lines query prints, in order; fails the test on a non-zero exit. */
    static List<String> ids(String... options) {
        List<String> args = new ArrayList<>(List.of("--format", "jsonl"));
        args.addAll(Arrays.asList(options));
        Rootwatch.Run run = query(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.jsonLines().stream().map(line -> line.get("eventId").asText()).toList();
    }

    static String[] november(String... options) {
        List<String> args = new ArrayList<>(Arrays.asList(NOVEMBER));
        args.addAll(Arrays.asList(options));
        return args.toArray(String[]::new);
    }

    @Test
    void withoutFiltersEveryEventOfThePeriodComesOldestFirst() {
        assertThat(ids(november())).containsExactly("ev-01", "ev-02", "ev-04", "ev-03", "ev-05", "ev-10", "ev-06", "ev-07",
                "ev-08", "ev-09");
    }

    @Test
    void anAccountFilterKeepsThatAccountsEvents() {
        assertThat(ids(november("--account", PAYMENTS))).containsExactly("ev-01", "ev-02", "ev-08", "ev-09");
    }

    @Test
    void severalAccountsAreMergedInTimeOrder() {
        assertThat(ids(november("--account", SANDBOX, "--account", PAYMENTS))).containsExactly("ev-01", "ev-02", "ev-06", "ev-07",
                "ev-08", "ev-09");
        assertThat(ids(november("--account", SANDBOX + "," + PAYMENTS))).containsExactly("ev-01", "ev-02", "ev-06", "ev-07",
                "ev-08", "ev-09");
    }

    @Test
    void aCategoryFilterKeepsThatCategory() {
        assertThat(ids(november("--category", "ROOT_SIGN_IN"))).containsExactly("ev-01", "ev-04");
    }

    @Test
    void aSeverityFilterKeepsThatSeverity() {
        assertThat(ids(november("--severity", "CRITICAL"))).containsExactly("ev-01", "ev-03", "ev-07", "ev-08");
    }

    @Test
    void aMinimumSeverityKeepsThatSeverityAndMoreUrgentOnes() {
        assertThat(ids(november("--min-severity", "HIGH"))).containsExactly("ev-01", "ev-02", "ev-04", "ev-03", "ev-07", "ev-08");
    }

    @Test
    void aTaskFilterKeepsThatTask() {
        assertThat(ids(november("--task", "close-account"))).containsExactly("ev-02");
        assertThat(ids(november("--task", "root-access-key"))).containsExactly("ev-07");
    }

    @Test
    void aSourceAddressFilterKeepsEventsFromThatAddress() {
        assertThat(ids(november("--source-ip", "203.0.113.24"))).containsExactly("ev-04", "ev-05", "ev-07");
    }

    @Test
    void expectedKeepsOnlyEventsInABreakGlassWindow() {
        assertThat(ids(november("--expected"))).containsExactly("ev-08");
    }

    @Test
    void unexpectedKeepsEverythingOutsideBreakGlassWindows() {
        assertThat(ids(november("--unexpected"))).containsExactly("ev-01", "ev-02", "ev-04", "ev-03", "ev-05", "ev-10", "ev-06",
                "ev-07", "ev-09");
    }

    @Test
    void filtersCombineAsAllOf() {
        assertThat(ids(november("--account", DATA, "--severity", "CRITICAL"))).containsExactly("ev-03");
        assertThat(ids(november("--category", "ROOT_ONLY_TASK", "--unexpected"))).containsExactly("ev-02");
        assertThat(ids(november("--min-severity", "CRITICAL", "--source-ip", "192.0.2.146"))).containsExactly("ev-01");
    }

    @Test
    void thePeriodIncludesItsStartAndExcludesItsEnd() {
        assertThat(ids("--from", "2026-11-07T23:59:59.500Z", "--until", "2026-11-08T00:00:00Z")).containsExactly("ev-06");
        assertThat(ids("--from", "2026-11-07T23:59:59.501Z", "--until", "2026-11-08T00:00:00.001Z")).containsExactly("ev-07");
    }

    @Test
    void aDateAsUntilIncludesThatWholeDay() {
        assertThat(ids("--from", "2026-11-08", "--until", "2026-11-08")).containsExactly("ev-07");
    }

    @Test
    void sinceCountsBackFromNow() {
        assertThat(ids("--since", "2d", "--now", "2026-11-09T00:00:00Z")).containsExactly("ev-06", "ev-07");
        assertThat(ids("--since", "30m", "--now", "2026-11-10T10:10:00Z")).containsExactly("ev-08", "ev-09");
        assertThat(ids("--since", "1h", "--now", "2026-11-10T10:00:00Z")).isEmpty();
    }

    @Test
    void withoutAPeriodTheLastSevenDaysAreQueried() {
        assertThat(ids("--now", "2026-11-11T00:00:00Z")).containsExactly("ev-04", "ev-03", "ev-05", "ev-10", "ev-06", "ev-07",
                "ev-08", "ev-09");
    }

    @Test
    void smallPagesStillReturnEveryEvent() {
        assertThat(ids(november("--page-size", "1"))).isEqualTo(ids(november()));
        assertThat(ids(november("--account", PAYMENTS, "--page-size", "1"))).containsExactly("ev-01", "ev-02", "ev-08", "ev-09");
        assertThat(ids(november("--min-severity", "HIGH", "--page-size", "2"))).hasSize(6);
    }

    @Test
    void nothingMatchingIsAnEmptySuccess() {
        Rootwatch.Run run = query(november("--account", QUIET));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("0 events from 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z");
    }

    @Test
    void nothingMatchingInCsvIsTheHeaderAlone() {
        Rootwatch.Run run = query(november("--account", QUIET, "--format", "csv"));

        assertThat(run.out()).startsWith("eventId,eventTime,accountId,").endsWith("\r\n");
        assertThat(run.out().lines()).hasSize(1);
    }

    @Test
    void theTableFormatLooksLikeTheGoldenFile() {
        Rootwatch.Run run = query(november());

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches("query/november.table.txt", run.out());
    }

    @Test
    void theJsonLinesFormatLooksLikeTheGoldenFile() {
        Rootwatch.Run run = query(november("--format", "jsonl"));

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches("query/november.jsonl", run.out());
    }

    @Test
    void theCsvFormatLooksLikeTheGoldenFile() {
        Rootwatch.Run run = query(november("--format", "csv"));

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches("query/november.csv", run.out());
    }

    @Test
    void everyJsonLineHasEveryFieldInTheSameOrder() {
        List<JsonNode> lines = query(november("--format", "jsonl")).jsonLines();

        List<String> first = new ArrayList<>();
        lines.getFirst().fieldNames().forEachRemaining(first::add);
        assertThat(first).startsWith("eventId", "eventTime", "accountId", "accountName", "region").contains("reasons");
        lines.forEach(line -> {
            List<String> names = new ArrayList<>();
            line.fieldNames().forEachRemaining(names::add);
            assertThat(names).isEqualTo(first);
        });
        JsonNode signIn = lines.getFirst();
        assertThat(signIn.get("mfaUsed").isBoolean()).isTrue();
        assertThat(signIn.get("task").isNull()).isTrue();
        assertThat(signIn.get("reasons").isArray()).isTrue();
    }

    @Test
    void explainShowsTheIndexThePartitionsAndTheFilters() {
        Rootwatch.Run run = query(november("--account", PAYMENTS, "--min-severity", "HIGH", "--unexpected", "--explain"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("Query index byAccount on accountId (1 partition: 111122223333), timeKey in"
                + " [2026-11-01T00:00:00.000Z, 2026-12-01T00:00:00.000Z), filter on severity, expected");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--since|7x|'7x' is not an age such as 7d, 12h or 30m",
            "--since|0d|'0d' is not an age",
            "--from|yesterday|'yesterday' is neither a time",
            "--until|2026-13-01|'2026-13-01' is neither a time",
            "--account|12345|--account '12345' is not an AWS account id (12 digits)",
            "--category|ROOT|expected one of",
            "--severity|SEVERE|expected one of",
            "--min-severity|urgent|expected one of",
            "--task|nap|--task 'nap' is not in the task catalog",
            "--format|xml|'xml' is not a format: table, jsonl or csv",
            "--page-size|0|--page-size must be at least 1"})
    void aBadOptionValueIsAUsageErrorThatSaysWhatIsWrong(String option, String value, String message) {
        Rootwatch.Run run = query(option, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void conflictingOptionsAreUsageErrors() {
        assertThat(query("--since", "7d", "--from", "2026-11-01").err()).contains("--since cannot be combined with --from or --until");
        assertThat(query("--expected", "--unexpected").err()).contains("--expected and --unexpected cannot be combined");
        assertThat(query("--severity", "HIGH", "--min-severity", "LOW").err()).contains("--severity and --min-severity cannot be combined");
        assertThat(query("--from", "2026-11-05", "--until", "2026-11-01").err()).contains("is not before --until");
        assertThat(query("--since", "7d", "--expected", "--unexpected").exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingTableIsAnAwsErrorNotAnEmptyResult() {
        Rootwatch.Run run = Rootwatch.run("query", "--table", "no-such-table", "--region", "us-east-1",
                "--endpoint-url", MOTO.endpoint().toString(), "--since", "7d");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rootwatch query: table no-such-table (or its index) not found in us-east-1");
    }
}
