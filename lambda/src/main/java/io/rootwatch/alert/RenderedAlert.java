package io.rootwatch.alert;

import java.util.Map;
import java.util.Objects;

/**
 * An alert ready for SNS {@code Publish} with {@code MessageStructure=json}: the subject, the
 * message (one rendering per protocol), and the String message attributes subscriptions filter on.
 */
public record RenderedAlert(String subject, String message, Map<String, String> attributes) {
    public RenderedAlert {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        attributes = Map.copyOf(attributes);
    }
}
