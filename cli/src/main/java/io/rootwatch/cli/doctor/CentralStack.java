package io.rootwatch.cli.doctor;

import java.util.Map;
import java.util.Optional;

/**
 * The central stack's outputs, which name the table, topic, bus and queue the checks look at, or
 * why they could not be read.
 */
public record CentralStack(String name, Map<String, String> outputs, Optional<String> unreadable) {
    public CentralStack {
        outputs = Map.copyOf(outputs);
    }

    public Optional<String> output(String key) {
        return Optional.ofNullable(outputs.get(key));
    }

    /** Why an output is not there, for a check that needs it. */
    public String whyMissing(String key) {
        return unreadable.map(reason -> "the central stack " + name + " could not be read (" + reason + ")")
                .orElse("the central stack " + name + " has no output " + key);
    }
}
