package io.rootwatch.cli.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The row Athena would return for a CloudTrail record through rootwatch's table and search, as
 * the Hive JSON SerDe reads a log file: a string column keeps a nested object as its JSON text and
 * a scalar as its text; a missing or null field is NULL; the resources column is the JSON the
 * query's cast produces. moto_server does not run SQL, so this is how tests obtain Athena's rows.
 */
final class AthenaRows {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AthenaRows() {
    }

    static List<Optional<String>> header() {
        return RecordColumn.ALL.stream().map(column -> Optional.of(column.alias())).toList();
    }

    static List<Optional<String>> rowOf(JsonNode record) {
        List<Optional<String>> row = new ArrayList<>();
        for (RecordColumn column : RecordColumn.ALL) {
            JsonNode value = record;
            for (String segment : column.path()) {
                value = value == null || !value.isObject() ? null : value.get(segment);
            }
            row.add(column.jsonPath().equals("resources") ? resources(value) : text(value));
        }
        return row;
    }

    private static Optional<String> text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(value.isContainerNode() ? value.toString() : value.asText());
    }

    private static Optional<String> resources(JsonNode value) {
        if (value == null || !value.isArray()) {
            return Optional.empty();
        }
        ArrayNode cast = MAPPER.createArrayNode();
        for (JsonNode resource : value) {
            ObjectNode entry = cast.addObject();
            for (String key : List.of("ARN", "accountId", "type")) {
                entry.set(key, resource.hasNonNull(key) ? resource.get(key) : MAPPER.nullNode());
            }
        }
        return Optional.of(cast.toString());
    }

    /** A row as moto_server's configurable query results take it: {"Data": [{"VarCharValue": ...}, {}]}. */
    static ObjectNode motoRow(List<Optional<String>> values) {
        ObjectNode row = MAPPER.createObjectNode();
        ArrayNode data = row.putArray("Data");
        values.forEach(value -> {
            ObjectNode datum = data.addObject();
            value.ifPresent(text -> datum.put("VarCharValue", text));
        });
        return row;
    }
}
