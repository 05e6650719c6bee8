package io.rootwatch.audit;

/**
 * Where an item's alert stands. An alert moves {@code PENDING → SENDING → SENT} by conditional
 * updates, so that of any number of deliveries of one event exactly one publishes.
 */
public enum AlertState {
    /** To be published; a failed publish returns the alert here. */
    PENDING,
    /** Claimed by one delivery until its lease ends; a delivery that died leaves it for the next. */
    SENDING,
    SENT,
    /** A lower-severity event of a root session already alerted: recorded and counted, not published. */
    SUPPRESSED,
    /** Not root activity, or a service acting for root: recorded, never paged. */
    NOT_ALERTED,
    /**
     * Root activity recorded after the fact from a CloudTrail archive ({@code rootwatch scan --record}
     * without {@code --alert}): kept for the audit, deliberately not published.
     */
    BACKFILLED
}
