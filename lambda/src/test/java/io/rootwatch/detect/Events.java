package io.rootwatch.detect;

import io.rootwatch.testing.EventSamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Minimal CloudTrail records for tests: dotted paths and values, e.g. {@code "userIdentity.type", "Root"}. */
final class Events {
    private Events() {
    }

    static ObjectNode record(Object... pathsAndValues) {
        ObjectNode root = EventSamples.MAPPER.createObjectNode();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            put(root, (String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return root;
    }

    /** A root API call with the given source and name; more fields may follow. */
    static ObjectNode rootCall(String source, String name, Object... more) {
        ObjectNode record = record("userIdentity.type", "Root", "userIdentity.accountId", "111122223333",
                "userIdentity.accessKeyId", "ASIAEXAMPLEEXAMPLE01", "eventSource", source, "eventName", name,
                "eventType", "AwsApiCall", "recipientAccountId", "111122223333", "readOnly", false);
        for (int i = 0; i < more.length; i += 2) {
            put(record, (String) more[i], more[i + 1]);
        }
        return record;
    }

    static void put(ObjectNode root, String dottedPath, Object value) {
        String[] path = dottedPath.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = parent.get(path[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
        }
        String field = path[path.length - 1];
        switch (value) {
            case null -> parent.putNull(field);
            case String s -> parent.put(field, s);
            case Boolean b -> parent.put(field, b);
            case Integer n -> parent.put(field, n);
            case JsonNode node -> parent.set(field, node);
            default -> throw new IllegalArgumentException("unsupported value " + value);
        }
    }
}
