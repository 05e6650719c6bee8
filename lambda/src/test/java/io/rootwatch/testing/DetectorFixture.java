package io.rootwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.audit.ItemKey;
import io.rootwatch.lambda.DetectorConfig;
import io.rootwatch.lambda.EventProcessor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A fresh audit table, alert topic and subscriber inbox on moto_server, and detectors built on
 * them, for the detector's tests.
 */
public final class DetectorFixture {
    public static final String TABLE = "rootwatch-audit";
    public static final Instant START = Instant.parse("2026-11-02T10:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final DynamoDbClient dynamo;
    public final SnsClient sns;
    public final String topicArn;
    public final AlertInbox inbox;
    public final MutableClock clock = new MutableClock(START);

    public DetectorFixture(MotoServer moto) throws IOException {
        moto.reset();
        this.dynamo = moto.dynamo();
        this.sns = moto.sns();
        dynamo.createTable(AuditTableSchema.createTableRequest(TABLE));
        this.topicArn = sns.createTopic(b -> b.name("rootwatch-alerts")).topicArn();
        this.inbox = new AlertInbox(sns, moto.sqs(), topicArn);
    }

    public DetectorConfig config() {
        return config(env -> {
        });
    }

    /** The configuration from environment variables, with the table and topic set and any changes applied. */
    public DetectorConfig config(Consumer<Map<String, String>> changes) {
        Map<String, String> env = new HashMap<>(Map.of(DetectorConfig.TABLE, TABLE, DetectorConfig.TOPIC, topicArn,
                DetectorConfig.ACCOUNT_NAMES, "{\"111122223333\":\"prod-payments\"}"));
        changes.accept(env);
        return DetectorConfig.fromEnvironment(env);
    }

    public EventProcessor detector() {
        return new EventProcessor(config(), dynamo, sns, clock);
    }

    public EventProcessor detector(DynamoDbClient dynamoClient, SnsClient snsClient) {
        return new EventProcessor(config(), dynamoClient, snsClient, clock);
    }

    public Optional<Map<String, AttributeValue>> item(ItemKey key) {
        var response = dynamo.getItem(b -> b.tableName(TABLE).key(Map.of(AuditTableSchema.PK, AttributeValue.fromS(key.pk()),
                AuditTableSchema.SK, AttributeValue.fromS(key.sk()))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    public Optional<Map<String, AttributeValue>> event(String eventId) {
        return item(ItemKey.event(eventId));
    }

    public List<Map<String, AttributeValue>> allEvents() {
        return dynamo.scanPaginator(b -> b.tableName(TABLE)).items().stream()
                .filter(item -> item.get(AuditTableSchema.PK).s().startsWith("EVENT#")).toList();
    }

    public static Path samples() {
        return Path.of(System.getProperty("rootwatch.samples", "../events-samples"));
    }

    /** A sample envelope, as the queue delivers it. */
    public static String sample(String file) {
        try {
            return Files.readString(samples().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample with fields of its CloudTrail record replaced: dotted paths under {@code detail}, then values. */
    public static String sample(String file, Object... pathsAndValues) {
        try {
            ObjectNode envelope = (ObjectNode) MAPPER.readTree(sample(file));
            for (int i = 0; i < pathsAndValues.length; i += 2) {
                String[] path = ((String) pathsAndValues[i]).split("\\.");
                ObjectNode parent = envelope;
                for (int j = 0; j < path.length - 1; j++) {
                    JsonNode child = parent.get(path[j]);
                    parent = child instanceof ObjectNode object ? object : parent.putObject(path[j]);
                }
                Object value = pathsAndValues[i + 1];
                String field = path[path.length - 1];
                if (value == null) {
                    parent.remove(field);
                } else if (value instanceof JsonNode node) {
                    parent.set(field, node);
                } else {
                    parent.put(field, value.toString());
                }
            }
            return MAPPER.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String eventIdOf(String envelope) {
        try {
            return MAPPER.readTree(envelope).path("detail").path("eventID").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void advance(Duration duration) {
        clock.advance(duration);
    }
}
