package io.rootwatch.audit;

import io.rootwatch.audit.BreakGlassWindows.CancelResult;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Break-glass windows in the audit table, against moto_server: open, list, cancel, and what the detector reads. */
class BreakGlassWindowsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String TABLE = "rootwatch-audit";
    private static final Duration RETENTION = Duration.ofDays(400);
    private static final Instant OPENED = Instant.parse("2026-11-02T08:55:00Z");
    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    private DynamoDbClient dynamo;
    private BreakGlassWindows windows;

    @BeforeEach
    void emptyTable() throws Exception {
        MOTO.reset();
        dynamo = MOTO.dynamo();
        dynamo.createTable(AuditTableSchema.createTableRequest(TABLE));
        windows = new BreakGlassWindows(dynamo, TABLE, RETENTION);
    }

    private static BreakGlassWindow window(String id, String account, String from, String until) {
        return new BreakGlassWindow(id, account, Instant.parse(from), Instant.parse(until), "rotate the root MFA device, CHG-1234",
                "arn:aws:sts::111122223333:assumed-role/Admin/alice");
    }

    private List<Map<String, AttributeValue>> partition(String pk) {
        return dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
    }

    @Test
    void openingWritesTheSameWindowUnderItsAccountAndInTheEveryAccountListing() {
        windows.open(window("bgw-1", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);

        Map<String, AttributeValue> underAccount = partition("WINDOW#111122223333").getFirst();
        Map<String, AttributeValue> listed = partition("WINDOWS").getFirst();
        assertThat(underAccount.get("sk").s()).isEqualTo("2026-11-02T11:00:00.000Z#bgw-1");
        assertThat(underAccount).containsEntry("windowId", AttributeValue.fromS("bgw-1"))
                .containsEntry("accountId", AttributeValue.fromS("111122223333"))
                .containsEntry("from", AttributeValue.fromS("2026-11-02T09:00:00Z"))
                .containsEntry("until", AttributeValue.fromS("2026-11-02T11:00:00Z"))
                .containsEntry("reason", AttributeValue.fromS("rotate the root MFA device, CHG-1234"))
                .containsEntry("createdBy", AttributeValue.fromS("arn:aws:sts::111122223333:assumed-role/Admin/alice"))
                .containsEntry("openedAt", AttributeValue.fromS("2026-11-02T08:55:00Z"))
                .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(Instant.parse("2026-11-02T11:00:00Z")
                        .plus(RETENTION).getEpochSecond())));
        Map<String, AttributeValue> sameButPartition = new HashMap<>(listed);
        sameButPartition.put("pk", underAccount.get("pk"));
        assertThat(sameButPartition).isEqualTo(underAccount);
    }

    @Test
    void windowsKeptForeverHaveNoExpiry() {
        new BreakGlassWindows(dynamo, TABLE, Duration.ZERO)
                .open(window("bgw-1", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);

        assertThat(partition("WINDOW#111122223333").getFirst()).doesNotContainKey("expiresAt");
        assertThat(partition("WINDOWS").getFirst()).doesNotContainKey("expiresAt");
    }

    @Test
    void anIdAlreadyTakenIsRefusedAndNothingIsOverwritten() {
        windows.open(window("bgw-1", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);

        assertThatThrownBy(() -> windows.open(new BreakGlassWindow("bgw-1", "111122223333", Instant.parse("2026-11-02T09:00:00Z"),
                Instant.parse("2026-11-02T11:00:00Z"), "something else", "mallory"), OPENED))
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(partition("WINDOWS")).singleElement().extracting(item -> item.get("reason").s())
                .isEqualTo("rotate the root MFA device, CHG-1234");
    }

    @Test
    void theWindowsOfEveryAccountAreListedWithQueriesAloneNeverAScan() {
        List<String> operations = new CopyOnWriteArrayList<>();
        DynamoDbClient recorded = DynamoDbClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                })).build();
        BreakGlassWindows listing = new BreakGlassWindows(recorded, TABLE, RETENTION);
        windows.open(window("bgw-a", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);
        windows.open(window("bgw-b", "444455556666", "2026-11-02T12:00:00Z", "2026-11-02T13:00:00Z"), OPENED);
        windows.open(window("bgw-c", "777788889999", "2026-11-02T09:30:00Z", "2026-11-02T10:30:00Z"), OPENED);

        assertThat(listing.notOver(Optional.empty(), NOW)).extracting(RecordedWindow::id).containsExactly("bgw-a", "bgw-c", "bgw-b");
        assertThat(listing.all(Optional.empty())).hasSize(3);
        assertThat(operations).containsOnly("Query");
    }

    @Test
    void currentAndUpcomingLeavesOutWindowsThatEndedOrWereCancelledWhileAllKeepsThem() {
        windows.open(window("bgw-ended", "111122223333", "2026-11-02T07:00:00Z", "2026-11-02T08:00:00Z"), OPENED);
        windows.open(window("bgw-open", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);
        windows.open(window("bgw-next", "444455556666", "2026-11-02T12:00:00Z", "2026-11-02T13:00:00Z"), OPENED);
        windows.open(window("bgw-dropped", "444455556666", "2026-11-02T14:00:00Z", "2026-11-02T15:00:00Z"), OPENED);
        windows.cancel("bgw-dropped", Optional.empty(), NOW, "bob");

        assertThat(windows.notOver(Optional.empty(), NOW)).extracting(RecordedWindow::id).containsExactly("bgw-open", "bgw-next");
        assertThat(windows.all(Optional.empty())).extracting(w -> w.id() + " " + w.state(NOW))
                .containsExactly("bgw-ended ENDED", "bgw-open OPEN", "bgw-next UPCOMING", "bgw-dropped CANCELLED");
    }

    @Test
    void listingOneAccountShowsOnlyItsWindows() {
        windows.open(window("bgw-a", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);
        windows.open(window("bgw-b", "444455556666", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);

        assertThat(windows.notOver(Optional.of("444455556666"), NOW)).extracting(RecordedWindow::id).containsExactly("bgw-b");
        assertThat(windows.all(Optional.of("111122223333"))).extracting(RecordedWindow::id).containsExactly("bgw-a");
    }

    @Test
    void cancellingRecordsWhoAndWhenOnBothCopiesAndDeletesNothing() {
        windows.open(window("bgw-1", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);

        CancelResult result = windows.cancel("bgw-1", Optional.empty(), NOW, "arn:aws:iam::111122223333:user/bob");

        assertThat(result).isInstanceOf(CancelResult.Cancelled.class);
        for (String pk : List.of("WINDOW#111122223333", "WINDOWS")) {
            assertThat(partition(pk)).singleElement().satisfies(item -> assertThat(item)
                    .containsEntry("cancelledAt", AttributeValue.fromS("2026-11-02T10:00:00Z"))
                    .containsEntry("cancelledBy", AttributeValue.fromS("arn:aws:iam::111122223333:user/bob"))
                    .containsEntry("until", AttributeValue.fromS("2026-11-02T11:00:00Z"))
                    .containsEntry("reason", AttributeValue.fromS("rotate the root MFA device, CHG-1234")));
        }
    }

    @Test
    void aCancelledWindowMarksEventsUntilItsCancellationAndNoneAfter() {
        windows.open(window("bgw-1", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);
        windows.cancel("bgw-1", Optional.empty(), NOW, "bob");

        assertThat(windows.covering("111122223333", Instant.parse("2026-11-02T09:59:00Z"))).isPresent();
        assertThat(windows.covering("111122223333", Instant.parse("2026-11-02T10:01:00Z"))).isEmpty();
    }

    @Test
    void aWindowCancelledBeforeItBeginsMarksNothing() {
        windows.open(window("bgw-1", "111122223333", "2026-11-02T12:00:00Z", "2026-11-02T13:00:00Z"), OPENED);
        windows.cancel("bgw-1", Optional.of("111122223333"), NOW, "bob");

        assertThat(windows.covering("111122223333", Instant.parse("2026-11-02T12:30:00Z"))).isEmpty();
        assertThat(windows.endingAtOrAfter("111122223333", NOW)).isEmpty();
    }

    @Test
    void anEndedWindowIsNotCancelledAgainNorChanged() {
        windows.open(window("bgw-1", "111122223333", "2026-11-02T07:00:00Z", "2026-11-02T08:00:00Z"), OPENED);

        assertThat(windows.cancel("bgw-1", Optional.empty(), NOW, "bob")).isInstanceOf(CancelResult.AlreadyOver.class);
        assertThat(partition("WINDOWS").getFirst()).doesNotContainKey("cancelledAt");
    }

    @Test
    void aCancelledWindowIsNotCancelledTwice() {
        windows.open(window("bgw-1", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);
        windows.cancel("bgw-1", Optional.empty(), NOW, "bob");

        CancelResult again = windows.cancel("bgw-1", Optional.empty(), NOW.plusSeconds(60), "carol");

        assertThat(again).isInstanceOfSatisfying(CancelResult.AlreadyOver.class, over ->
                assertThat(over.window().cancellation()).hasValue(new RecordedWindow.Cancellation(NOW, "bob")));
        assertThat(partition("WINDOWS").getFirst().get("cancelledBy").s()).isEqualTo("bob");
    }

    @Test
    void anUnknownIdOrAWindowOfAnotherAccountIsNoSuchWindow() {
        windows.open(window("bgw-1", "111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"), OPENED);

        assertThat(windows.cancel("bgw-nope", Optional.empty(), NOW, "bob")).isEqualTo(new CancelResult.NoSuchWindow("bgw-nope"));
        assertThat(windows.cancel("bgw-1", Optional.of("444455556666"), NOW, "bob")).isEqualTo(new CancelResult.NoSuchWindow("bgw-1"));
    }

    @Test
    void newIdsAreShortAndDistinct() {
        List<String> ids = IntStream.range(0, 1000).mapToObj(i -> BreakGlassWindows.newWindowId()).toList();

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("bgw-[a-z2-9]{10}"));
    }

    @Test
    void aWindowWrittenByHandUnderItsAccountAloneIsCancelledThereWithoutAddingToTheListing() {
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("WINDOW#111122223333"),
                "sk", AttributeValue.fromS("2026-11-02T11:00:00.000Z#manual-1"), "windowId", AttributeValue.fromS("manual-1"),
                "accountId", AttributeValue.fromS("111122223333"), "from", AttributeValue.fromS("2026-11-02T09:00:00Z"),
                "until", AttributeValue.fromS("2026-11-02T11:00:00Z"), "reason", AttributeValue.fromS("support case 1234"))));

        CancelResult result = windows.cancel("manual-1", Optional.of("111122223333"), NOW, "bob");

        assertThat(result).isInstanceOf(CancelResult.Cancelled.class);
        assertThat(partition("WINDOW#111122223333").getFirst().get("cancelledBy").s()).isEqualTo("bob");
        assertThat(partition("WINDOWS")).isEmpty();
        assertThat(windows.covering("111122223333", Instant.parse("2026-11-02T10:30:00Z"))).isEmpty();
    }
}
