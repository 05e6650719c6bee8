package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

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
     * console session, when the event has one: it joins events whatever their time, while the
     * source pointer joins events within the window. One or two writes per pointer: a conditional
     * write that opens the pointer, or answers the live session it already names.
     */
    public Session resolve(String accountId, Optional<String> consoleKey, Optional<String> sourceIp,
                           Optional<String> userAgent, Instant eventTime, String eventId) {
        Optional<ItemKey> byKey = consoleKey.map(key -> new ItemKey("SESSION#KEY#" + accountId + "#" + key, "POINTER"));
        Optional<ItemKey> bySource = sourceIp.map(ip -> new ItemKey(
                "SESSION#SOURCE#" + accountId + "#" + ip + "#" + digest(userAgent.orElse("")), "POINTER"));
        String viaKey = byKey.map(key -> pointOrJoin(key, eventId, eventTime, Instant.EPOCH)).orElse(eventId);
        String viaSource = bySource.map(source -> pointOrJoin(source, viaKey, eventTime, eventTime.minus(window))).orElse(viaKey);
        boolean newKey = byKey.isPresent() && viaKey.equals(eventId);
        if (newKey && !viaSource.equals(viaKey)) {
            // A new console key from a source already in a session (a second tab, a renewed key): the key joins it.
            repoint(byKey.get(), viaSource, eventTime);
            return new Session(viaSource, false);
        }
        String session = byKey.isPresent() ? viaKey : viaSource;
        return new Session(session, session.equals(eventId));
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

    /**
     * Points at {@code proposed} unless the pointer names a session seen after {@code notBefore};
     * then moves its last-seen time forward and answers that session. Concurrent first events
     * race here, and the first write wins.
     */
    private String pointOrJoin(ItemKey pointer, String proposed, Instant eventTime, Instant notBefore) {
        Map<String, AttributeValue> values = Map.of(":session", Attributes.s(proposed),
                ":seen", Attributes.n(eventTime.toEpochMilli()), ":notBefore", Attributes.n(notBefore.toEpochMilli()),
                ":expires", Attributes.n(eventTime.plus(POINTER_LIFETIME).getEpochSecond()));
        Map<String, AttributeValue> live;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(pointer.toMap())
                    .updateExpression("SET sessionId = :session, lastSeen = :seen, #expires = :expires")
                    .conditionExpression("attribute_not_exists(sessionId) OR lastSeen < :notBefore")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                    .expressionAttributeValues(values));
            return proposed;
        } catch (ConditionalCheckFailedException taken) {
            live = taken.hasItem() && !taken.item().isEmpty() ? taken.item()
                    : dynamo.getItem(b -> b.tableName(table).key(pointer.toMap()).consistentRead(true)).item();
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(pointer.toMap())
                    .updateExpression("SET lastSeen = :seen, #expires = :expires")
                    .conditionExpression("lastSeen < :seen")
                    .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":seen", values.get(":seen"), ":expires", values.get(":expires"))));
        } catch (ConditionalCheckFailedException newer) {
            // An event later than this one already moved the pointer on.
        }
        return Attributes.string(live, "sessionId").orElse(proposed);
    }

    private void repoint(ItemKey pointer, String sessionId, Instant eventTime) {
        dynamo.updateItem(b -> b.tableName(table).key(pointer.toMap())
                .updateExpression("SET sessionId = :session, lastSeen = :seen, #expires = :expires")
                .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":session", Attributes.s(sessionId), ":seen", Attributes.n(eventTime.toEpochMilli()),
                        ":expires", Attributes.n(eventTime.plus(POINTER_LIFETIME).getEpochSecond()))));
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
