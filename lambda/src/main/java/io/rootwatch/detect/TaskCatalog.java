package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS's tasks that require root credentials, loaded from the data file {@code root-tasks.json}:
 * adding a task or an event is an edit of that file, not of code.
 */
public final class TaskCatalog {
    public static final String RESOURCE = "root-tasks.json";

    private final List<RootTask> tasks;
    private final Map<String, List<Candidate>> candidatesByEventName;

    private record Candidate(RootTask task, TaskEvent event) {
    }

    private TaskCatalog(List<RootTask> tasks) {
        this.tasks = List.copyOf(tasks);
        Map<String, List<Candidate>> index = new HashMap<>();
        for (RootTask task : tasks) {
            for (TaskEvent event : task.events()) {
                for (String name : event.names()) {
                    index.computeIfAbsent(name, n -> new ArrayList<>()).add(new Candidate(task, event));
                }
            }
        }
        index.replaceAll((name, candidates) -> List.copyOf(candidates));
        this.candidatesByEventName = Map.copyOf(index);
    }

    private static final class Bundled {
        static final TaskCatalog CATALOG = load();

        private static TaskCatalog load() {
            try (InputStream in = TaskCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("task catalog resource " + RESOURCE + " is missing from the jar");
                }
                return parse(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read task catalog " + RESOURCE, e);
            }
        }
    }

    /** The catalog shipped with rootwatch. */
    public static TaskCatalog bundled() {
        return Bundled.CATALOG;
    }

    public List<RootTask> tasks() {
        return tasks;
    }

    public Optional<RootTask> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The first task (in catalog order) one of whose events this record is. */
    public Optional<RootTask> match(CloudTrailRecord record) {
        Optional<String> name = record.eventName();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        for (Candidate candidate : candidatesByEventName.getOrDefault(name.get(), List.of())) {
            if (candidate.event().matches(record)) {
                return Optional.of(candidate.task());
            }
        }
        return Optional.empty();
    }

    /** Reads a catalog document; a malformed one fails loudly, naming the task and field at fault. */
    public static TaskCatalog parse(JsonNode document) {
        JsonNode taskNodes = document.path("tasks");
        if (!taskNodes.isArray()) {
            throw new IllegalArgumentException("task catalog: \"tasks\" must be an array");
        }
        List<RootTask> tasks = new ArrayList<>();
        for (JsonNode node : taskNodes) {
            String id = required(node, "id", "?");
            List<TaskEvent> events = new ArrayList<>();
            for (JsonNode event : node.path("events")) {
                events.add(new TaskEvent(strings(event, "sources", id), strings(event, "names", id), alternatives(event, id)));
            }
            tasks.add(new RootTask(id, required(node, "title", id), required(node, "documentation", id),
                    bool(node, "rootOnly", id), node.path("credentialChange").asBoolean(false), events));
        }
        if (tasks.stream().map(RootTask::id).distinct().count() != tasks.size()) {
            throw new IllegalArgumentException("task catalog: task ids must be unique");
        }
        return new TaskCatalog(tasks);
    }

    private static List<Map<String, Condition>> alternatives(JsonNode event, String id) {
        List<Map<String, Condition>> alternatives = new ArrayList<>();
        for (JsonNode alternative : event.path("when")) {
            Map<String, Condition> conditions = new LinkedHashMap<>();
            alternative.properties().forEach(field -> conditions.put(field.getKey(), condition(field.getValue(), id)));
            alternatives.add(conditions);
        }
        return alternatives;
    }

    private static Condition condition(JsonNode spec, String id) {
        if (spec.size() != 1) {
            throw new IllegalArgumentException("task catalog, task " + id + ": a condition has exactly one operator, got " + spec);
        }
        var operator = spec.properties().iterator().next();
        JsonNode operand = operator.getValue();
        return switch (operator.getKey()) {
            case "absent" -> new Condition.Absent();
            case "present" -> new Condition.Present();
            case "equalsIgnoreCase" -> new Condition.EqualsIgnoreCase(strings(spec, "equalsIgnoreCase", id));
            case "endsWith" -> new Condition.EndsWith(operand.asText());
            case "hasKeyIgnoreCase" -> new Condition.HasKeyIgnoreCase(operand.asText());
            default -> throw new IllegalArgumentException("task catalog, task " + id + ": unknown condition " + operator.getKey());
        };
    }

    private static String required(JsonNode node, String field, String id) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("task catalog, task " + id + ": \"" + field + "\" is required");
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode node, String field, String id) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("task catalog, task " + id + ": \"" + field + "\" must be true or false");
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode node, String field, String id) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException("task catalog, task " + id + ": \"" + field + "\" must be a non-empty array");
        }
        List<String> strings = new ArrayList<>();
        value.forEach(v -> strings.add(v.asText()));
        return strings;
    }
}
