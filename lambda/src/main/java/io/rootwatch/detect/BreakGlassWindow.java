package io.rootwatch.detect;

import java.time.Instant;
import java.util.Objects;

/**
 * Planned root use: a window in which root activity in one account is expected (who planned it,
 * why, until when). Events in it are still recorded and alerted, marked expected, never hidden.
 */
public record BreakGlassWindow(String id, String accountId, Instant from, Instant until, String reason, String createdBy) {
    public BreakGlassWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdBy, "createdBy");
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("a break-glass window ends after it starts: " + from + " .. " + until);
        }
    }

    public boolean covers(Instant time) {
        return !time.isBefore(from) && !time.isAfter(until);
    }
}
