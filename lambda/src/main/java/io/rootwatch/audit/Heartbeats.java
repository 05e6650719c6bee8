package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The daily self-test event, recorded when it has travelled the whole path: never a root alert. */
public final class Heartbeats {
    public static final ItemKey LATEST = new ItemKey("HEARTBEAT", "LATEST");

    /**
     * The last self-test to arrive.
     *
     * @param sentAt   when the scheduler sent it, as its envelope says
     * @param received how many self-tests have arrived in all
     */
    public record Latest(Instant receivedAt, String sentAt, long received) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public Heartbeats(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void record(String envelopeId, String sentAt, Instant receivedAt) {
        dynamo.updateItem(b -> b.tableName(table).key(LATEST.toMap())
                .updateExpression("SET envelopeId = :id, sentAt = :sent, receivedAt = :received ADD received :one")
                .expressionAttributeValues(Map.of(":id", Attributes.s(envelopeId), ":sent", Attributes.s(sentAt),
                        ":received", Attributes.s(SortableTime.of(receivedAt)), ":one", Attributes.n(1))));
    }

    /** The last self-test recorded (read consistently), or empty when none ever arrived or the item is unreadable. */
    public Optional<Latest> latest() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(LATEST.toMap()).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Attributes.string(item, "receivedAt").flatMap(SortableTime::parse).map(receivedAt -> new Latest(receivedAt,
                Attributes.string(item, "sentAt").orElse(""), Attributes.number(item, "received").orElse(0L)));
    }
}
