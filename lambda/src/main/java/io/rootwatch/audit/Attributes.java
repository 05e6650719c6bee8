package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading and writing DynamoDB attribute values without nulls. */
final class Attributes {
    private Attributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    static AttributeValue stringMap(Map<String, String> values) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, s(v)));
        return AttributeValue.fromM(map);
    }

    /** Puts the value when present: DynamoDB has no use for empty attributes. */
    static void putIfPresent(Map<String, AttributeValue> item, String name, Optional<String> value) {
        value.filter(v -> !v.isEmpty()).ifPresent(v -> item.put(name, s(v)));
    }

    static Optional<String> string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
    }

    static Optional<Long> number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.n()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasM()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.m().forEach((k, v) -> {
            if (v.s() != null) {
                map.put(k, v.s());
            }
        });
        return map;
    }

    static List<String> stringList(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return List.of();
        }
        if (value.hasSs()) {
            return value.ss();
        }
        return value.hasL() ? value.l().stream().map(AttributeValue::s).filter(s -> s != null).toList() : List.of();
    }
}
