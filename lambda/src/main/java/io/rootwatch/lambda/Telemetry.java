package io.rootwatch.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON log line per event or failure, and CloudWatch embedded-metric-format documents per
 * batch: events by category and severity, alerts sent, duplicates skipped, partial records,
 * failures, heartbeats. Both go to standard output, which Lambda sends to CloudWatch Logs.
 */
final class Telemetry {
    static final String NAMESPACE = "rootwatch";
    private static final int RAW_BODY_CHARS = 2_048;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream out;
    private final Clock clock;
    private final Map<String, Integer> eventsByCategoryAndSeverity = new TreeMap<>();
    private final Map<String, Integer> counters = new TreeMap<>();

    Telemetry(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void processed(String messageId, ProcessedEvent event, long durationMillis) {
        ObjectNode line = line("INFO", "event processed");
        line.put("sqsMessageId", messageId);
        line.put("eventId", event.eventId());
        line.put("category", event.category().map(Enum::name).orElse(null));
        line.put("severity", event.severity().map(Enum::name).orElse(null));
        line.put("outcome", event.outcome().name());
        line.put("partial", event.partial());
        line.put("failureBurstAlerted", event.burstAlerted());
        line.put("durationMs", durationMillis);
        out.println(line);

        switch (event.outcome()) {
            case HEARTBEAT -> count("Heartbeat");
            case FOREIGN_SELF_TEST -> count("ForeignSelfTests");
            case DUPLICATE -> count("DuplicatesSkipped");
            case ALERTED, ALERT_RESUMED -> count("AlertsSent");
            default -> {
            }
        }
        if (event.burstAlerted()) {
            count("AlertsSent");
        }
        if (event.partial()) {
            count("PartialRecords");
        }
        if (event.category().isPresent() && event.outcome() != Outcome.DUPLICATE) {
            eventsByCategoryAndSeverity.merge(event.category().get() + "|" + event.severity().map(Enum::name).orElse("INFO"), 1, Integer::sum);
        }
    }

    void failed(String messageId, String body, Exception error, long durationMillis) {
        ObjectNode line = line("ERROR", error instanceof UnreadableMessage ? "unreadable message" : "message failed, to be retried");
        line.put("sqsMessageId", messageId);
        line.put("error", error.getClass().getSimpleName() + ": " + error.getMessage());
        line.put("rawBody", body == null ? null
                : body.length() <= RAW_BODY_CHARS ? body : body.substring(0, RAW_BODY_CHARS) + "...(" + body.length() + " chars)");
        line.put("durationMs", durationMillis);
        out.println(line);
        count("Failures");
    }

    /** A warning line about something that degrades alerts without failing them. */
    static String warning(String message, String detail) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("level", "WARN");
        line.put("message", message);
        line.put("detail", detail);
        return line.toString();
    }

    /** Prints the batch's metrics as EMF documents and starts counting afresh. */
    void flushMetrics() {
        long timestamp = clock.millis();
        eventsByCategoryAndSeverity.forEach((key, value) -> {
            String[] parts = key.split("\\|");
            ObjectNode document = emf(timestamp, new String[]{"Category", "Severity"}, "RootEvents");
            document.put("Category", parts[0]);
            document.put("Severity", parts[1]);
            document.put("RootEvents", value);
            out.println(document);
        });
        if (!counters.isEmpty()) {
            ObjectNode document = emf(timestamp, new String[0], counters.keySet().toArray(String[]::new));
            counters.forEach(document::put);
            out.println(document);
        }
        eventsByCategoryAndSeverity.clear();
        counters.clear();
    }

    private void count(String metric) {
        counters.merge(metric, 1, Integer::sum);
    }

    private ObjectNode line(String level, String message) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        return line;
    }

    private static ObjectNode emf(long timestamp, String[] dimensions, String... metrics) {
        ObjectNode document = MAPPER.createObjectNode();
        ObjectNode aws = document.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        for (String dimension : dimensions) {
            dimensionSet.add(dimension);
        }
        ArrayNode metricList = directive.putArray("Metrics");
        for (String metric : metrics) {
            metricList.addObject().put("Name", metric).put("Unit", "Count");
        }
        return document;
    }
}
