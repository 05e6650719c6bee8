package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.audit.BreakGlassWindows;
import io.rootwatch.cli.aws.MotoAws;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** rootwatch expect opens, lists and cancels break-glass windows in the audit table, against moto_server. */
@DummyCredentials
class ExpectCommandTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String TABLE = "rootwatch-audit";
    /** Who moto_server says the caller is, for credentials it did not issue. */
    private static final String CALLER = "arn:aws:sts::123456789012:user/moto";
    private static final Pattern WINDOW_ID = Pattern.compile("opened break-glass window (bgw-[a-z0-9]+)");

    private DynamoDbClient dynamo;

    @BeforeEach
    void emptyAuditTable() throws Exception {
        MOTO.reset();
        dynamo = MOTO.dynamo();
        dynamo.createTable(AuditTableSchema.createTableRequest(TABLE));
    }

    static Rootwatch.Run expect(String... args) {
        List<String> all = new ArrayList<>(List.of("expect", "--table", TABLE));
        all.addAll(List.of(MotoAws.arguments(MOTO)));
        all.addAll(List.of(args));
        return Rootwatch.run(all.toArray(String[]::new));
    }

    /** Opens a window and returns its id, as printed. */
    static String open(String account, String length, String reason, String... more) {
        List<String> args = new ArrayList<>(List.of("--account", account, "--for", length, "--reason", reason));
        args.addAll(List.of(more));
        Rootwatch.Run run = expect(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher id = WINDOW_ID.matcher(run.out());
        assertThat(id.find()).as(run.out()).isTrue();
        return id.group(1);
    }

    private List<Map<String, AttributeValue>> partition(String pk) {
        return dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
    }

    private static String field(Rootwatch.Run run, String name) {
        return run.outLines().stream().filter(line -> line.startsWith("  " + name + " ")).findFirst().orElseThrow()
                .substring(2 + name.length()).strip();
    }

    @Test
    void openingPrintsTheWindowIdAccountTimesReasonAndWho() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Rootwatch.Run run = expect("--account", "111122223333", "--for", "2h", "--reason", "rotate the root MFA device, CHG-1234");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("opened break-glass window bgw-[a-z0-9]{10}").contains("within 30 seconds");
        assertThat(field(run, "account")).isEqualTo("111122223333");
        assertThat(field(run, "reason")).isEqualTo("rotate the root MFA device, CHG-1234");
        assertThat(field(run, "who")).isEqualTo(CALLER);
        Instant from = Instant.parse(field(run, "from"));
        assertThat(from).isBetween(before, Instant.now());
        assertThat(Instant.parse(field(run, "until"))).isEqualTo(from.plus(Duration.ofHours(2)));
    }

    @Test
    void theTableItemRecordsWhoWhyAndUntilUnderTheAccountAndInTheListing() {
        String id = open("111122223333", "90m", "close the account, CHG-1301");

        for (String pk : List.of("WINDOW#111122223333", "WINDOWS")) {
            Map<String, AttributeValue> item = partition(pk).getFirst();
            Instant from = Instant.parse(item.get("from").s());
            assertThat(item.get("windowId").s()).isEqualTo(id);
            assertThat(item.get("accountId").s()).isEqualTo("111122223333");
            assertThat(item.get("reason").s()).isEqualTo("close the account, CHG-1301");
            assertThat(item.get("createdBy").s()).isEqualTo(CALLER);
            assertThat(Instant.parse(item.get("until").s())).isEqualTo(from.plus(Duration.ofMinutes(90)));
            assertThat(Instant.parse(item.get("openedAt").s())).isEqualTo(from);
            assertThat(Long.parseLong(item.get("expiresAt").n()))
                    .isEqualTo(from.plus(Duration.ofMinutes(90)).plus(Duration.ofDays(400)).getEpochSecond());
        }
    }

    @Test
    void aWindowCanBeScheduledAhead() {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);

        Rootwatch.Run run = expect("--account", "111122223333", "--from", tomorrow.toString(), "--for", "1d",
                "--reason", "recover the KMS key through AWS Support, CASE-77");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Instant.parse(field(run, "from"))).isEqualTo(tomorrow);
        assertThat(Instant.parse(field(run, "until"))).isEqualTo(tomorrow.plus(Duration.ofDays(1)));
    }

    @Test
    void aWindowLongerThanADayNeedsAllowLong() {
        Rootwatch.Run run = expect("--account", "111122223333", "--for", "3d", "--allow-long", "--reason", "account migration, CHG-9");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Duration.between(Instant.parse(field(run, "from")), Instant.parse(field(run, "until")))).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void theListShowsTheCurrentAndUpcomingWindowsOfEveryAccount() {
        String now = open("111122223333", "2h", "rotate the root MFA device, CHG-1234");
        String later = open("444455556666", "1h", "close the account, CHG-1301",
                "--from", Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString());

        Rootwatch.Run run = expect("--list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines().getFirst().split("\\s+"))
                .containsExactly("ID", "ACCOUNT", "STATE", "FROM", "UNTIL", "OPENED", "BY", "CANCELLED", "REASON");
        assertThat(run.outLines()).hasSize(3);
        assertThat(run.outLines().get(1)).startsWith(now).contains("111122223333", " open ", CALLER, "rotate the root MFA device, CHG-1234");
        assertThat(run.outLines().get(2)).startsWith(later).contains("444455556666", " upcoming ", "close the account, CHG-1301");
    }

    @Test
    void theListCanBeNarrowedToOneAccount() {
        open("111122223333", "2h", "rotate the root MFA device, CHG-1234");
        String other = open("444455556666", "2h", "close the account, CHG-1301");

        Rootwatch.Run run = expect("--list", "--json", "--account", "444455556666");

        assertThat(run.jsonLines()).singleElement().satisfies(window -> assertThat(window.get("id").asText()).isEqualTo(other));
    }

    @Test
    void theJsonListHasEveryFieldOfEachWindow() {
        String id = open("111122223333", "2h", "rotate the root MFA device, CHG-1234");

        JsonNode window = expect("--list", "--json").jsonLines().getFirst();

        assertThat(window.get("id").asText()).isEqualTo(id);
        assertThat(window.get("accountId").asText()).isEqualTo("111122223333");
        assertThat(window.get("state").asText()).isEqualTo("open");
        assertThat(Duration.between(Instant.parse(window.get("from").asText()), Instant.parse(window.get("until").asText())))
                .isEqualTo(Duration.ofHours(2));
        assertThat(window.get("reason").asText()).isEqualTo("rotate the root MFA device, CHG-1234");
        assertThat(window.get("openedBy").asText()).isEqualTo(CALLER);
        assertThat(window.get("openedAt").asText()).isEqualTo(window.get("from").asText());
        assertThat(window.get("cancelledAt").isNull()).isTrue();
        assertThat(window.get("cancelledBy").isNull()).isTrue();
    }

    @Test
    void anEmptyListSaysSo() {
        Rootwatch.Run run = expect("--list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("no current or upcoming break-glass windows" + System.lineSeparator());
        assertThat(expect("--list", "--json").out()).isEmpty();
    }

    @Test
    void cancellingEndsTheWindowNowAndRecordsWhoWithoutDeletingIt() {
        String id = open("111122223333", "2h", "rotate the root MFA device, CHG-1234");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Rootwatch.Run run = expect("--cancel", id);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cancelled break-glass window " + id, "by " + CALLER, "within 30 seconds", "evidence");
        for (String pk : List.of("WINDOW#111122223333", "WINDOWS")) {
            Map<String, AttributeValue> item = partition(pk).getFirst();
            assertThat(Instant.parse(item.get("cancelledAt").s())).isBetween(before, Instant.now());
            assertThat(item.get("cancelledBy").s()).isEqualTo(CALLER);
            assertThat(item.get("reason").s()).isEqualTo("rotate the root MFA device, CHG-1234");
        }
    }

    @Test
    void aCancelledWindowLeavesTheListButStaysInTheFullList() {
        String kept = open("111122223333", "2h", "rotate the root MFA device, CHG-1234");
        String cancelled = open("444455556666", "2h", "close the account, CHG-1301");
        expect("--cancel", cancelled, "--account", "444455556666");

        List<JsonNode> current = expect("--list", "--json").jsonLines();
        List<JsonNode> every = expect("--list", "--all", "--json").jsonLines();

        assertThat(current).extracting(w -> w.get("id").asText()).containsExactly(kept);
        assertThat(every).extracting(w -> w.get("id").asText() + " " + w.get("state").asText())
                .containsExactlyInAnyOrder(kept + " open", cancelled + " cancelled");
        assertThat(every).filteredOn(w -> w.get("id").asText().equals(cancelled)).singleElement()
                .satisfies(w -> assertThat(w.get("cancelledBy").asText()).isEqualTo(CALLER));
    }

    @Test
    void cancellingAnUnknownWindowIsAnError() {
        Rootwatch.Run run = expect("--cancel", "bgw-nosuchwindo");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rootwatch expect: no break-glass window bgw-nosuchwindo");
    }

    @Test
    void cancellingAWindowOfAnotherAccountThanTheOneGivenIsAnError() {
        String id = open("111122223333", "2h", "rotate the root MFA device, CHG-1234");

        Rootwatch.Run run = expect("--cancel", id, "--account", "444455556666");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no break-glass window " + id + " in account 444455556666");
        assertThat(partition("WINDOWS").getFirst()).doesNotContainKey("cancelledAt");
    }

    @Test
    void cancellingTwiceIsAnErrorThatKeepsTheFirstCancellation() {
        String id = open("111122223333", "2h", "rotate the root MFA device, CHG-1234");
        expect("--cancel", id);
        String cancelledAt = partition("WINDOWS").getFirst().get("cancelledAt").s();

        Rootwatch.Run again = expect("--cancel", id);

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("window " + id + " of account 111122223333 was already cancelled at", "nothing changed");
        assertThat(partition("WINDOWS").getFirst().get("cancelledAt").s()).isEqualTo(cancelledAt);
    }

    @Test
    void cancellingAWindowThatAlreadyEndedIsAnError() {
        Instant yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        new BreakGlassWindows(dynamo, TABLE, Duration.ofDays(400)).open(new BreakGlassWindow("bgw-ended00001", "111122223333",
                yesterday, yesterday.plus(Duration.ofHours(1)), "rotate the root MFA device, CHG-1200", CALLER), yesterday);

        Rootwatch.Run run = expect("--cancel", "bgw-ended00001");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("window bgw-ended00001 of account 111122223333 already ended at "
                + yesterday.plus(Duration.ofHours(1)));
        assertThat(partition("WINDOWS").getFirst()).doesNotContainKey("cancelledAt");
    }

    @Test
    void anUnknownTableIsAnError() {
        Rootwatch.Run run = Rootwatch.run("expect", "--table", "no-such-table", "--region", "us-east-1",
                "--endpoint-url", MOTO.endpoint().toString(), "--list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("rootwatch expect: ");
    }

    static Stream<Arguments> refusedRequests() {
        String reason = "rotate the root MFA device, CHG-1234";
        String past = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String farAhead = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS).toString();
        return Stream.of(
                Arguments.of("longer than 24h", List.of("--account", "111122223333", "--for", "25h", "--reason", reason),
                        "--for: 25h is longer than 24h; add --allow-long"),
                Arguments.of("longer than 30d even with --allow-long", List.of("--account", "111122223333", "--for", "31d",
                        "--allow-long", "--reason", reason), "--for: 31d is longer than the 30 days"),
                Arguments.of("no unit", List.of("--account", "111122223333", "--for", "2", "--reason", reason),
                        "--for: '2' is not a length"),
                Arguments.of("zero length", List.of("--account", "111122223333", "--for", "0m", "--reason", reason),
                        "--for: a window lasts at least 1m"),
                Arguments.of("blank reason", List.of("--account", "111122223333", "--for", "2h", "--reason", "   "),
                        "--reason: say why root is needed"),
                Arguments.of("reason too long", List.of("--account", "111122223333", "--for", "2h", "--reason", "x".repeat(501)),
                        "--reason: at most 500 characters (this one has 501)"),
                Arguments.of("reason on two lines", List.of("--account", "111122223333", "--for", "2h", "--reason", "CHG-1\nSubject: fake"),
                        "--reason: one line of text"),
                Arguments.of("account not 12 digits", List.of("--account", "1111-2222-3333", "--for", "2h", "--reason", reason),
                        "--account: '1111-2222-3333' is not an AWS account id"),
                Arguments.of("start in the past", List.of("--account", "111122223333", "--from", past, "--for", "2h", "--reason", reason),
                        "is in the past"),
                Arguments.of("start too far ahead", List.of("--account", "111122223333", "--from", farAhead, "--for", "2h",
                        "--reason", reason), "is more than 30 days ahead"),
                Arguments.of("start without a zone", List.of("--account", "111122223333", "--from", "2026-12-01T09:00", "--for", "2h",
                        "--reason", reason), "--from: '2026-12-01T09:00' is not a time with a zone"),
                Arguments.of("no reason", List.of("--account", "111122223333", "--for", "2h"), "give --reason"),
                Arguments.of("nothing", List.of(), "give --account, --for, --reason"),
                Arguments.of("list with an opening option", List.of("--list", "--for", "2h"), "--for open a window; they do not go with --list"),
                Arguments.of("cancel with an opening option", List.of("--cancel", "bgw-x", "--reason", reason),
                        "--reason open a window; they do not go with --cancel"),
                Arguments.of("list and cancel", List.of("--list", "--cancel", "bgw-x"), "--list and --cancel do not go together"),
                Arguments.of("all without list", List.of("--all"), "--all goes with --list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void aRefusedRequestIsAUsageErrorThatWritesNothing(String why, List<String> args, String message) {
        Rootwatch.Run run = expect(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(partition("WINDOWS")).isEmpty();
    }
}
