package io.rootwatch.audit;

import io.rootwatch.alert.RenderedAlert;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Envelope;
import io.rootwatch.detect.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One root event as the audit table records it: the record, the verdict, its context and its alert.
 * {@code eventTime}, {@code accountId} and {@code region} are the record's, or stand-ins the
 * detector chose for a partial record (listed in {@code missingFields}).
 */
public record EventEntry(String eventId, Instant eventTime, String accountId, String region,
                         CloudTrailRecord record, Verdict verdict, Optional<Envelope> envelope,
                         Optional<String> accountName, Optional<BreakGlassWindow> plannedWindow, String sessionKey,
                         List<String> missingFields, AlertState alertState, Optional<RenderedAlert> alert) {
    public EventEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(plannedWindow, "plannedWindow");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(alertState, "alertState");
        Objects.requireNonNull(alert, "alert");
        missingFields = List.copyOf(missingFields);
    }
}
