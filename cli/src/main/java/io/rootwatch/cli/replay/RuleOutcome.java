package io.rootwatch.cli.replay;

/** What the EventBridge rule made of an event. */
enum RuleOutcome {
    MATCHED("matched"),
    NOT_MATCHED("no match"),
    /** A bare CloudTrail record: no rule ever sees one, only EventBridge events. */
    NO_ENVELOPE("no envelope");

    private final String label;

    RuleOutcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
