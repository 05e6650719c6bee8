package io.rootwatch.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The card Slack and Teams show, as an Amazon Q Developer in chat applications (AWS Chatbot)
 * custom notification. Its threadId is the root session, so a session's alerts share a thread.
 * Every value from the event goes through {@link UntrustedText#markdown}; only the links rootwatch
 * builds itself (console, AWS documentation) are left for the client to link.
 */
final class ChatNotification {
    private final List<String> lines = new ArrayList<>();

    private ChatNotification() {
    }

    static ObjectNode of(Alert alert, Map<String, String> attributes) {
        ObjectNode json = AlertRenderer.JSON.createObjectNode();
        json.put("version", "1.0");
        json.put("source", "custom");
        json.put("id", UntrustedText.data(alert.eventId()));
        ObjectNode content = json.putObject("content");
        content.put("textType", "client-markdown");
        content.put("title", emoji(alert.severity()) + " " + UntrustedText.markdown(Headline.of(alert)));
        content.put("description", new ChatNotification().description(alert));
        ArrayNode nextSteps = content.putArray("nextSteps");
        NextSteps.of(alert, UntrustedText::markdown).forEach(nextSteps::add);
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("threadId", UntrustedText.data(alert.sessionKey()));
        metadata.put("summary", UntrustedText.markdown(Headline.of(alert)));
        metadata.put("eventType", alert.verdict().category().name());
        ArrayNode resources = metadata.putArray("relatedResources");
        relatedResources(alert).forEach(resources::add);
        ObjectNode context = metadata.putObject("additionalContext");
        attributes.forEach(context::put);
        return json;
    }

    private String description(Alert alert) {
        CloudTrailRecord record = alert.record();
        field("What", UntrustedText.markdown(Headline.whatHappened(alert)) + " (" + alert.severity()
                + ", " + alert.verdict().category() + (alert.expected() ? ", planned" : ", not planned") + ")");
        alert.verdict().task().ifPresent(task -> field("Task", task.title() + ": " + task.documentation()));
        field("Who", md(record.identityType()).orElse("identity type not recorded")
                + md(record.identityArn()).map(arn -> " " + arn).orElse(", ARN not recorded")
                + md(record.text("userIdentity.userName")).map(name -> ", user name " + name).orElse(""));
        field("Access key", record.accessKeyId()
                .map(key -> UntrustedText.markdown(key) + " (" + AlertFacts.accessKeyKind(key) + ")")
                .orElse("none recorded"));
        field("Where", UntrustedText.markdown(Headline.account(AlertFacts.accountId(alert), alert.accountName()))
                + AlertFacts.envelopeNote(record.accountId(), AlertFacts.accountId(alert))
                + ", " + md(AlertFacts.region(alert)).orElse("region not recorded")
                + AlertFacts.envelopeNote(record.awsRegion(), AlertFacts.region(alert))
                + md(record.sourceIpAddress()).map(ip -> ", from " + ip).orElse(""));
        field("When", md(AlertFacts.time(alert)).orElse("not recorded")
                + AlertFacts.envelopeNote(record.eventTime(), AlertFacts.time(alert)));
        field("MFA used", EmailText.mfa(alert.verdict()));
        field("Outcome", UntrustedText.markdown(EmailText.outcome(alert)));
        field("User agent", md(record.userAgent()).orElse("not recorded"));
        AlertFacts.requestParameters(record).ifPresent(parameters -> field("Request", UntrustedText.markdown(parameters)));
        alert.envelope().filter(envelope -> AlertFacts.forwarded(record, envelope)).ifPresent(envelope -> field("Received",
                "forwarded, on the event bus of account " + md(envelope.account()).orElse("not recorded")
                        + " in " + md(envelope.region()).orElse("not recorded")));
        if (alert.recordedSinceLastAlert() > 0) {
            field("Session", EmailText.sessionLine(alert.recordedSinceLastAlert()));
        }
        alert.plannedWindow().ifPresent(window -> field("Planned", "\"" + UntrustedText.markdown(window.reason()) + "\", by "
                + UntrustedText.markdown(window.createdBy()) + ", until " + window.until()));
        alert.verdict().rootSession().ifPresent(session -> field("Centralized root session", "opened by "
                + UntrustedText.markdown(session.callerArn()) + " with " + UntrustedText.markdown(session.taskPolicy())
                + " for account " + UntrustedText.markdown(session.targetAccount())));
        alert.failureBurst().ifPresent(burst -> field("Failed sign-ins", burst.count() + " within " + burst.windowMinutes()
                + " minutes, first " + UntrustedText.markdown(burst.firstTime()) + ", latest " + UntrustedText.markdown(burst.lastTime())));
        if (alert.partial()) {
            field("Partial record", "lacks " + String.join(", ", alert.missingFields().stream().map(UntrustedText::markdown).toList()));
        }
        field("Why", String.join("; ", AlertFacts.reasons(alert).stream()
                .map(reason -> UntrustedText.markdown(reason, UntrustedText.REASON_LIMIT)).toList()));
        field("CloudTrail", AlertFacts.cloudTrailLink(alert)
                .map(link -> link + " (sign in to account " + md(AlertFacts.accountId(alert)).orElse("of the event") + " first)")
                .orElse("link unavailable: search event history for event "
                        + UntrustedText.markdown(record.eventId().orElse(alert.eventId()))));
        return String.join("\n", lines);
    }

    /** The principals involved, for the client to list: who acted, and who opened the centralized session. */
    private static Set<String> relatedResources(Alert alert) {
        Set<String> resources = new LinkedHashSet<>();
        alert.record().identityArn().map(UntrustedText::markdown).ifPresent(resources::add);
        alert.verdict().rootSession().map(session -> UntrustedText.markdown(session.callerArn())).ifPresent(resources::add);
        return resources;
    }

    private static Optional<String> md(Optional<String> value) {
        return value.map(UntrustedText::markdown);
    }

    /** Severity at a glance, in Unicode so that Slack and Teams both show it. */
    private static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "\uD83D\uDEA8";   // rotating light
            case HIGH -> "\uD83D\uDD34";       // red circle
            case MEDIUM -> "\uD83D\uDFE0";     // orange circle
            case LOW -> "\uD83D\uDFE1";        // yellow circle
            case INFO -> "\uD83D\uDD35";       // blue circle
        };
    }

    private void field(String label, String value) {
        lines.add("*" + label + ":* " + value);
    }
}
