package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A test on one field of a CloudTrail record, as the task catalog writes it:
 * {@code {"absent": true}}, {@code {"present": true}}, {@code {"equalsIgnoreCase": ["AWS ROOT USER"]}},
 * {@code {"endsWith": ":mfa/root-account-mfa-device"}} or {@code {"hasKeyIgnoreCase": "MfaDelete"}}.
 */
public sealed interface Condition {

    boolean test(JsonNode value);

    /** The condition in words, for the catalog table: {@code is absent}, {@code ends with ...}. */
    String describe();

    /** Missing, null, blank, or not a value at all: how CloudTrail records "no user name". */
    record Absent() implements Condition {
        @Override
        public boolean test(JsonNode value) {
            return isAbsent(value);
        }

        @Override
        public String describe() {
            return "is absent";
        }
    }

    record Present() implements Condition {
        @Override
        public boolean test(JsonNode value) {
            return !isAbsent(value);
        }

        @Override
        public String describe() {
            return "is present";
        }
    }

    record EqualsIgnoreCase(List<String> values) implements Condition {
        public EqualsIgnoreCase {
            values = List.copyOf(values);
        }

        @Override
        public boolean test(JsonNode value) {
            Optional<String> text = Json.text(value);
            return text.isPresent() && values.stream().anyMatch(v -> v.equalsIgnoreCase(text.get().trim()));
        }

        @Override
        public String describe() {
            return "is " + String.join(" or ", values.stream().map(v -> "`" + v + "`").toList()) + " (any case)";
        }
    }

    record EndsWith(String suffix) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            return Json.text(value)
                    .map(t -> t.toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT)))
                    .orElse(false);
        }

        @Override
        public String describe() {
            return "ends with `" + suffix + "`";
        }
    }

    /** The value is an object with this key, in any case ({@code MfaDelete}, {@code MFADelete}, ...). */
    record HasKeyIgnoreCase(String key) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            if (value == null || !value.isObject()) {
                return false;
            }
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                if (names.next().equalsIgnoreCase(key)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return "has a key `" + key + "` (any case)";
        }
    }

    private static boolean isAbsent(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isTextual()) {
            return value.textValue().isBlank();
        }
        return value.isContainerNode() && value.isEmpty();
    }
}
