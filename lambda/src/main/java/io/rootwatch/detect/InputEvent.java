package io.rootwatch.detect;

import java.util.Objects;
import java.util.Optional;

/** One CloudTrail record found in an input, with the EventBridge envelope it came in, if any. */
public record InputEvent(Optional<Envelope> envelope, CloudTrailRecord record) {
    public InputEvent {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(record, "record");
    }
}
