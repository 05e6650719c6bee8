package io.rootwatch.cli.athena;

import java.util.Optional;

/** An Athena query that did not succeed: its id, the state it ended in, and Athena's reason when it gave one. */
public final class AthenaQueryException extends RuntimeException {
    private final String queryExecutionId;
    private final String state;

    AthenaQueryException(String queryExecutionId, String state, Optional<String> reason) {
        super("Athena query " + queryExecutionId + " " + state + reason.map(r -> ": " + r).orElse(" (Athena gave no reason)"));
        this.queryExecutionId = queryExecutionId;
        this.state = state;
    }

    public String queryExecutionId() {
        return queryExecutionId;
    }

    /** FAILED, CANCELLED, or TIMED_OUT when rootwatch gave up waiting (and stopped the query). */
    public String state() {
        return state;
    }
}
