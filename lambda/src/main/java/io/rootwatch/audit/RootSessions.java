package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.rootwatch.audit.AuditTableSchema.EXPIRES_AT;

/**
 * Groups root events into sessions, so a session alerts on its first event and on what is
 * severe, and counts the rest: events carrying the same console access key are one session, and
 * so are events from the same source IP and user agent within the session window.
 *
 * <p>Pointers map a key, or a source, to a session id (the eventID of its first event); the
 * session item holds the ids of events recorded but not alerted since its last alert, as a set, so
 * that a redelivered event is never counted twice.
 */
public final class RootSessions {
    private static final Duration POINTER_LIFETIME = Duration.ofDays(2);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration window;

    /** The session an event belongs to; {@code opened} when the event is its first. */
    public record Session(String key, boolean opened) {
    }

    public RootSessions(DynamoDbClient dynamo, String table, Duration window) {
        this.dynamo = dynamo;
        this.table = table;
        this.window = window;
    }

    /**
     * Finds or opens the session of an event. {@code consoleKey} is the temporary (ASIA) key of a
     * console session, when the event has one.
     */
    public Session resolve(String accountId, Optional<String> consoleKey, Optional<String> sourceIp,
                           Optional<String> userAgent, Instant eventTime, String eventId) {
        Optional<ItemKey> byKey = consoleKey.map(key -> new ItemKey("SESSION#KEY#" + accountId + "#" + key, "POINTER"));
        Optional<ItemKey> bySource = sourceIp.map(ip -> new ItemKey(
                "SESSION#SOURCE#" + accountId + "#" + ip + "#" + digest(userAgent.orElse("")), "POINTER"));
        Optional<String> existing = byKey.flatMap(key -> current(key, Instant.EPOCH))
                .or(() -> bySource.flatMap(key -> current(key, eventTime.minus(window))));
        String sessionId = existing.orElse(eventId);
        byKey.ifPresent(key -> point(key, sessionId, eventTime, Instant.EPOCH));
        bySource.ifPresent(key -> point(key, sessionId, eventTime, eventTime.minus(window)));
        String settled = byKey.flatMap(key -> current(key, Instant.EPOCH))
                .or(() -> bySource.flatMap(key -> current(key, eventTime.minus(window))))
                .orElse(sessionId);
        return new Session(settled, settled.equals(eventId));
    }

    /** Counts an event of the session that was recorded but not alerted. */
    public void countUnalerted(String sessionKey, String eventId, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(sessionItem(sessionKey).toMap())
                .updateExpression("ADD unalerted :id SET #expires = :expires")
                .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(eventId)),
                        ":expires", Attributes.n(now.plus(POINTER_LIFETIME).getEpochSecond()))));
    }

    /** The events of the session recorded but not alerted since its last alert. */
    public List<String> unalerted(String sessionKey) {
        var response = dynamo.getItem(b -> b.tableName(table).key(sessionItem(sessionKey).toMap()).consistentRead(true));
        return response.hasItem() ? Attributes.stringList(response.item(), "unalerted") : List.of();
    }

    /** Forgets events an alert has now reported. */
    public void reported(String sessionKey, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        dynamo.updateItem(b -> b.tableName(table).key(sessionItem(sessionKey).toMap())
                .updateExpression("DELETE unalerted :ids")
                .expressionAttributeValues(Map.of(":ids", AttributeValue.fromSs(eventIds))));
    }

    private static ItemKey sessionItem(String sessionKey) {
        return new ItemKey("SESSION#" + sessionKey, "SESSION");
    }

    /** The session a pointer names, if it was last seen after {@code notBefore}. */
    private Optional<String> current(ItemKey pointer, Instant notBefore) {
        var response = dynamo.getItem(b -> b.tableName(table).key(pointer.toMap()).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        boolean live = Attributes.number(item, "lastSeen").map(Instant::ofEpochMilli).filter(t -> !t.isBefore(notBefore)).isPresent();
        return live ? Attributes.string(item, "sessionId") : Optional.empty();
    }

    /**
     * Points at the session unless the pointer already names a live one; moves its last-seen
     * time forward either way. Concurrent first events race here, and the first write wins.
     */
    private void point(ItemKey pointer, String sessionId, Instant eventTime, Instant notBefore) {
        Map<String, AttributeValue> values = Map.of(":session", Attributes.s(sessionId),
                ":seen", Attributes.n(eventTime.toEpochMilli()), ":notBefore", Attributes.n(notBefore.toEpochMilli()),
                ":expires", Attributes.n(eventTime.plus(POINTER_LIFETIME).getEpochSecond()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(pointer.toMap())
                    .updateExpression("SET sessionId = :session, lastSeen = :seen, #expires = :expires")
                    .conditionExpression("attribute_not_exists(sessionId) OR lastSeen < :notBefore")
                    .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException live) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(pointer.toMap())
                        .updateExpression("SET lastSeen = :seen, #expires = :expires")
                        .conditionExpression("lastSeen < :seen")
                        .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":seen", values.get(":seen"), ":expires", values.get(":expires"))));
            } catch (ConditionalCheckFailedException newer) {
                // An event later than this one already moved the pointer on.
            }
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
