package io.rootwatch.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.detect.CloudTrailRecord;

import java.util.Optional;

/**
 * The machine-readable alert ({@code sqs}, {@code lambda}, {@code email-json}), schema
 * {@value #SCHEMA}: every field is always present, {@code null} when unknown, so consumers never
 * test for a key. Values from the event are kept as recorded, bar invisible characters and
 * length ({@link UntrustedText#data}); consumers that display them must escape them.
 */
final class AlertDocument {
    static final String SCHEMA = "rootwatch.alert/1";

    private AlertDocument() {
    }

    static ObjectNode of(Alert alert) {
        CloudTrailRecord record = alert.record();
        ObjectNode json = AlertRenderer.JSON.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("eventId", UntrustedText.data(alert.eventId()));
        json.put("headline", Headline.of(alert));
        json.put("category", alert.verdict().category().name());
        alert.verdict().task().ifPresentOrElse(task -> json.putObject("task")
                        .put("id", task.id()).put("title", task.title()).put("documentation", task.documentation()),
                () -> json.putNull("task"));
        json.put("severity", alert.severity().name());
        json.put("expected", alert.expected());
        alert.plannedWindow().ifPresentOrElse(window -> json.putObject("plannedWindow")
                        .put("id", UntrustedText.data(window.id()))
                        .put("reason", UntrustedText.data(window.reason()))
                        .put("createdBy", UntrustedText.data(window.createdBy()))
                        .put("from", window.from().toString())
                        .put("until", window.until().toString()),
                () -> json.putNull("plannedWindow"));
        json.putObject("account")
                .put("id", data(AlertFacts.accountId(alert)))
                .put("name", data(alert.accountName()));
        json.put("region", data(AlertFacts.region(alert)));
        json.put("time", data(AlertFacts.time(alert)));
        json.putObject("identity")
                .put("type", data(record.identityType()))
                .put("arn", data(record.identityArn()))
                .put("userName", data(record.text("userIdentity.userName")))
                .put("accessKeyId", data(record.accessKeyId()));
        json.put("sourceIPAddress", data(record.sourceIpAddress()));
        json.put("userAgent", data(record.userAgent()));
        alert.verdict().mfaUsed().ifPresentOrElse(used -> json.put("mfaUsed", used), () -> json.putNull("mfaUsed"));
        json.putObject("outcome")
                .put("success", AlertFacts.succeeded(alert))
                .put("errorCode", data(record.errorCode()))
                .put("errorMessage", data(record.errorMessage()));
        json.put("cloudTrailLink", AlertFacts.cloudTrailLink(alert).orElse(null));
        json.putObject("session")
                .put("key", UntrustedText.data(alert.sessionKey()))
                .put("recordedSinceLastAlert", alert.recordedSinceLastAlert());
        alert.verdict().rootSession().ifPresentOrElse(session -> json.putObject("centralizedRootSession")
                        .put("callerArn", UntrustedText.data(session.callerArn()))
                        .put("targetAccount", UntrustedText.data(session.targetAccount()))
                        .put("taskPolicy", UntrustedText.data(session.taskPolicy()))
                        .put("accessKeyId", UntrustedText.data(session.accessKeyId()))
                        .put("assumeRootEventId", UntrustedText.data(session.assumeRootEventId())),
                () -> json.putNull("centralizedRootSession"));
        alert.failureBurst().ifPresentOrElse(burst -> json.putObject("failureBurst")
                        .put("accountId", UntrustedText.data(burst.accountId()))
                        .put("count", burst.count())
                        .put("windowMinutes", burst.windowMinutes())
                        .put("firstTime", UntrustedText.data(burst.firstTime()))
                        .put("lastTime", UntrustedText.data(burst.lastTime())),
                () -> json.putNull("failureBurst"));
        json.put("partial", alert.partial());
        ArrayNode missing = json.putArray("missingFields");
        alert.missingFields().forEach(field -> missing.add(UntrustedText.data(field)));
        ArrayNode reasons = json.putArray("reasons");
        AlertFacts.reasons(alert).forEach(reason -> reasons.add(UntrustedText.data(reason)));
        alert.envelope().ifPresentOrElse(envelope -> json.putObject("envelope")
                        .put("account", data(envelope.account()))
                        .put("region", data(envelope.region())),
                () -> json.putNull("envelope"));
        return json;
    }

    /** The value, or {@code null}: Jackson writes a null String as JSON null. */
    private static String data(Optional<String> value) {
        return value.map(UntrustedText::data).orElse(null);
    }
}
