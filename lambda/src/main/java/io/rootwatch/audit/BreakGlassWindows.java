package io.rootwatch.audit;

import io.rootwatch.detect.BreakGlassWindow;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.rootwatch.audit.AuditTableSchema.EXPIRES_AT;
import static io.rootwatch.audit.AuditTableSchema.PK;
import static io.rootwatch.audit.AuditTableSchema.SK;

/**
 * Planned root use, one item per window under its account, sorted by end time so the windows that
 * may cover an event are the ones ending at or after it.
 */
public final class BreakGlassWindows {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    /** @param retention how long a window is kept after it ends, as evidence; zero keeps it forever */
    public BreakGlassWindows(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    private static String partition(String accountId) {
        return "WINDOW#" + accountId;
    }

    public void open(BreakGlassWindow window) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, Attributes.s(partition(window.accountId())));
        item.put(SK, Attributes.s(SortableTime.of(window.until()) + "#" + window.id()));
        item.put("windowId", Attributes.s(window.id()));
        item.put("accountId", Attributes.s(window.accountId()));
        item.put("from", Attributes.s(window.from().toString()));
        item.put("until", Attributes.s(window.until().toString()));
        item.put("reason", Attributes.s(window.reason()));
        item.put("createdBy", Attributes.s(window.createdBy()));
        if (!retention.isZero()) {
            item.put(EXPIRES_AT, Attributes.n(window.until().plus(retention).getEpochSecond()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The window of this account covering this time, the one ending last when several do. */
    public Optional<BreakGlassWindow> covering(String accountId, Instant time) {
        return endingAtOrAfter(accountId, time).stream().filter(w -> w.covers(time)).reduce((a, b) -> b);
    }

    public List<BreakGlassWindow> endingAtOrAfter(String accountId, Instant time) {
        return dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk AND #sk >= :from")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", Attributes.s(partition(accountId)), ":from", Attributes.s(SortableTime.of(time))))
                        .consistentRead(true))
                .items().stream().map(BreakGlassWindows::window).flatMap(Optional::stream).toList();
    }

    private static Optional<BreakGlassWindow> window(Map<String, AttributeValue> item) {
        try {
            return Optional.of(new BreakGlassWindow(
                    Attributes.string(item, "windowId").orElseThrow(), Attributes.string(item, "accountId").orElseThrow(),
                    Instant.parse(Attributes.string(item, "from").orElseThrow()), Instant.parse(Attributes.string(item, "until").orElseThrow()),
                    Attributes.string(item, "reason").orElse(""), Attributes.string(item, "createdBy").orElse("")));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
