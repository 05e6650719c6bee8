package io.rootwatch.cli.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.testing.MotoServer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The row Athena would return for a CloudTrail record through rootwatch's table and search, as
 * the Hive JSON SerDe reads a log file: a string column keeps a nested object as its JSON text and
 * a scalar as its text; a missing or null field is NULL; the resources column is the JSON the
 * query's cast produces. moto_server does not run SQL, so this is how tests obtain Athena's rows.
 */
public final class AthenaRows {
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

    /** Makes moto_server's Athena answer the next query with these records, as rows after the header. */
    public static void queueResult(MotoServer moto, List<JsonNode> records) {
        queueResult(moto, List.of(header()), records);
    }

    static void queueResult(MotoServer moto, List<List<Optional<String>>> firstRows, List<JsonNode> records) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode result = body.putArray("results").addObject();
        ArrayNode rows = result.putArray("rows");
        firstRows.forEach(row -> rows.add(motoRow(row)));
        records.forEach(record -> rows.add(motoRow(rowOf(record))));
        ArrayNode columns = result.putArray("column_info");
        firstRows.getFirst().forEach(name -> columns.addObject().put("Name", name.orElse("")).put("Type", "varchar"));
        motoApi(moto, "/moto-api/static/athena/query-results", body.toString());
    }

    static void motoApi(MotoServer moto, String path, String json) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(moto.endpoint().resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(path + ": " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
