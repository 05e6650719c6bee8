package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Tolerant reads of CloudTrail JSON: any field may be missing, null, of the wrong type or empty,
 * and every read answers rather than throws.
 */
final class Json {
    private Json() {
    }

    static JsonNode at(JsonNode node, String[] path) {
        JsonNode current = node;
        for (String segment : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(segment);
        }
        return current;
    }

    /** The text at a path; numbers are read as their text (account ids sometimes are), blank strings as absent. */
    static Optional<String> text(JsonNode node, String... path) {
        return text(at(node, path));
    }

    static Optional<String> text(JsonNode value) {
        if (value == null || !(value.isTextual() || value.isNumber())) {
            return Optional.empty();
        }
        String text = value.asText();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A yes/no flag written as a boolean or as "true"/"false"/"yes"/"no" in any case. */
    static Optional<Boolean> flag(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value != null && value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        return text(value).flatMap(Json::parseFlag);
    }

    private static Optional<Boolean> parseFlag(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> Optional.of(true);
            case "false", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
