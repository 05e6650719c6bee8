package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.lambda.EventProcessor;
import io.rootwatch.lambda.TestAlertEvent;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once, whatever path an event took: the single-account app's rules, read from its
 * synthesized templates (bus, pattern, state, targets), created on moto_server in the accounts and
 * regions the stacks deploy to; then the samples put on the default bus of each origin (the
 * central account's home region, another of its regions, a listed account's home region and
 * another region) must each reach the central event queue once.
 *
 * <p>moto_server keeps a backend per account and region (the account chosen per request with its
 * {@code x-moto-account-id} header) and delivers to an event bus target in another account and
 * region by putting the event there. It does not check the central bus's policy, the forwarder's
 * role or the rule's state, and the forwarded copy gets a new id, the central account and region
 * (AWS keeps the original's): each event is therefore recognised by its CloudTrail eventID, which
 * this test prefixes with the origin.
 */
class ForwardedDeliveryOnMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String MOTO_ACCOUNT_HEADER = "x-moto-account-id";
    private static final String CENTRAL = "111111111111";
    private static final String HOME = "eu-west-1";
    private static final String LISTED = "444455556666";
    private static final String OTHER_REGION = "us-east-1";
    /** A CloudTrail root identity with a source AWS never lets a caller use: must not pass any rule. */
    private static final String FORGED_SOURCE = "custom.forger";

    /** A default bus an event is put on: an account in a region. */
    record Origin(String account, String region) {
        String prefix() {
            return account + "/" + region + "/";
        }

        @Override
        public String toString() {
            return (account.equals(CENTRAL) ? "central " : "listed ") + account + " " + region;
        }
    }

    private static final List<Origin> ORIGINS = List.of(
            new Origin(CENTRAL, HOME), new Origin(CENTRAL, OTHER_REGION), new Origin(LISTED, HOME), new Origin(LISTED, OTHER_REGION));

    private static final List<SdkClient> CLIENTS = new ArrayList<>();
    private static JsonNode forwarderRule;
    private static String eventQueueUrl;
    private static SqsClient centralSqs;
    /** The CloudTrail eventIDs that reached the central event queue, one entry per message. */
    private static List<String> delivered;

    @BeforeAll
    static void createTheRulesAndPutTheSamplesOnEveryOrigin() {
        App app = Synthesized.app(Map.of(
                RootwatchSettings.HOME_REGION, HOME,
                RootwatchSettings.CENTRAL_ACCOUNT, CENTRAL,
                RootwatchSettings.SINGLE_ACCOUNT_IDS, LISTED,
                RootwatchSettings.FORWARDER_REGIONS, OTHER_REGION));
        DetectorStack central = RootwatchApp.build(app, Synthesized.detectorJar());
        CloudAssembly assembly = app.synth();

        centralSqs = sqs(CENTRAL, HOME);
        createCentralRules(Synthesized.JSON.valueToTree(assembly.getStackArtifact(central.getArtifactId()).getTemplate()));
        List<ForwarderStack> forwarders = app.getNode().getChildren().stream()
                .filter(ForwarderStack.class::isInstance).map(ForwarderStack.class::cast).toList();
        assertThat(forwarders).extracting(stack -> new Origin(stack.getAccount(), stack.getRegion()))
                .containsExactlyInAnyOrder(new Origin(CENTRAL, OTHER_REGION), new Origin(LISTED, HOME), new Origin(LISTED, OTHER_REGION));
        for (ForwarderStack stack : forwarders) {
            JsonNode template = Synthesized.JSON.valueToTree(assembly.getStackArtifact(stack.getArtifactId()).getTemplate());
            forwarderRule = onlyOfType(template, "AWS::Events::Rule").path("Properties");
            createForwarderRule(stack.getAccount(), stack.getRegion(), forwarderRule);
        }

        for (Origin origin : ORIGINS) {
            putOnDefaultBus(origin, eventsFrom(origin));
        }
        delivered = drain();
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.forEach(SdkClient::close);
    }

    // ---- the accounts and regions on moto_server ----

    private static EventBridgeClient events(String account, String region) {
        EventBridgeClient client = EventBridgeClient.builder().endpointOverride(MOTO.endpoint()).region(Region.of(region))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.putHeader(MOTO_ACCOUNT_HEADER, account)).build();
        CLIENTS.add(client);
        return client;
    }

    private static SqsClient sqs(String account, String region) {
        SqsClient client = SqsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.of(region))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.putHeader(MOTO_ACCOUNT_HEADER, account)).build();
        CLIENTS.add(client);
        return client;
    }

    private static String createQueue(SqsClient sqs, String name) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** The central bus and both central rules; each queue a rule targets is created, by its logical id. */
    private static void createCentralRules(JsonNode template) {
        EventBridgeClient events = events(CENTRAL, HOME);
        Map<String, String> busNames = new HashMap<>();
        ofType(template, "AWS::Events::EventBus").forEach((id, bus) -> {
            String name = bus.path("Properties").path("Name").asText();
            events.createEventBus(b -> b.name(name));
            busNames.put(id, name);
        });
        Map<String, String> queueArns = new HashMap<>();
        Map<String, JsonNode> rules = ofType(template, "AWS::Events::Rule");
        assertThat(rules).hasSize(2);
        rules.values().forEach(resource -> {
            JsonNode rule = resource.path("Properties");
            JsonNode bus = rule.path("EventBusName");
            String busName = bus.isTextual() ? bus.asText() : busNames.get(bus.path("Ref").asText());
            events.putRule(b -> b.name(rule.path("Name").asText()).eventBusName(busName)
                    .eventPattern(rule.path("EventPattern").toString()).state(rule.path("State").asText()));
            assertThat(Synthesized.list(rule.path("Targets"))).as("one target per rule, or one event could arrive twice").hasSize(1);
            List<Target> targets = new ArrayList<>();
            for (JsonNode target : Synthesized.list(rule.path("Targets"))) {
                String queue = target.path("Arn").path("Fn::GetAtt").get(0).asText();
                String arn = queueArns.computeIfAbsent(queue, id -> createQueue(centralSqs, id));
                targets.add(Target.builder().id(target.path("Id").asText()).arn(arn).build());
            }
            assertThat(events.putTargets(b -> b.rule(rule.path("Name").asText()).eventBusName(busName).targets(targets))
                    .failedEntryCount()).isZero();
        });
        assertThat(queueArns).as("the queues the central rules target").hasSize(1);
        String queueName = queueArns.keySet().iterator().next();
        eventQueueUrl = centralSqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
    }

    /** A forwarder rule as its template defines it; the target's ARN as written there, the central bus's. */
    private static void createForwarderRule(String account, String region, JsonNode rule) {
        EventBridgeClient events = events(account, region);
        String busName = rule.path("EventBusName").asText();
        events.putRule(b -> b.name(rule.path("Name").asText()).eventBusName(busName)
                .eventPattern(rule.path("EventPattern").toString()).state(rule.path("State").asText()));
        JsonNode target = Synthesized.list(rule.path("Targets")).get(0);
        assertThat(target.path("Arn").isTextual()).as("the central bus ARN is a literal").isTrue();
        String deadLetters = createQueue(sqs(account, region), "forwarder-dead-letters");
        Target created = Target.builder()
                .id(target.path("Id").asText())
                .arn(target.path("Arn").asText())
                .roleArn("arn:aws:iam::" + account + ":role/rootwatch-forwarder")
                .retryPolicy(RetryPolicy.builder()
                        .maximumRetryAttempts(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt())
                        .maximumEventAgeInSeconds(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt())
                        .build())
                .deadLetterConfig(c -> c.arn(deadLetters))
                .build();
        assertThat(events.putTargets(b -> b.rule(rule.path("Name").asText()).eventBusName(busName).targets(created))
                .failedEntryCount()).isZero();
    }

    // ---- the events ----

    /**
     * Every sample, the {@code rootwatch test-alert} event (a custom source the pattern admits) and a
     * forged root event, each CloudTrail eventID prefixed with the origin.
     */
    private static List<PutEventsRequestEntry> eventsFrom(Origin origin) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (EventSamples.Sample sample : EventSamples.all()) {
            JsonNode envelope = sample.envelope();
            entries.add(entry(envelope.path("source").asText(), envelope.path("detail-type").asText(),
                    withEventId(envelope.path("detail"), origin.prefix() + sample.eventId())));
        }
        entries.add(entry(EventProcessor.TEST_ALERT_SOURCE, TestAlertEvent.DETAIL_TYPE,
                withEventId(Synthesized.JSON.createObjectNode(), origin.prefix() + "test-alert")));
        entries.add(entry(FORGED_SOURCE, "AWS API Call via CloudTrail", withEventId(Synthesized.parse(
                "{\"userIdentity\":{\"type\":\"Root\"},\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateAccessKey\"}"),
                origin.prefix() + "forged")));
        return entries;
    }

    private static JsonNode withEventId(JsonNode detail, String eventId) {
        ObjectNode copy = detail.deepCopy();
        copy.put("eventID", eventId);
        return copy;
    }

    private static PutEventsRequestEntry entry(String source, String detailType, JsonNode detail) {
        return PutEventsRequestEntry.builder().source(source).detailType(detailType).detail(detail.toString()).build();
    }

    private static void putOnDefaultBus(Origin origin, List<PutEventsRequestEntry> entries) {
        EventBridgeClient events = events(origin.account(), origin.region());
        for (int from = 0; from < entries.size(); from += 10) {
            List<PutEventsRequestEntry> batch = entries.subList(from, Math.min(from + 10, entries.size()));
            PutEventsResponse response = events.putEvents(b -> b.entries(batch));
            assertThat(response.failedEntryCount()).as("PutEvents on %s", origin).isZero();
        }
    }

    private static List<String> drain() {
        List<String> ids = new ArrayList<>();
        while (true) {
            List<Message> messages = centralSqs.receiveMessage(b -> b.queueUrl(eventQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(600)).messages();
            if (messages.isEmpty()) {
                return ids;
            }
            for (Message message : messages) {
                ids.add(Synthesized.parse(message.body()).path("detail").path("eventID").asText());
                centralSqs.deleteMessage(b -> b.queueUrl(eventQueueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static List<String> deliveredFrom(Origin origin) {
        return delivered.stream().filter(id -> id.startsWith(origin.prefix())).map(id -> id.substring(origin.prefix().length())).toList();
    }

    private static Set<String> rootActivityEventIds() {
        return EventSamples.all().stream().filter(EventSamples.Sample::isRootActivity).map(EventSamples.Sample::eventId)
                .collect(Collectors.toSet());
    }

    static List<Origin> origins() {
        return ORIGINS;
    }

    // ---- the template as JSON ----

    private static Map<String, JsonNode> ofType(JsonNode template, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    private static JsonNode onlyOfType(JsonNode template, String type) {
        Map<String, JsonNode> found = ofType(template, type);
        assertThat(found).as(type).hasSize(1);
        return found.values().iterator().next();
    }

    // ---- exactly once ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void everyRootActivitySampleArrivesOnceFrom(Origin origin) {
        assertThat(rootActivityEventIds()).hasSizeGreaterThan(50);
        List<String> samples = deliveredFrom(origin).stream().filter(rootActivityEventIds()::contains).toList();
        assertThat(samples).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rootActivityEventIds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void theTestAlertEventArrivesOnceFrom(Origin origin) {
        assertThat(deliveredFrom(origin)).filteredOn("test-alert"::equals).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void nothingButRootActivityArrivesFrom(Origin origin) {
        Set<String> expected = new HashSet<>(rootActivityEventIds());
        expected.add("test-alert");
        assertThat(deliveredFrom(origin)).isNotEmpty().allMatch(expected::contains, "root activity or the test alert");
    }

    @Test
    void everyMessageCameFromAnOrigin() {
        assertThat(delivered).hasSize(ORIGINS.size() * (rootActivityEventIds().size() + 1))
                .allMatch(id -> ORIGINS.stream().anyMatch(origin -> id.startsWith(origin.prefix())));
    }

    /**
     * Why the central account has no forwarder in its home region: its default bus is already
     * watched there, so a forwarder would hand the central bus a second copy of every event.
     */
    @Test
    void aForwarderOnTheCentralHomeDefaultBusWouldDeliverEveryEventTwice() {
        createForwarderRule(CENTRAL, HOME, forwarderRule);
        Origin origin = new Origin(CENTRAL, HOME);
        try {
            EventSamples.Sample sample = EventSamples.all().stream().filter(EventSamples.Sample::isRootActivity).findFirst().orElseThrow();
            JsonNode envelope = sample.envelope();
            putOnDefaultBus(origin, List.of(entry(envelope.path("source").asText(), envelope.path("detail-type").asText(),
                    withEventId(envelope.path("detail"), origin.prefix() + "twice"))));
            assertThat(drain()).containsExactly(origin.prefix() + "twice", origin.prefix() + "twice");
        } finally {
            EventBridgeClient events = events(CENTRAL, HOME);
            String rule = forwarderRule.path("Name").asText();
            events.removeTargets(b -> b.rule(rule).eventBusName("default").ids(Synthesized.list(forwarderRule.path("Targets")).get(0).path("Id").asText()));
            events.deleteRule(b -> b.name(rule).eventBusName("default"));
        }
    }
}
