package io.rootwatch.audit;

import io.rootwatch.detect.AssumedRootSession;
import io.rootwatch.detect.KnownRootSessions;
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
 * The access keys {@code sts:AssumeRoot} returned, and the member-account root events that used
 * each key, so the two are joined whichever arrives first.
 */
public final class CentralizedRootSessions implements KnownRootSessions {
    /** AssumeRoot sessions last at most 15 minutes; events may arrive late, so keep the join for a day. */
    private static final Duration KEEP = Duration.ofDays(1);
    private static final String SESSION_SK = "ASSUMEROOT";
    private static final String USE_PREFIX = "USE#";

    private final DynamoDbClient dynamo;
    private final String table;

    public CentralizedRootSessions(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static String partition(String accessKeyId) {
        return "ROOTKEY#" + accessKeyId;
    }

    @Override
    public Optional<AssumedRootSession> find(String accessKeyId) {
        var response = dynamo.getItem(b -> b.tableName(table)
                .key(new ItemKey(partition(accessKeyId), SESSION_SK).toMap()).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new AssumedRootSession(accessKeyId,
                Attributes.string(item, "callerArn").orElse(""), Attributes.string(item, "targetAccount").orElse(""),
                Attributes.string(item, "taskPolicy").orElse(""), Attributes.string(item, "assumeRootEventId").orElse("")));
    }

    /** Remembers the session an AssumeRoot opened (idempotent). */
    public void remember(AssumedRootSession session, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(new ItemKey(partition(session.accessKeyId()), SESSION_SK).toMap());
        item.put("callerArn", Attributes.s(session.callerArn()));
        item.put("targetAccount", Attributes.s(session.targetAccount()));
        item.put("taskPolicy", Attributes.s(session.taskPolicy()));
        item.put("assumeRootEventId", Attributes.s(session.assumeRootEventId()));
        item.put(EXPIRES_AT, Attributes.n(now.plus(KEEP).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Notes that a root event used this temporary key, in case its AssumeRoot arrives later. */
    public void noteUse(String accessKeyId, String eventId, Instant now) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                PK, Attributes.s(partition(accessKeyId)), SK, Attributes.s(USE_PREFIX + eventId),
                EXPIRES_AT, Attributes.n(now.plus(KEEP).getEpochSecond()))));
    }

    /** The events recorded so far that used this key. */
    public List<String> eventsUsing(String accessKeyId) {
        return dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :use)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", Attributes.s(partition(accessKeyId)), ":use", Attributes.s(USE_PREFIX)))
                        .consistentRead(true))
                .items().stream()
                .map(item -> Attributes.string(item, SK).orElse(USE_PREFIX).substring(USE_PREFIX.length()))
                .toList();
    }
}
