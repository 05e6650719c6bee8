package io.rootwatch.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.testing.AlertInbox;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic event of rootwatch test-alert is recorded and alerted like root activity, clearly marked. */
class TestAlertTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DetectorFixture fixture;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
    }

    private static String testEvent(String eventId) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("version", "0").put("id", "e-" + eventId).put("detail-type", TestAlertEvent.DETAIL_TYPE)
                .put("source", EventProcessor.TEST_ALERT_SOURCE).put("account", "111122223333")
                .put("time", "2026-11-02T10:00:00Z").put("region", "us-east-1").putArray("resources");
        envelope.set("detail", TestAlertEvent.detail("111122223333", "us-east-1", eventId,
                Instant.parse("2026-11-02T10:00:00Z"), "rootwatch-cli/0.1.0 alice"));
        return envelope.toString();
    }

    @Test
    void aTestEventAlertsMarkedAsAPlannedTest() throws Exception {
        ProcessedEvent processed = fixture.detector().process(testEvent("9d1f4c1e-0000-4000-8000-000000000001")).getFirst();

        assertThat(processed.outcome()).isEqualTo(Outcome.ALERTED);
        var notification = fixture.inbox.notifications().getFirst();
        assertThat(notification.path("Subject").asText()).contains("RootwatchTestAlert").contains("planned");
        assertThat(AlertInbox.attribute(notification, "expected")).isEqualTo("true");
        assertThat(notification.path("Message").asText()).contains("rootwatch test-alert: a synthetic root event");
    }

    @Test
    void aRootEventFromAnotherSourceIsNotMarkedATest() throws Exception {
        fixture.detector().process(DetectorFixture.sample("signin-root-success-mfa.json"));

        assertThat(AlertInbox.attribute(fixture.inbox.notifications().getFirst(), "expected")).isEqualTo("false");
    }
}
