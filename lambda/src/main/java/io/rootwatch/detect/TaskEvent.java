package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The CloudTrail events that record a task: any of {@code sources}, any of {@code names}, and, when
 * {@code when} is not empty, at least one of its alternatives (each a set of field conditions that
 * must all hold).
 */
public record TaskEvent(List<String> sources, List<String> names, List<Map<String, Condition>> when) {
    public TaskEvent {
        sources = List.copyOf(sources);
        names = List.copyOf(names);
        when = when.stream().map(Map::copyOf).toList();
    }

    public boolean matches(CloudTrailRecord record) {
        String source = record.eventSource().orElse("");
        String name = record.eventName().orElse("");
        return sources.contains(source) && names.contains(name) && discriminatorsHold(record.json());
    }

    private boolean discriminatorsHold(JsonNode json) {
        if (when.isEmpty()) {
            return true;
        }
        return when.stream().anyMatch(alternative -> alternative.entrySet().stream()
                .allMatch(field -> field.getValue().test(Json.at(json, field.getKey().split("\\.")))));
    }
}
