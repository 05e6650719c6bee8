package io.rootwatch.audit;

import io.rootwatch.detect.BreakGlassWindow;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.rootwatch.audit.AuditTableSchema.EXPIRES_AT;
import static io.rootwatch.audit.AuditTableSchema.PK;
import static io.rootwatch.audit.AuditTableSchema.SK;

/**
 * Planned root use, kept as two copies of one item written in one transaction: one under its
 * account ({@code WINDOW#<account>}), which the detector reads for each account's events, and one
 * in the {@code WINDOWS} partition, which lists the windows of every account without a table
 * scan. Both are sorted by planned end time, {@code <until>#<windowId>}, so the windows that may
 * cover an event, or that are not over yet, are the ones ending at or after a time. Windows are
 * evidence: cancelling one records who ended it and when, on both copies, and deletes nothing.
 */
public final class BreakGlassWindows {
    /** The partition listing every account's windows. */
    private static final String EVERY_ACCOUNT = "WINDOWS";
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    /** @param retention how long a window is kept after it ends, as evidence; zero keeps it forever */
    public BreakGlassWindows(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    /** What became of a request to cancel a window. */
    public sealed interface CancelResult {
        /** The window is cancelled now; it marks no event after {@code window.cancellation().at()}. */
        record Cancelled(RecordedWindow window) implements CancelResult {
        }

        /** The window had already ended or been cancelled: nothing was changed. */
        record AlreadyOver(RecordedWindow window) implements CancelResult {
        }

        record NoSuchWindow(String windowId) implements CancelResult {
        }
    }

    /** A new window id: short enough to type, random enough not to collide ({@code bgw-} and 10 of 32 characters). */
    public static String newWindowId() {
        StringBuilder id = new StringBuilder("bgw-");
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static String partition(String accountId) {
        return "WINDOW#" + accountId;
    }

    private static String partition(Optional<String> accountId) {
        return accountId.map(BreakGlassWindows::partition).orElse(EVERY_ACCOUNT);
    }

    private static String sortKey(BreakGlassWindow window) {
        return SortableTime.of(window.until()) + "#" + window.id();
    }

    /** Records a window, both copies or neither; fails when its id is already taken. */
    public void open(BreakGlassWindow window, Instant openedAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SK, Attributes.s(sortKey(window)));
        item.put("windowId", Attributes.s(window.id()));
        item.put("accountId", Attributes.s(window.accountId()));
        item.put("from", Attributes.s(window.from().toString()));
        item.put("until", Attributes.s(window.until().toString()));
        item.put("reason", Attributes.s(window.reason()));
        item.put("createdBy", Attributes.s(window.createdBy()));
        item.put("openedAt", Attributes.s(openedAt.toString()));
        if (!retention.isZero()) {
            item.put(EXPIRES_AT, Attributes.n(window.until().plus(retention).getEpochSecond()));
        }
        Map<String, AttributeValue> accountCopy = new HashMap<>(item);
        accountCopy.put(PK, Attributes.s(partition(window.accountId())));
        Map<String, AttributeValue> listedCopy = new HashMap<>(item);
        listedCopy.put(PK, Attributes.s(EVERY_ACCOUNT));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(accountCopy)
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(listedCopy)
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))).build()));
    }

    /** The window of this account covering this time, the one ending last when several do. */
    public Optional<BreakGlassWindow> covering(String accountId, Instant time) {
        return endingAtOrAfter(accountId, time).stream().filter(w -> w.covers(time)).reduce((a, b) -> b);
    }

    /** The windows of this account as they mark events (cut at their cancellation), planned to end at or after this time. */
    public List<BreakGlassWindow> endingAtOrAfter(String accountId, Instant time) {
        return recorded(partition(accountId), Optional.of(time), Optional.empty()).stream()
                .map(RecordedWindow::effective).flatMap(Optional::stream).toList();
    }

    /** The windows open at {@code now} or to come, of one account or of every account, by start time. */
    public List<RecordedWindow> notOver(Optional<String> accountId, Instant now) {
        return byStart(recorded(partition(accountId), Optional.of(now), Optional.empty()).stream()
                .filter(window -> !window.isOver(now)).toList());
    }

    /** Every window the table keeps, ended and cancelled ones included, of one account or of every account, by start time. */
    public List<RecordedWindow> all(Optional<String> accountId) {
        return byStart(recorded(partition(accountId), Optional.empty(), Optional.empty()));
    }

    /** One window by its id; {@code accountId}, when given, narrows the search to that account's partition. */
    private Optional<RecordedWindow> find(String windowId, Optional<String> accountId) {
        return recorded(partition(accountId), Optional.empty(), Optional.of(windowId)).stream().findFirst();
    }

    /**
     * Ends a window at {@code now}, recording who did, on both copies; a window already ended or
     * cancelled is left as it is.
     */
    public CancelResult cancel(String windowId, Optional<String> accountId, Instant now, String cancelledBy) {
        Optional<RecordedWindow> found = find(windowId, accountId);
        if (found.isEmpty()) {
            return new CancelResult.NoSuchWindow(windowId);
        }
        RecordedWindow window = found.get();
        if (window.isOver(now)) {
            return new CancelResult.AlreadyOver(window);
        }
        Map<String, AttributeValue> values = Map.of(":at", Attributes.s(now.toString()), ":by", Attributes.s(cancelledBy));
        Map<String, String> names = Map.of("#pk", PK, "#at", "cancelledAt", "#by", "cancelledBy");
        String sortKey = sortKey(window.planned());
        List<TransactWriteItem> updates = new ArrayList<>(List.of(cancellation(partition(window.accountId()), sortKey, names, values)));
        if (accountId.isEmpty() || isListed(sortKey)) {
            updates.add(cancellation(EVERY_ACCOUNT, sortKey, names, values));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(updates));
        } catch (TransactionCanceledException raced) {
            if (raced.cancellationReasons().stream().map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals)) {
                return new CancelResult.AlreadyOver(find(windowId, accountId).orElse(window));
            }
            throw raced;
        }
        return new CancelResult.Cancelled(new RecordedWindow(window.planned(), window.openedAt(),
                Optional.of(new RecordedWindow.Cancellation(now, cancelledBy))));
    }

    /** Whether a window has its copy in the every-account listing: a window written by hand may have only its account's. */
    private boolean isListed(String sortKey) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("#pk = :pk AND #sk = :sk")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", Attributes.s(EVERY_ACCOUNT), ":sk", Attributes.s(sortKey)))
                .consistentRead(true)).count() > 0;
    }

    private TransactWriteItem cancellation(String partition, String sortKey, Map<String, String> names, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of(PK, Attributes.s(partition), SK, Attributes.s(sortKey)))
                .updateExpression("SET #at = :at, #by = :by")
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#at)")
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    private List<RecordedWindow> recorded(String partition, Optional<Instant> endingAtOrAfter, Optional<String> windowId) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Attributes.s(partition)));
        StringBuilder keyCondition = new StringBuilder("#pk = :pk");
        endingAtOrAfter.ifPresent(time -> {
            keyCondition.append(" AND #sk >= :from");
            names.put("#sk", SK);
            values.put(":from", Attributes.s(SortableTime.of(time)));
        });
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).keyConditionExpression(keyCondition.toString())
                .consistentRead(true);
        windowId.ifPresent(id -> {
            names.put("#id", "windowId");
            values.put(":id", Attributes.s(id));
            query.filterExpression("#id = :id");
        });
        query.expressionAttributeNames(names).expressionAttributeValues(values);
        return dynamo.queryPaginator(query.build()).items().stream()
                .map(BreakGlassWindows::window).flatMap(Optional::stream).toList();
    }

    private static List<RecordedWindow> byStart(List<RecordedWindow> windows) {
        return windows.stream().sorted(Comparator.comparing((RecordedWindow w) -> w.planned().from()).thenComparing(RecordedWindow::id))
                .toList();
    }

    private static Optional<RecordedWindow> window(Map<String, AttributeValue> item) {
        try {
            BreakGlassWindow planned = new BreakGlassWindow(
                    Attributes.string(item, "windowId").orElseThrow(), Attributes.string(item, "accountId").orElseThrow(),
                    Instant.parse(Attributes.string(item, "from").orElseThrow()), Instant.parse(Attributes.string(item, "until").orElseThrow()),
                    Attributes.string(item, "reason").orElse(""), Attributes.string(item, "createdBy").orElse(""));
            Optional<RecordedWindow.Cancellation> cancellation = Attributes.string(item, "cancelledAt").map(at ->
                    new RecordedWindow.Cancellation(Instant.parse(at), Attributes.string(item, "cancelledBy").orElse("")));
            return Optional.of(new RecordedWindow(planned, Attributes.string(item, "openedAt").map(Instant::parse), cancellation));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
