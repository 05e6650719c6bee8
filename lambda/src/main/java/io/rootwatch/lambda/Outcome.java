package io.rootwatch.lambda;

/** What the detector did with one event. */
public enum Outcome {
    /** Recorded, and its alert published. */
    ALERTED,
    /** Recorded and counted in its root session, which already alerted: not published on its own. */
    RECORDED_IN_SESSION,
    /** Recorded; not root activity or a service acting for root, so never paged. */
    RECORDED_WITHOUT_ALERT,
    /** Root activity recorded from a CloudTrail archive by a processor that does not alert: not published. */
    RECORDED_FROM_ARCHIVE,
    /** Recorded before: this delivery was a duplicate and changed nothing. */
    DUPLICATE,
    /** Recorded before with its alert unsent (an earlier delivery failed or died): published now. */
    ALERT_RESUMED,
    /** The daily self-test event: recorded as a heartbeat. */
    HEARTBEAT,
    /** A self-test event sent from another account: not a heartbeat, so it cannot hide a broken path. */
    FOREIGN_SELF_TEST
}
