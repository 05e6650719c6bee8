package io.rootwatch.cli;

import io.rootwatch.accounts.MotoOrganizations;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.FaultyEndpoint;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.rootwatch.cli.SeededAuditTable.DATA;
import static io.rootwatch.cli.SeededAuditTable.PAYMENTS;
import static io.rootwatch.cli.SeededAuditTable.QUIET;
import static io.rootwatch.cli.SeededAuditTable.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;

/** rootwatch report on an audit table the real detector filled on moto_server. */
@DummyCredentials
class ReportCommandTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String LISTED_ONLY = "555566667777";
    private static final String[] NOVEMBER = {"--from", "2026-11-01", "--until", "2026-11-30", "--now", "2026-12-01T09:00:00Z"};

    private SeededAuditTable table;

    @BeforeEach
    void seed() throws Exception {
        table = SeededAuditTable.november(MOTO);
    }

    static Rootwatch.Run report(String... options) {
        List<String> args = new ArrayList<>(List.of("report"));
        args.addAll(SeededAuditTable.tableArguments(MOTO));
        args.addAll(Arrays.asList(NOVEMBER));
        args.addAll(Arrays.asList(options));
        return Rootwatch.run(args.toArray(String[]::new));
    }

    static String succeeded(Rootwatch.Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void theMarkdownReportLooksLikeTheGoldenFile() {
        Golden.assertMatches("report/november.md", succeeded(report("--accounts", LISTED_ONLY)));
    }

    @Test
    void theHtmlReportLooksLikeTheGoldenFile() {
        Golden.assertMatches("report/november.html", succeeded(report("--accounts", LISTED_ONLY, "--format", "html")));
    }

    @Test
    void theHeaderStatesThePeriodTheTableTheTimeAndTheTotals() {
        String markdown = succeeded(report());

        assertThat(markdown).contains("| Period | 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z (UTC, end excluded) |")
                .contains("| Audit table | rootwatch-audit |")
                .contains("| Generated | 2026-12-01T09:00:00Z |")
                .contains("| Accounts | 4 known, 3 with root activity, 1 without |")
                .contains("| Root events | 9 (CRITICAL 4, HIGH 2, MEDIUM 2, INFO 1) |");
    }

    @Test
    void anAccountKnownOnlyFromAnEarlierSignInIsListedWithoutActivity() {
        String markdown = succeeded(report());

        assertThat(section(markdown, "## Accounts without root activity in the period"))
                .contains("| " + QUIET + " | 2026-10-15T07:00:00Z, MFA yes |");
    }

    @Test
    void accountsGivenOnTheCommandLineOrInAFileAreListedWhenQuiet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accounts.txt");
        Files.writeString(file, "# every account of the organization\n666677778888\t777788889999  # from list-accounts\n"
                + PAYMENTS + "\n");

        String quiet = section(succeeded(report("--accounts", LISTED_ONLY, "--accounts-file", file.toString())),
                "## Accounts without root activity in the period");

        assertThat(quiet).contains("| " + LISTED_ONLY + " | none recorded |", "| 666677778888 | none recorded |",
                "| 777788889999 | none recorded |", "| " + QUIET + " |").doesNotContain(PAYMENTS);
    }

    @Test
    void withOrganizationEveryActiveAccountOfTheOrganizationIsListedWhenQuiet() throws Exception {
        String joined;
        String closed;
        try (MotoOrganizations organizations = new MotoOrganizations(MOTO.endpoint())) {
            organizations.createOrganization();
            joined = organizations.createAccount("new-team");
            closed = organizations.createAccount("closed");
            organizations.closeAccount(closed);
        }

        String quiet = section(succeeded(report("--organization")), "## Accounts without root activity in the period");

        assertThat(quiet).contains("| " + joined + " | none recorded |").doesNotContain(closed);
    }

    @Test
    void withOrganizationAnUnansweredListingFailsTheReportSayingWhy() throws Exception {
        try (FaultyEndpoint organizations = new FaultyEndpoint(MOTO.endpoint())) {
            organizations.mode(FaultyEndpoint.Mode.RATE_EXCEEDED);
            organizations.onlyFor("organizations");
            List<String> args = new ArrayList<>(List.of("report", "--table", SeededAuditTable.TABLE, "--region", "us-east-1",
                    "--endpoint-url", organizations.endpoint().toString(), "--organization"));
            args.addAll(Arrays.asList(NOVEMBER));

            Rootwatch.Run run = Rootwatch.run(args.toArray(String[]::new));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("rootwatch report: cannot list the organization's accounts: ");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aNotRootEventIsNoRootActivity() {
        String data = section(succeeded(report()), "## Account " + DATA);

        assertThat(data).contains("- Root events in the period: 3").doesNotContain("NOT_ROOT");
    }

    @Test
    void signInsWithoutMfaAreReportedWithTheirAddress() {
        String payments = section(succeeded(report()), "## Account " + PAYMENTS);

        assertThat(section(payments, "### Root sign-ins without MFA"))
                .contains("| 2026-11-03T08:15:00Z | 192.0.2.146 | no | Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:145.0)");
        assertThat(section(section(succeeded(report()), "## Account " + DATA), "### Root sign-ins without MFA")).contains("None.");
    }

    @Test
    void callsSignedWithARootAccessKeyAreReportedWithTheKey() {
        String markdown = succeeded(report());

        assertThat(section(section(markdown, "## Account " + DATA), "### Calls signed with a root access key"))
                .contains("| 2026-11-05T12:00:00Z | AKIA5KES5J64IJGJHR5X | s3:ListBuckets | 192.0.2.61 |");
        assertThat(section(section(markdown, "## Account " + PAYMENTS), "### Calls signed with a root access key"))
                .contains("| 2026-11-10T10:00:00Z | AKIA45LZM4X3ATFSUSCC | s3:PutBucketVersioning | 203.0.113.9 |");
        assertThat(section(section(markdown, "## Account " + SANDBOX), "### Calls signed with a root access key")).contains("None.");
    }

    @Test
    void rootOnlyTasksAreListedWithTheCatalogsTitleAndWhetherTheyWerePlanned() {
        String payments = section(succeeded(report()), "## Account " + PAYMENTS);

        assertThat(section(payments, "### Root-only tasks performed"))
                .contains("| 2026-11-03T08:20:00Z | close-account |")
                .contains("[Close the AWS account](https://docs.aws.amazon.com/")
                .containsPattern("\\| 2026-11-10T10:00:00Z \\| s3-mfa-delete \\| .* \\| s3:PutBucketVersioning \\| yes \\|");
    }

    @Test
    void theLastSignInIsTheLatestInThePeriodAndTheLatestEverRecorded() {
        String data = section(succeeded(report()), "## Account " + DATA);

        assertThat(data).contains("- Last root sign-in in the period: 2026-11-05T11:55:00Z from 203.0.113.24, MFA yes")
                .contains("- Last root sign-in recorded: 2026-11-05T11:55:00Z, MFA yes");
        assertThat(section(succeeded(report()), "## Account " + SANDBOX)).contains("- Last root sign-in in the period: none");
    }

    @Test
    void anAccountFilterReportsOnThoseAccountsOnly() {
        String markdown = succeeded(report("--account", SANDBOX, "--account", LISTED_ONLY));

        assertThat(markdown).contains("## Account " + SANDBOX).doesNotContain("## Account " + PAYMENTS).doesNotContain(QUIET)
                .contains("| " + LISTED_ONLY + " | none recorded |")
                .contains("| Accounts | 2 known, 1 with root activity, 1 without |");
    }

    @Test
    void thePeriodLimitsTheEvents() {
        String markdown = succeeded(Rootwatch.run(concat(List.of("report"), SeededAuditTable.tableArguments(MOTO),
                List.of("--from", "2026-11-10", "--until", "2026-11-10", "--now", "2026-12-01T09:00:00Z"))));

        assertThat(markdown).contains("| Root events | 2 (CRITICAL 1, INFO 1) |").contains("| " + DATA + " | 2026-11-05T11:55:00Z, MFA yes |");
    }

    @Test
    void sinceCountsBackFromNow() {
        Rootwatch.Run run = Rootwatch.run(concat(List.of("report"), SeededAuditTable.tableArguments(MOTO),
                List.of("--since", "30d", "--now", "2026-11-20T00:00:00Z")));

        assertThat(succeeded(run)).contains("| Period | 2026-10-21T00:00:00Z to 2026-11-20T00:00:00Z (UTC, end excluded) |");
    }

    @Test
    void theReportIsWrittenToTheOutputFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");

        Rootwatch.Run run = report("--format", "html", "--output", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("<svg class=\"timeline\"");
        assertThat(run.err()).contains("wrote " + file + ": 9 root events, 4 accounts");
    }

    @Test
    void theHtmlReportFetchesNothingAndLinksOnlyToAwsDocumentation() {
        String html = succeeded(report("--format", "html"));

        assertThat(html).doesNotContainPattern("(?i)<script|<link|<img|<iframe|<object|<embed|@import|url\\(|src\\s*=");
        Matcher links = Pattern.compile("(?i)href\\s*=\\s*\"([^\"]*)\"").matcher(html);
        List<String> targets = new ArrayList<>();
        while (links.find()) {
            targets.add(links.group(1));
        }
        assertThat(targets).isNotEmpty().allSatisfy(target -> assertThat(target).startsWith("https://docs.aws.amazon.com/"));
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
    }

    @Test
    void theTimelineHasOneRowPerAccountMarksColouredBySeverityALegendAndText() {
        String html = succeeded(report("--format", "html"));
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));

        assertThat(svg).contains("role=\"img\"", "<title id=\"timeline-title\">", "<desc id=\"timeline-desc\">9 root events in 3 of 4 accounts.");
        assertThat(Pattern.compile("<text class=\"account\"").matcher(svg).results().count()).isEqualTo(4);
        assertThat(Pattern.compile("<circle [^>]*><title>").matcher(svg).results().count()).isEqualTo(9);
        assertThat(svg).contains("fill=\"#b00020\"><title>2026-11-03T08:15:00Z CRITICAL signin:ConsoleLogin (ROOT_SIGN_IN)</title>");
        assertThat(Pattern.compile("<text class=\"legend\"").matcher(svg).results().count()).isEqualTo(5);
    }

    @Test
    void hostileEventValuesAreEscapedInHtml() {
        recordHostileSignIn();

        String html = succeeded(report("--format", "html"));

        assertThat(html).doesNotContain("<script>alert(1)</script>").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
        assertThat(html).doesNotContainPattern("(?i)<script|<img");
    }

    @Test
    void hostileEventValuesAreInertInMarkdown() {
        recordHostileSignIn();

        String markdown = succeeded(report());

        String hostileRow = markdown.lines().filter(line -> line.startsWith("| 2026-11-12T")).findFirst().orElseThrow();
        String heading = markdown.lines().filter(line -> line.startsWith("## Account " + SANDBOX)).findFirst().orElseThrow();
        assertThat(hostileRow + heading).as("no unescaped < or [").doesNotContainPattern("(?<!\\\\)[<\\[]");
        assertThat(markdown).doesNotContain("https://evil");
        assertThat(heading).isEqualTo("## Account 333344445555 (\\<script\\>alert(1)\\</script\\>)");
        assertThat(hostileRow).contains("\\[phish\\](https:\\/\\/evil.example/)").contains("one?line");
        assertThat(hostileRow.split("(?<!\\\\)\\|"))
                .as("a pipe in a value does not add cells").hasSize(5);
    }

    @Test
    void aBadAccountsFileIsAUsageErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accounts.txt");
        Files.writeString(file, "111122223333\n\nprod-payments\n");

        Rootwatch.Run run = report("--accounts-file", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + ":3: 'prod-payments' is not an AWS account id (12 digits)");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(report("--format", "pdf").err()).contains("'pdf' is not a format: markdown or html");
        assertThat(report("--account", "1234").err()).contains("'1234' is not an AWS account id (12 digits)");
        assertThat(report("--accounts", "x").exitCode()).isEqualTo(2);
        assertThat(report("--since", "7d").err()).contains("--since cannot be combined with --from or --until");
        assertThat(report("--accounts-file", "/no/such/file").err()).contains("cannot read --accounts-file /no/such/file");
    }

    private void recordHostileSignIn() {
        var detector = table.detectorNaming("{\"" + SANDBOX + "\":\"<script>alert(1)</script>\"}");
        table.record(detector, new SeededAuditTable.Seed("ev-11", "signin-root-success-no-mfa.json", SANDBOX, "2026-11-12T10:00:00Z"),
                "detail.userAgent", "\"><img src=x onerror=alert(2)> [phish](https://evil.example/) a|b one\nline");
    }

    /** The text from the heading to the next heading of the same or a higher level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        assertThat(start).as("heading %s in%n%s", heading, markdown).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        Matcher next = Pattern.compile("(?m)^#{1," + (level.length() - 1) + "} ").matcher(markdown);
        int end = next.find(start + heading.length()) ? next.start() : markdown.length();
        return markdown.substring(start, end);
    }

    @SafeVarargs
    private static String[] concat(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toArray(String[]::new);
    }
}
