package io.rootwatch.cli.doctor;

/** How one check came out. WARN is something to look at that does not fail the run. */
public enum Status {
    PASS, WARN, FAIL
}
