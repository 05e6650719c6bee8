package io.rootwatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders an alert for every SNS subscriber at once: plain text for email and anything else, the
 * machine-readable JSON for queues and functions, and an Amazon Q Developer (AWS Chatbot) card
 * for Slack and Teams. Pure: no I/O, thread-safe.
 */
public final class AlertRenderer {
    /** The one mapper of this package: thread-safe, so every rendering shares it. */
    static final ObjectMapper JSON = new ObjectMapper();

    public RenderedAlert render(Alert alert) {
        Map<String, String> attributes = attributes(alert);
        String document = write(AlertDocument.of(alert));
        ObjectNode message = JSON.createObjectNode();
        message.put("default", EmailText.summary(alert));
        message.put("email", EmailText.body(alert));
        message.put("email-json", document);
        message.put("sqs", document);
        message.put("lambda", document);
        message.put("https", write(ChatNotification.of(alert, attributes)));
        return new RenderedAlert(SnsSubject.of(alert), write(message), attributes);
    }

    /**
     * The String attributes subscription filter policies match (email only for CRITICAL and HIGH, say).
     * Never empty: SNS rejects an empty attribute value, and a policy can match "unknown".
     */
    private static Map<String, String> attributes(Alert alert) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("severity", alert.severity().name());
        attributes.put("category", alert.verdict().category().name());
        attributes.put("accountId", known(AlertFacts.accountId(alert).map(UntrustedText::data).orElse("")));
        attributes.put("region", known(AlertFacts.region(alert).map(UntrustedText::data).orElse("")));
        attributes.put("task", alert.verdict().taskId().orElse("none"));
        attributes.put("expected", Boolean.toString(alert.expected()));
        return attributes;
    }

    private static String known(String value) {
        return value.isEmpty() ? "unknown" : value;
    }

    private static String write(ObjectNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory always serializes", e);
        }
    }
}
