package io.rootwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.detect.RootActivityPattern;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The EventBridge rule the stack deploys, evaluated locally by AWS's own open-source matcher. */
final class RootActivityRule {
    private static final String NAME = "rootwatch-root-activity";

    private final Machine machine = new Machine();

    RootActivityRule() {
        try {
            machine.addRule(NAME, RootActivityPattern.json());
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled event pattern is not valid JSON", e);
        }
    }

    boolean matches(JsonNode event) {
        return machine.rulesForJSONEvent(event).contains(NAME);
    }
}
