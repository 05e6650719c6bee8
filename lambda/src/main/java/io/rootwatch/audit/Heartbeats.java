package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.Map;

/** The daily self-test event, recorded when it has travelled the whole path: never a root alert. */
public final class Heartbeats {
    public static final ItemKey LATEST = new ItemKey("HEARTBEAT", "LATEST");

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
}
