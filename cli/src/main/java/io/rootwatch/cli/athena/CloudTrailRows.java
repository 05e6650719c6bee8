package io.rootwatch.cli.athena;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rebuilds CloudTrail records from the rows of the search: each column back at its place in the
 * record's JSON (nested objects recreated, JSON-text columns parsed), NULL columns left out, as a
 * missing field in a CloudTrail record. The result is what the classifier reads from a log file.
 */
final class CloudTrailRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CloudTrailRows() {
    }

    /** Refuses a result whose columns are not the search's: rebuilding it would put values in the wrong fields. */
    static void checkHeader(List<Optional<String>> header) {
        List<String> expected = RecordColumn.ALL.stream().map(RecordColumn::alias).toList();
        List<String> actual = header.stream().map(name -> name.orElse("").toLowerCase(Locale.ROOT)).toList();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("the Athena result does not have the search's columns: expected " + expected
                    + ", got " + actual);
        }
    }

    static String recordJson(List<Optional<String>> row) {
        if (row.size() != RecordColumn.ALL.size()) {
            throw new IllegalStateException("an Athena result row has " + row.size() + " columns, the search selects "
                    + RecordColumn.ALL.size());
        }
        ObjectNode record = MAPPER.createObjectNode();
        for (int i = 0; i < row.size(); i++) {
            RecordColumn column = RecordColumn.ALL.get(i);
            Optional<String> value = row.get(i);
            if (value.isPresent()) {
                place(record, column.path(), value(column.kind(), value.get()));
            }
        }
        return record.toString();
    }

    private static JsonNode value(RecordColumn.Kind kind, String text) {
        return switch (kind) {
            case TEXT -> MAPPER.getNodeFactory().textNode(text);
            case BOOLEAN -> switch (text) {
                case "true" -> MAPPER.getNodeFactory().booleanNode(true);
                case "false" -> MAPPER.getNodeFactory().booleanNode(false);
                default -> MAPPER.getNodeFactory().textNode(text);
            };
            case JSON -> parsed(text);
        };
    }

    /** JSON text parsed back; text that is not JSON is kept as a string rather than lost. */
    private static JsonNode parsed(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    private static void place(ObjectNode record, String[] path, JsonNode value) {
        ObjectNode parent = record;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = parent.get(path[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
        }
        parent.set(path[path.length - 1], value);
    }
}
