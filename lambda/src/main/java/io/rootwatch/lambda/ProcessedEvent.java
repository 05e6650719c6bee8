package io.rootwatch.lambda;

import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;

import java.util.Optional;

/** One event the detector handled, for its log line and metrics. */
public record ProcessedEvent(String eventId, Optional<Category> category, Optional<Severity> severity, Outcome outcome,
                             boolean partial, boolean burstAlerted) {
}
