package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CloudTrail events that record a task: any of {@code sources}, any of {@code names}, and, when
 * {@code when} is not empty, at least one of its alternatives (each a set of field conditions that
 * must all hold). Immutable.
 */
public final class TaskEvent {
    /** A condition with its path split once, at load, rather than on every event. */
    private record Check(String[] path, Condition condition) {
        boolean holds(JsonNode json) {
            return condition.test(Json.at(json, path));
        }
    }

    private final List<String> sources;
    private final List<String> names;
    private final List<Map<String, Condition>> when;
    private final Set<String> sourceSet;
    private final Set<String> nameSet;
    private final List<List<Check>> checks;

    public TaskEvent(List<String> sources, List<String> names, List<Map<String, Condition>> when) {
        this.sources = List.copyOf(sources);
        this.names = List.copyOf(names);
        this.when = when.stream()
                .map(alternative -> Collections.unmodifiableMap(new LinkedHashMap<>(alternative)))
                .toList();
        this.sourceSet = Set.copyOf(sources);
        this.nameSet = Set.copyOf(names);
        this.checks = this.when.stream()
                .map(alternative -> alternative.entrySet().stream()
                        .map(field -> new Check(field.getKey().split("\\."), field.getValue()))
                        .toList())
                .toList();
    }

    public List<String> sources() {
        return sources;
    }

    public List<String> names() {
        return names;
    }

    /** The alternatives, each mapping a dotted field path to its condition, in catalog order. */
    public List<Map<String, Condition>> when() {
        return when;
    }

    public boolean matches(CloudTrailRecord record) {
        return record.eventSource().filter(sourceSet::contains).isPresent()
                && record.eventName().filter(nameSet::contains).isPresent()
                && discriminatorsHold(record.json());
    }

    /** The discriminators in words, e.g. {@code `requestParameters.userName` is absent}; empty when there are none. */
    public String describeWhen() {
        return String.join("; or ", when.stream()
                .map(alternative -> String.join(" and ", alternative.entrySet().stream()
                        .map(field -> "`" + field.getKey() + "` " + field.getValue().describe())
                        .toList()))
                .toList());
    }

    private boolean discriminatorsHold(JsonNode json) {
        if (checks.isEmpty()) {
            return true;
        }
        for (List<Check> alternative : checks) {
            boolean allHold = true;
            for (Check check : alternative) {
                if (!check.holds(json)) {
                    allHold = false;
                    break;
                }
            }
            if (allHold) {
                return true;
            }
        }
        return false;
    }
}
