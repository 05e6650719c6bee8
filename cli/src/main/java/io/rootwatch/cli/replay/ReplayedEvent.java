package io.rootwatch.cli.replay;

import io.rootwatch.detect.Verdict;

import java.util.List;
import java.util.Optional;

/**
 * One sample event after replay: its file (relative to the samples directory, with {@code #n} when
 * the file holds several events), what the rule and the classifier made of it, the alert headline,
 * whether the verdict is the one expected.tsv names (empty when it names none), and what replay
 * flagged about it.
 */
record ReplayedEvent(String sample, RuleOutcome rule, Verdict verdict, String headline, Optional<Boolean> asExpected,
                            List<String> flags) {
    public ReplayedEvent {
        flags = List.copyOf(flags);
    }

    boolean isFlagged() {
        return !flags.isEmpty();
    }
}
