package io.rootwatch.infra;

import io.rootwatch.testing.EventSamples;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed rules on an EventBridge API (moto_server): each rule, created on the bus it names
 * with the pattern and state read from the synthesized template and a queue as its target, delivers
 * exactly the samples that are root activity, each once.
 *
 * <p>Moto accepts {@code PutEvents} with an {@code aws.*} source, which AWS refuses: that is what
 * lets this test put the CloudTrail samples on the buses as they are.
 */
class RootActivityRuleOnMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static EventBridgeClient events;
    private static SqsClient sqs;
    /** Rule logical id to the events its queue received. */
    private static final Map<String, List<JsonNode>> DELIVERED = new LinkedHashMap<>();
    private static final String FORGED_EVENT_ID = "forged-0000-0000-0000-000000000000";
    private static String heartbeatSource;

    @BeforeAll
    static void putEverySampleOnEveryRulesBus() {
        Synthesized app = Synthesized.full();
        events = MOTO.eventBridge();
        sqs = MOTO.sqs();
        JsonNode heartbeat = app.resourcesOfType("AWS::Scheduler::Schedule").values().iterator().next()
                .path("Properties").path("Target");
        heartbeatSource = heartbeat.path("EventBridgeParameters").path("Source").asText();
        String customBus = app.properties(app.logicalId("RootActivityBus")).path("Name").asText();

        Map<String, String> busOfRule = new LinkedHashMap<>();
        Map<String, String> queueOfRule = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : app.resourcesOfType("AWS::Events::Rule").entrySet()) {
            JsonNode rule = entry.getValue().path("Properties");
            String busName = rule.path("EventBusName").isTextual() ? rule.path("EventBusName").asText() : customBus;
            if (!busName.equals("default")) {
                events.createEventBus(b -> b.name(busName));
            }
            String queueUrl = sqs.createQueue(b -> b.queueName("target-of-" + entry.getKey())).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String ruleName = rule.path("Name").asText();
            events.putRule(b -> b.name(ruleName).eventBusName(busName)
                    .eventPattern(rule.path("EventPattern").toString())
                    .state(rule.path("State").asText()));
            var targets = events.putTargets(b -> b.rule(ruleName).eventBusName(busName)
                    .targets(Target.builder().id("EventQueue").arn(queueArn).build()));
            assertThat(targets.failedEntryCount()).isZero();
            busOfRule.put(entry.getKey(), busName);
            queueOfRule.put(entry.getKey(), queueUrl);
        }

        for (String busName : Set.copyOf(busOfRule.values())) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (EventSamples.Sample sample : EventSamples.all()) {
                JsonNode envelope = sample.envelope();
                entries.add(PutEventsRequestEntry.builder()
                        .source(envelope.path("source").asText())
                        .detailType(envelope.path("detail-type").asText())
                        .detail(envelope.path("detail").toString())
                        .eventBusName(busName)
                        .build());
            }
            entries.add(PutEventsRequestEntry.builder()
                    .source(heartbeatSource)
                    .detailType(heartbeat.path("EventBridgeParameters").path("DetailType").asText())
                    .detail(heartbeat.path("Input").asText())
                    .eventBusName(busName)
                    .build());
            entries.add(PutEventsRequestEntry.builder()
                    .source("custom.forger")
                    .detailType("AWS API Call via CloudTrail")
                    .detail("{\"userIdentity\":{\"type\":\"Root\"},\"eventSource\":\"iam.amazonaws.com\","
                            + "\"eventName\":\"CreateAccessKey\",\"eventID\":\"" + FORGED_EVENT_ID + "\"}")
                    .eventBusName(busName)
                    .build());
            for (int from = 0; from < entries.size(); from += 10) {
                List<PutEventsRequestEntry> batch = entries.subList(from, Math.min(from + 10, entries.size()));
                PutEventsResponse response = events.putEvents(b -> b.entries(batch));
                assertThat(response.failedEntryCount()).as("PutEvents on %s", busName).isZero();
            }
        }

        queueOfRule.forEach((rule, queueUrl) -> DELIVERED.put(rule, drain(queueUrl)));
    }

    @AfterAll
    static void closeClients() {
        if (events != null) {
            events.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    private static List<JsonNode> drain(String queueUrl) {
        List<JsonNode> received = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(600)).messages();
            if (messages.isEmpty()) {
                return received;
            }
            messages.forEach(message -> received.add(Synthesized.parse(message.body())));
        }
    }

    private static Set<String> rootActivityEventIds() {
        return EventSamples.all().stream().filter(EventSamples.Sample::isRootActivity).map(EventSamples.Sample::eventId)
                .collect(Collectors.toSet());
    }

    private static List<String> deliveredEventIds(String rule) {
        return DELIVERED.get(rule).stream().map(event -> event.path("detail").path("eventID"))
                .filter(id -> !id.isMissingNode()).map(JsonNode::asText).toList();
    }

    @Test
    void bothRulesWereCreatedOnTheirBuses() {
        assertThat(DELIVERED).hasSize(2);
    }

    @Test
    void eachRuleDeliversExactlyTheRootActivitySamples() {
        assertThat(rootActivityEventIds()).hasSizeGreaterThan(50);
        DELIVERED.keySet().forEach(rule ->
                assertThat(Set.copyOf(deliveredEventIds(rule))).as(rule).isEqualTo(rootActivityEventIds()));
    }

    @Test
    void eachRuleDeliversEverySampleOnlyOnce() {
        DELIVERED.keySet().forEach(rule -> assertThat(deliveredEventIds(rule)).as(rule).doesNotHaveDuplicates());
    }

    @Test
    void eachRuleDeliversTheHeartbeat() {
        DELIVERED.forEach((rule, delivered) -> assertThat(delivered).as(rule)
                .filteredOn(event -> event.path("source").asText().equals(heartbeatSource)).hasSize(1));
    }

    @Test
    void noRuleDeliversAForgedRootEventWithACustomSource() {
        DELIVERED.keySet().forEach(rule -> assertThat(deliveredEventIds(rule)).as(rule).doesNotContain(FORGED_EVENT_ID));
    }
}
