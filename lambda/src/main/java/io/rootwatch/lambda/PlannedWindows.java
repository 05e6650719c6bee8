package io.rootwatch.lambda;

import io.rootwatch.audit.BreakGlassWindows;
import io.rootwatch.detect.BreakGlassWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The break-glass windows of each account, read at most every 30 seconds per execution
 * environment rather than once per event: a window opened less than 30 seconds before the planned
 * work may not mark its first events expected (they are alerted as unplanned, never hidden);
 * likewise a cancelled window may still mark events for up to 30 seconds after its cancellation.
 */
public final class PlannedWindows {
    /** How long a read of an account's windows is reused: the longest a new or cancelled window takes to apply. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(30);
    /** Events older than this (late deliveries after an outage) are looked up directly. */
    static final Duration RECENT = Duration.ofDays(1);

    private record Loaded(Instant at, List<BreakGlassWindow> windows) {
    }

    private final BreakGlassWindows windows;
    private final Map<String, Loaded> byAccount = new ConcurrentHashMap<>();

    PlannedWindows(BreakGlassWindows windows) {
        this.windows = windows;
    }

    Optional<BreakGlassWindow> covering(String accountId, Instant eventTime, Instant now) {
        if (eventTime.isBefore(now.minus(RECENT))) {
            return windows.covering(accountId, eventTime);
        }
        Loaded loaded = byAccount.compute(accountId, (account, cached) ->
                cached != null && cached.at().plus(FRESH_FOR).isAfter(now) ? cached
                        : new Loaded(now, windows.endingAtOrAfter(account, now.minus(RECENT))));
        return loaded.windows().stream().filter(window -> window.covers(eventTime)).reduce((first, later) -> later);
    }
}
