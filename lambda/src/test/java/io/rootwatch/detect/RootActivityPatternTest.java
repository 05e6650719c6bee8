package io.rootwatch.detect;

import io.rootwatch.testing.EventSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed EventBridge pattern, matched by event-ruler (the matcher EventBridge uses), selects
 * exactly the samples the classifier calls root activity.
 */
class RootActivityPatternTest {

    static List<EventSamples.Sample> samples() {
        return EventSamples.all();
    }

    private static boolean matches(String eventJson) throws Exception {
        Machine machine = new Machine();
        machine.addRule("root-activity", RootActivityPattern.json());
        return !machine.rulesForJSONEvent(eventJson).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void matchesExactlyTheSamplesThatAreRootActivity(EventSamples.Sample sample) throws Exception {
        assertThat(matches(sample.envelope().toString())).as("pattern match of %s (%s)", sample.file(), sample.category())
                .isEqualTo(sample.category().isRootActivity());
    }

    @Test
    void aCustomSourceCannotForgeRootActivity() throws Exception {
        assertThat(matches("""
                {"version":"0","id":"1","detail-type":"AWS API Call via CloudTrail","source":"custom.forger",
                 "account":"444455556666","time":"2026-11-02T09:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"userIdentity":{"type":"Root"},"eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey"}}
                """)).isFalse();
    }

    @Test
    void theSelfTestEventTravelsTheSameRule() throws Exception {
        assertThat(matches("""
                {"version":"0","id":"3","detail-type":"rootwatch self-test","source":"rootwatch.selftest",
                 "account":"111122223333","time":"2026-11-02T06:00:00Z","region":"us-east-1","resources":[],"detail":{}}
                """)).isTrue();
    }

    @Test
    void assumeRootIsMatchedThoughARoleMakesIt() throws Exception {
        assertThat(matches("""
                {"version":"0","id":"2","detail-type":"AWS API Call via CloudTrail","source":"aws.sts",
                 "account":"111122223333","time":"2026-11-02T09:00:00Z","region":"eu-central-1","resources":[],
                 "detail":{"userIdentity":{"type":"AssumedRole"},"eventSource":"sts.amazonaws.com","eventName":"AssumeRoot"}}
                """)).isTrue();
    }
}
