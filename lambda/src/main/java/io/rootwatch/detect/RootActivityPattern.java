package io.rootwatch.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The EventBridge event pattern that selects root activity, the one definition shared by every
 * rule the stack deploys and by {@code rootwatch replay}.
 *
 * <p>It matches every event whose CloudTrail identity is Root (sign-ins, failures, API calls with
 * reads, service events), every {@code sts:AssumeRoot} call, which a role makes, the daily
 * self-test event and the synthetic root event of {@code rootwatch test-alert}, which must travel
 * the same path to prove it works. Only sources
 * under {@code aws.} match the first branch: AWS refuses {@code PutEvents} with such a source, so
 * an account allowed onto the central bus cannot forge root activity with a custom event.
 */
public final class RootActivityPattern {
    public static final String RESOURCE = "root-activity-pattern.json";

    private static final String JSON = load();

    private RootActivityPattern() {
    }

    public static String json() {
        return JSON;
    }

    private static String load() {
        try (InputStream in = RootActivityPattern.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("event pattern resource " + RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event pattern " + RESOURCE, e);
        }
    }
}
