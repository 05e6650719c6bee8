package io.rootwatch.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.alert.Headline;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Envelope;
import io.rootwatch.detect.RootTask;
import io.rootwatch.detect.Verdict;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * One JSON object per event and line. Every field is always written, as JSON null when the event
 * does not say, so that consumers such as jq see one shape.
 */
final class EventJsonLines implements ClassifiedEventPrinter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintWriter out;

    EventJsonLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void print(ClassifiedEvent event) {
        try {
            out.println(MAPPER.writeValueAsString(toJson(event)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON tree Jackson built itself", e);
        }
    }

    @Override
    public void finish() {
        out.flush();
    }

    private static ObjectNode toJson(ClassifiedEvent event) {
        CloudTrailRecord record = event.event().record();
        Verdict verdict = event.verdict();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("input", event.source().input());
        if (event.source().line().isPresent()) {
            json.put("line", event.source().line().getAsInt());
        } else {
            json.putNull("line");
        }
        put(json, "eventId", record.eventId());
        put(json, "eventTime", record.eventTime());
        put(json, "accountId", record.accountId());
        put(json, "region", record.awsRegion());
        put(json, "eventSource", record.eventSource());
        put(json, "eventName", record.eventName());
        json.put("category", verdict.category().name());
        put(json, "task", verdict.taskId());
        put(json, "taskTitle", verdict.task().map(RootTask::title));
        json.put("severity", verdict.severity().name());
        putFlag(json, "mfaUsed", verdict.mfaUsed());
        verdict.reasons().forEach(json.putArray("reasons")::add);
        json.put("headline", Headline.of(record, verdict));
        put(json, "identityType", record.identityType());
        put(json, "identityArn", record.identityArn());
        put(json, "accessKeyId", record.accessKeyId());
        put(json, "sourceIPAddress", record.sourceIpAddress());
        put(json, "userAgent", record.userAgent());
        put(json, "errorCode", record.errorCode());
        putFlag(json, "readOnly", record.readOnly());
        event.event().envelope().ifPresentOrElse(envelope -> putEnvelope(json.putObject("envelope"), envelope),
                () -> json.putNull("envelope"));
        return json;
    }

    private static void putEnvelope(ObjectNode json, Envelope envelope) {
        put(json, "id", envelope.id());
        put(json, "detailType", envelope.detailType());
        put(json, "source", envelope.source());
        put(json, "account", envelope.account());
        put(json, "region", envelope.region());
        put(json, "time", envelope.time());
    }

    private static void put(ObjectNode json, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> json.put(field, v), () -> json.putNull(field));
    }

    private static void putFlag(ObjectNode json, String field, Optional<Boolean> value) {
        value.ifPresentOrElse(v -> json.put(field, v), () -> json.putNull(field));
    }
}
