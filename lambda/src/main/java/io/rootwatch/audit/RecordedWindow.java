package io.rootwatch.audit;

import io.rootwatch.detect.BreakGlassWindow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A break-glass window as the audit table keeps it, as evidence: the plan, when it was opened, and
 * its cancellation when someone ended it early. A cancelled window is kept, not deleted.
 *
 * @param openedAt when the window was recorded; absent on items written by hand
 */
public record RecordedWindow(BreakGlassWindow planned, Optional<Instant> openedAt, Optional<Cancellation> cancellation) {
    /** Who ended a window early, and when. */
    public record Cancellation(Instant at, String by) {
        public Cancellation {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
        }
    }

    /** Where a window stands at a given time. */
    public enum State {
        UPCOMING, OPEN, ENDED, CANCELLED
    }

    public RecordedWindow {
        Objects.requireNonNull(planned, "planned");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    public String id() {
        return planned.id();
    }

    public String accountId() {
        return planned.accountId();
    }

    /**
     * The window as it marks events: cut short at its cancellation, so events before the
     * cancellation stay planned; none at all when it was cancelled before it began.
     */
    public Optional<BreakGlassWindow> effective() {
        if (cancellation.isEmpty()) {
            return Optional.of(planned);
        }
        Instant cancelled = cancellation.get().at();
        if (cancelled.isBefore(planned.from())) {
            return Optional.empty();
        }
        return Optional.of(cancelled.isBefore(planned.until()) ? new BreakGlassWindow(planned.id(), planned.accountId(),
                planned.from(), cancelled, planned.reason(), planned.createdBy()) : planned);
    }

    public State state(Instant now) {
        if (cancellation.isPresent()) {
            return State.CANCELLED;
        }
        if (now.isBefore(planned.from())) {
            return State.UPCOMING;
        }
        return now.isAfter(planned.until()) ? State.ENDED : State.OPEN;
    }

    /** Ended or cancelled: it will mark no more events. */
    public boolean isOver(Instant now) {
        State state = state(now);
        return state == State.ENDED || state == State.CANCELLED;
    }
}
