package io.rootwatch.cli.scan;

import io.rootwatch.detect.InputEvent;
import io.rootwatch.lambda.EventProcessor;
import io.rootwatch.lambda.Outcome;
import io.rootwatch.lambda.ProcessedEvent;

/**
 * Writes root events found after the fact into the audit table through the live detector's own
 * {@link EventProcessor}: the same item, keyed by eventID and written only if absent, so an event
 * the detector recorded live is neither duplicated nor alerted again. Not thread-safe: one caller.
 */
public final class ArchiveRecorder {
    private final EventProcessor processor;
    private long recorded;
    private long alreadyRecorded;
    private long alerts;

    public ArchiveRecorder(EventProcessor processor) {
        this.processor = processor;
    }

    void record(InputEvent event) {
        ProcessedEvent processed = processor.process(event);
        Outcome outcome = processed.outcome();
        switch (outcome) {
            case DUPLICATE -> alreadyRecorded++;
            case ALERT_RESUMED -> {
                alreadyRecorded++;
                alerts++;
            }
            case ALERTED -> {
                recorded++;
                alerts++;
            }
            default -> recorded++;
        }
        if (processed.burstAlerted()) {
            alerts++;
        }
    }

    /** {@code recorded 12 new events, 3 already in the audit table; 0 alerts sent}. */
    String describe() {
        return String.format("recorded %,d new event%s, %,d already in the audit table; %,d alert%s sent",
                recorded, recorded == 1 ? "" : "s", alreadyRecorded, alerts, alerts == 1 ? "" : "s");
    }
}
