package io.rootwatch.detect;

/** How urgently a person should look, most urgent first. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO;

    public boolean isAtLeast(Severity other) {
        return compareTo(other) <= 0;
    }
}
