package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** The primary key of one item of the audit table. */
public record ItemKey(String pk, String sk) {
    public static ItemKey event(String eventId) {
        return new ItemKey("EVENT#" + eventId, "EVENT");
    }

    Map<String, AttributeValue> toMap() {
        return Map.of(AuditTableSchema.PK, Attributes.s(pk), AuditTableSchema.SK, Attributes.s(sk));
    }
}
