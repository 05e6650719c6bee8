package io.rootwatch.cli.output;

import java.util.Optional;

/** Names an event the way IAM policies do, {@code iam:CreateAccessKey}: short enough for a table column. */
public final class EventLabel {
    private EventLabel() {
    }

    public static String of(Optional<String> eventSource, Optional<String> eventName) {
        return eventSource.map(EventLabel::service).orElse("?") + ":" + eventName.orElse("?");
    }

    /** {@code iam.amazonaws.com} is {@code iam}; so is anything else before its first dot. */
    public static String service(String eventSource) {
        int dot = eventSource.indexOf('.');
        return dot > 0 ? eventSource.substring(0, dot) : eventSource;
    }
}
