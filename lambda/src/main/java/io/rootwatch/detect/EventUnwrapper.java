package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the CloudTrail records in a parsed JSON document, whatever shape it came in: a single
 * record, an EventBridge envelope, a CloudTrail log file ({@code {"Records":[...]}}), or an array
 * of any of those. What is not a CloudTrail record is reported as a problem, never dropped unseen.
 */
public final class EventUnwrapper {

    /** The records found, and one message for each part of the document that held no record. */
    public record Unwrapped(List<InputEvent> events, List<String> problems) {
        public Unwrapped {
            events = List.copyOf(events);
            problems = List.copyOf(problems);
        }
    }

    private EventUnwrapper() {
    }

    public static Unwrapped unwrap(JsonNode document) {
        List<InputEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (document != null && document.isArray()) {
            for (int i = 0; i < document.size(); i++) {
                unwrapOne(document.get(i), "[" + i + "]", events, problems);
            }
        } else {
            unwrapOne(document, "", events, problems);
        }
        return new Unwrapped(events, problems);
    }

    private static void unwrapOne(JsonNode node, String where, List<InputEvent> events, List<String> problems) {
        String at = where.isEmpty() ? "" : " at " + where;
        if (node == null || !node.isObject()) {
            problems.add("not a JSON object" + at + ": " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
            return;
        }
        if (node.has("Records")) {
            JsonNode records = node.get("Records");
            if (!records.isArray()) {
                problems.add("\"Records\" is not an array" + at);
                return;
            }
            for (int i = 0; i < records.size(); i++) {
                JsonNode record = records.get(i);
                if (record.isObject()) {
                    events.add(new InputEvent(Optional.empty(), CloudTrailRecord.of(record)));
                } else {
                    problems.add("Records[" + i + "]" + at + " is not a JSON object");
                }
            }
            return;
        }
        if (node.has("detail")) {
            JsonNode detail = node.get("detail");
            if (!detail.isObject()) {
                problems.add("EventBridge envelope" + at + " has no \"detail\" object");
                return;
            }
            events.add(new InputEvent(Optional.of(Envelope.of(node)), CloudTrailRecord.of(detail)));
            return;
        }
        if (looksLikeCloudTrail(node)) {
            events.add(new InputEvent(Optional.empty(), CloudTrailRecord.of(node)));
        } else {
            problems.add("not a CloudTrail record, EventBridge envelope or CloudTrail log file" + at
                    + " (it has none of the fields eventName, eventSource, eventID, userIdentity, detail, Records)");
        }
    }

    private static boolean looksLikeCloudTrail(JsonNode node) {
        return node.has("eventName") || node.has("eventSource") || node.has("eventID") || node.has("userIdentity");
    }
}
