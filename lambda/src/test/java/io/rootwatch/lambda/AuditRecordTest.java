package io.rootwatch.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.audit.AlertState;
import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.audit.Heartbeats;
import io.rootwatch.audit.ItemKey;
import io.rootwatch.testing.AlertInbox;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.rootwatch.testing.DetectorFixture.eventIdOf;
import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the audit table holds for each event, and how the detector takes odd and hostile messages. */
class AuditRecordTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DetectorFixture fixture;
    private EventProcessor detector;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
        detector = fixture.detector();
    }

    @Test
    void theItemHoldsTheEventItsVerdictItsContextAndTheFullRecord() throws Exception {
        String body = sample("signin-root-success-no-mfa.json", "detail.recipientAccountId", "111122223333");
        detector.process(body);

        Map<String, AttributeValue> item = fixture.event(eventIdOf(body)).orElseThrow();
        assertThat(item.get("eventId").s()).isEqualTo(eventIdOf(body));
        assertThat(item.get("eventTime").s()).isEqualTo("2026-11-04T22:03:47.000Z");
        assertThat(item.get("accountId").s()).isEqualTo("111122223333");
        assertThat(item.get("accountName").s()).isEqualTo("prod-payments");
        assertThat(item.get("region").s()).isEqualTo("us-east-1");
        assertThat(item.get("eventSource").s()).isEqualTo("signin.amazonaws.com");
        assertThat(item.get("eventName").s()).isEqualTo("ConsoleLogin");
        assertThat(item.get("category").s()).isEqualTo("ROOT_SIGN_IN");
        assertThat(item.get("severity").s()).isEqualTo("CRITICAL");
        assertThat(item.get("reasons").l()).isNotEmpty();
        assertThat(item.get("sourceIPAddress").s()).isEqualTo("192.0.2.146");
        assertThat(item.get("userAgent").s()).contains("Firefox");
        assertThat(item.get("mfaUsed").bool()).isFalse();
        assertThat(item.get("outcome").s()).isEqualTo("success");
        assertThat(item.get("sessionKey").s()).isNotBlank();
        assertThat(MAPPER.readTree(item.get("record").s())).isEqualTo(MAPPER.readTree(body).get("detail"));
        assertThat(item.get("alertState").s()).isEqualTo(AlertState.SENT.name());
        assertThat(item.get("alertMessageId").s()).isNotBlank();
        assertThat(item.get("alertedAt").s()).isNotBlank();
        assertThat(item.get("recordedAt").s()).isNotBlank();
        assertThat(item.get("partial").bool()).isFalse();
        assertThat(item.get("day").s()).isEqualTo("2026-11-04");
    }

    @Test
    void theItemExpiresAfterTheRetentionPeriod() throws Exception {
        String body = sample("signin-root-success-no-mfa.json");
        detector.process(body);

        long expiresAt = Long.parseLong(fixture.event(eventIdOf(body)).orElseThrow().get(AuditTableSchema.EXPIRES_AT).n());

        assertThat(Instant.ofEpochSecond(expiresAt)).isEqualTo(Instant.parse("2026-11-04T22:03:47Z").plus(Duration.ofDays(400)));
    }

    @Test
    void aRetentionOfZeroKeepsTheItemForever() throws Exception {
        EventProcessor keepForever = new EventProcessor(fixture.config(env -> env.put(DetectorConfig.RETENTION_DAYS, "0")),
                fixture.dynamo, fixture.sns, fixture.clock);
        String body = sample("signin-root-success-no-mfa.json");
        keepForever.process(body);

        assertThat(fixture.event(eventIdOf(body)).orElseThrow()).doesNotContainKey(AuditTableSchema.EXPIRES_AT);
    }

    @Test
    void aForwardedEventIsKeyedOnItsRecordAndKeepsTheEnvelopesAccountAndRegion() throws Exception {
        String body = sample("signin-root-success-forwarded.json");
        JsonNode envelope = MAPPER.readTree(body);
        detector.process(body);

        Map<String, AttributeValue> item = fixture.event(eventIdOf(body)).orElseThrow();
        assertThat(item.get("accountId").s()).isEqualTo(envelope.path("detail").path("recipientAccountId").asText());
        assertThat(item.get("region").s()).isEqualTo(envelope.path("detail").path("awsRegion").asText());
        assertThat(item.get("envelopeAccount").s()).isEqualTo(envelope.path("account").asText());
        assertThat(item.get("envelopeRegion").s()).isEqualTo(envelope.path("region").asText());
    }

    @Test
    void aRootEventWithoutIdOrTimeIsStillRecordedAndAlertedMarkedPartial() throws Exception {
        String body = sample("credential-root-create-access-key.json", "detail.eventID", null, "detail.eventTime", "sometime");

        ProcessedEvent processed = detector.process(body).getFirst();
        detector.process(body);

        assertThat(processed.outcome()).isEqualTo(Outcome.ALERTED);
        assertThat(processed.partial()).isTrue();
        assertThat(processed.eventId()).startsWith("sha256-");
        List<Map<String, AttributeValue>> events = fixture.allEvents();
        assertThat(events).singleElement().satisfies(item -> {
            assertThat(item.get("partial").bool()).isTrue();
            assertThat(item.get("missingFields").l()).extracting(AttributeValue::s).containsExactly("eventID", "eventTime");
        });
        assertThat(fixture.inbox.notifications()).singleElement()
                .satisfies(n -> assertThat(n.path("Subject").asText()).startsWith("[CRITICAL]"));
    }

    @Test
    void theSelfTestEventIsAHeartbeatAndNeverAnAlert() throws Exception {
        String selfTest = """
                {"version":"0","id":"hb-1","detail-type":"rootwatch self-test","source":"rootwatch.selftest",
                 "account":"111122223333","time":"2026-11-02T06:00:00Z","region":"us-east-1","resources":[],"detail":{}}
                """;

        List<ProcessedEvent> processed = detector.process(selfTest);

        assertThat(processed).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.HEARTBEAT);
        assertThat(fixture.item(Heartbeats.LATEST).orElseThrow().get("envelopeId").s()).isEqualTo("hb-1");
        assertThat(fixture.allEvents()).isEmpty();
        assertThat(fixture.inbox.notifications()).isEmpty();
    }

    @Test
    void aSelfTestFromAnotherAccountIsNotAHeartbeat() throws Exception {
        EventProcessor homeOnly = new EventProcessor(fixture.config(env -> env.put(DetectorConfig.HOME_ACCOUNT, "111122223333")),
                fixture.dynamo, fixture.sns, fixture.clock);
        String foreign = """
                {"version":"0","id":"hb-2","detail-type":"rootwatch self-test","source":"rootwatch.selftest",
                 "account":"444455556666","time":"2026-11-02T06:00:00Z","region":"us-east-1","resources":[],"detail":{}}
                """;

        assertThat(homeOnly.process(foreign)).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.FOREIGN_SELF_TEST);
        assertThat(fixture.item(Heartbeats.LATEST)).isEmpty();
    }

    @Test
    void aServiceEventForRootIsRecordedButNeverPaged() throws Exception {
        String body = sample("service-root-invoked-by-glue.json");

        assertThat(detector.process(body)).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.RECORDED_WITHOUT_ALERT);
        assertThat(fixture.event(eventIdOf(body)).orElseThrow().get("alertState").s()).isEqualTo(AlertState.NOT_ALERTED.name());
        assertThat(fixture.inbox.notifications()).isEmpty();
    }

    @Test
    void theLastRootSignInOfEachAccountIsKeptAndALateOlderOneDoesNotReplaceIt() throws Exception {
        String newer = sample("signin-root-success-mfa.json", "detail.recipientAccountId", "111122223333",
                "detail.eventTime", "2026-11-05T08:00:00Z");
        String older = sample("signin-root-success-no-mfa.json", "detail.recipientAccountId", "111122223333",
                "detail.eventTime", "2026-11-01T08:00:00Z");
        detector.process(newer);
        detector.process(older);

        Map<String, AttributeValue> last = fixture.item(new ItemKey("LASTSIGNIN", "111122223333")).orElseThrow();
        assertThat(last.get("eventId").s()).isEqualTo(eventIdOf(newer));
    }

    @Test
    void messagesThatAreNotEventsAreRefusedWithAClearError() {
        assertThatThrownBy(() -> detector.process("not json at all")).isInstanceOf(UnreadableMessage.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> detector.process("{\"hello\":\"world\"}")).isInstanceOf(UnreadableMessage.class)
                .hasMessageContaining("no CloudTrail event");
        assertThatThrownBy(() -> detector.process("{\"source\":\"aws.iam\",\"detail-type\":\"AWS API Call via CloudTrail\"}"))
                .isInstanceOf(UnreadableMessage.class);
        assertThatThrownBy(() -> detector.process("")).isInstanceOf(UnreadableMessage.class);
    }

    @Test
    void hugeAndHostileFieldsAreRecordedAndAlertedWithinServiceLimits() throws Exception {
        String huge = "<!channel> @here <https://evil.example|click> *bold*\nSubject: fake\n" + "x".repeat(1 << 20);
        String body = sample("api-root-run-instances.json", "detail.userAgent", huge, "detail.errorMessage", huge,
                "detail.requestParameters.instanceType", huge);

        detector.process(body);

        Map<String, AttributeValue> item = fixture.event(eventIdOf(body)).orElseThrow();
        assertThat(item.get("recordTruncatedFrom")).isNotNull();
        assertThat(item.get("userAgent").s().length()).isLessThan(4_096);
        JsonNode notification = fixture.inbox.notifications().getFirst();
        assertThat(notification.path("Subject").asText()).hasSizeLessThanOrEqualTo(100);
        assertThat(notification.path("Subject").asText()).doesNotContain("<!channel>").doesNotContain("\n");
        assertThat(notification.path("Message").asText().length()).isLessThan(64 * 1024);
        assertThat(AlertInbox.attribute(notification, "severity")).isEqualTo("HIGH");
    }
}
