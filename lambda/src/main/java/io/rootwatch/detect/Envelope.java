package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The EventBridge envelope around a CloudTrail record. Its account and region say which bus the
 * event came through; for forwarded events they may differ from the record's own.
 */
public record Envelope(Optional<String> id, Optional<String> detailType, Optional<String> source,
                       Optional<String> account, Optional<String> region, Optional<String> time) {

    static Envelope of(JsonNode json) {
        return new Envelope(Json.text(json, "id"), Json.text(json, "detail-type"), Json.text(json, "source"),
                Json.text(json, "account"), Json.text(json, "region"), Json.text(json, "time"));
    }
}
