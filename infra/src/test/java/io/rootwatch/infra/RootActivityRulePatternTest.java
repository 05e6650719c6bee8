package io.rootwatch.infra;

import io.rootwatch.testing.EventSamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event patterns of the deployed rules, read from the synthesized template and matched by
 * event-ruler (the matcher EventBridge uses), select exactly the samples that are root activity.
 */
class RootActivityRulePatternTest {
    private static List<String> ruleNames;
    private static Machine machine;
    private static JsonNode heartbeatTarget;

    @BeforeAll
    static void loadTheDeployedRules() throws Exception {
        Synthesized app = Synthesized.full();
        machine = new Machine();
        ruleNames = new ArrayList<>();
        for (Map.Entry<String, JsonNode> rule : app.resourcesOfType("AWS::Events::Rule").entrySet()) {
            machine.addRule(rule.getKey(), rule.getValue().path("Properties").path("EventPattern").toString());
            ruleNames.add(rule.getKey());
        }
        heartbeatTarget = app.resourcesOfType("AWS::Scheduler::Schedule").values().iterator().next().path("Properties").path("Target");
    }

    static List<EventSamples.Sample> samples() {
        return EventSamples.all();
    }

    private static List<String> matchingRules(String eventJson) throws Exception {
        return machine.rulesForJSONEvent(eventJson);
    }

    @Test
    void bothRulesAreLoaded() {
        assertThat(ruleNames).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyRuleMatchesASampleIffItIsRootActivity(EventSamples.Sample sample) throws Exception {
        List<String> matched = matchingRules(sample.envelope().toString());
        if (sample.isRootActivity()) {
            assertThat(matched).as("%s: %s", sample, sample.description()).containsExactlyInAnyOrderElementsOf(ruleNames);
        } else {
            assertThat(matched).as("%s: %s", sample, sample.description()).isEmpty();
        }
    }

    @Test
    void everySampleFileHasAnExpectedCategory() {
        assertThat(EventSamples.all()).extracting(EventSamples.Sample::file)
                .containsExactlyInAnyOrderElementsOf(EventSamples.files());
    }

    @Test
    void samplesCoverRootActivityAndNotRoot() {
        assertThat(EventSamples.all()).anyMatch(EventSamples.Sample::isRootActivity)
                .anyMatch(sample -> !sample.isRootActivity());
    }

    @Test
    void theHeartbeatTheScheduleSendsMatchesEveryRule() throws Exception {
        // What EventBridge Scheduler puts on the bus: its EventBridgeParameters and its input as the detail.
        ObjectNode event = Synthesized.JSON.createObjectNode();
        event.put("version", "0").put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
                .put("detail-type", heartbeatTarget.path("EventBridgeParameters").path("DetailType").asText())
                .put("source", heartbeatTarget.path("EventBridgeParameters").path("Source").asText())
                .put("account", "111122223333").put("time", "2026-11-02T06:00:00Z").put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", Synthesized.parse(heartbeatTarget.path("Input").asText()));
        assertThat(matchingRules(event.toString())).containsExactlyInAnyOrderElementsOf(ruleNames);
    }

    @Test
    void aCustomEventClaimingRootIsNotMatched() throws Exception {
        assertThat(matchingRules("""
                {"version":"0","id":"1","detail-type":"AWS API Call via CloudTrail","source":"custom.forger",
                 "account":"444455556666","time":"2026-11-02T09:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"userIdentity":{"type":"Root"},"eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey"}}
                """)).isEmpty();
    }
}
