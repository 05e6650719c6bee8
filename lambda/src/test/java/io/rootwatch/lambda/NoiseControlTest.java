package io.rootwatch.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A root session alerts on its first event and on every CRITICAL or HIGH one; the rest are
 * recorded and counted, and the next alert says how many. Repeated failed sign-ins raise one alert.
 */
class NoiseControlTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private DetectorFixture fixture;
    private EventProcessor detector;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
        detector = fixture.detector();
    }

    /** A root console read, made at a given time by the session of key ASIATESTSESSION0001. */
    private static String consoleRead(Instant time) {
        return sample("api-root-list-users.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", time.toString(), "detail.userIdentity.accessKeyId", "ASIATESTSESSION00001",
                "detail.sourceIPAddress", "203.0.113.24");
    }

    private static String consoleWrite(Instant time) {
        return sample("api-root-run-instances.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", time.toString(), "detail.userIdentity.accessKeyId", "ASIATESTSESSION00001",
                "detail.sourceIPAddress", "203.0.113.24");
    }

    @Test
    void theFirstEventOfASessionAlertsAndItsLowerSeverityFollowersAreOnlyRecorded() throws Exception {
        Instant t = Instant.parse("2026-11-02T10:00:00Z");
        List<Outcome> outcomes = List.of(
                detector.process(consoleRead(t)).getFirst().outcome(),
                detector.process(consoleRead(t.plusSeconds(60))).getFirst().outcome(),
                detector.process(consoleRead(t.plusSeconds(120))).getFirst().outcome());

        assertThat(outcomes).containsExactly(Outcome.ALERTED, Outcome.RECORDED_IN_SESSION, Outcome.RECORDED_IN_SESSION);
        assertThat(fixture.allEvents()).hasSize(3);
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }

    @Test
    void aHighEventOfTheSessionAlertsAndReportsHowManyWereRecordedSince() throws Exception {
        Instant t = Instant.parse("2026-11-02T10:00:00Z");
        detector.process(consoleRead(t));
        detector.process(consoleRead(t.plusSeconds(60)));
        detector.process(consoleRead(t.plusSeconds(120)));

        List<ProcessedEvent> write = detector.process(consoleWrite(t.plusSeconds(180)));

        assertThat(write).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.ALERTED);
        List<JsonNode> alerts = fixture.inbox.alerts();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.getLast().path("session").path("recordedSinceLastAlert").asInt()).isEqualTo(2);
        assertThat(alerts.getLast().path("session").path("key").asText())
                .isEqualTo(alerts.getFirst().path("session").path("key").asText());
    }

    @Test
    void theCountStartsAgainAfterAnAlertReportedIt() throws Exception {
        Instant t = Instant.parse("2026-11-02T10:00:00Z");
        detector.process(consoleRead(t));
        detector.process(consoleRead(t.plusSeconds(60)));
        detector.process(consoleWrite(t.plusSeconds(120)));

        detector.process(consoleWrite(t.plusSeconds(180)));

        assertThat(fixture.inbox.alerts().getLast().path("session").path("recordedSinceLastAlert").asInt()).isZero();
    }

    @Test
    void eventsFromTheSameSourceAndUserAgentWithinTheWindowAreOneSession() throws Exception {
        Instant t = Instant.parse("2026-11-02T10:00:00Z");
        String first = sample("api-root-list-buckets-console.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", t.toString(), "detail.userIdentity.accessKeyId", "ASIAFIRSTKEY00000001");
        String second = sample("api-root-list-buckets-console.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", t.plus(Duration.ofMinutes(20)).toString(), "detail.userIdentity.accessKeyId", "ASIASECONDKEY0000002");

        detector.process(first);
        List<ProcessedEvent> followUp = detector.process(second);

        assertThat(followUp).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.RECORDED_IN_SESSION);
    }

    @Test
    void aGapLongerThanTheWindowOpensANewSession() throws Exception {
        Instant t = Instant.parse("2026-11-02T10:00:00Z");
        String read = sample("api-root-get-caller-identity.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", t.toString(), "detail.userIdentity.accessKeyId", null);
        String sameSourceInWindow = sample("api-root-get-caller-identity.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", t.plus(Duration.ofMinutes(25)).toString(), "detail.userIdentity.accessKeyId", null);
        String sameSourceAfterGap = sample("api-root-get-caller-identity.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", t.plus(Duration.ofMinutes(60)).toString(), "detail.userIdentity.accessKeyId", null);

        List<Outcome> outcomes = List.of(detector.process(read).getFirst().outcome(),
                detector.process(sameSourceInWindow).getFirst().outcome(),
                detector.process(sameSourceAfterGap).getFirst().outcome());

        assertThat(outcomes).containsExactly(Outcome.ALERTED, Outcome.RECORDED_IN_SESSION, Outcome.ALERTED);
    }

    /** A failed root sign-in to 111122223333 from a new address each time, {@code minutes} after the start. */
    private static String failedSignIn(int minutes) {
        return sample("signin-root-failure-wrong-password.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", Instant.parse("2026-11-02T10:00:00Z").plus(Duration.ofMinutes(minutes)).toString(),
                "detail.sourceIPAddress", "198.51.100." + (10 + minutes), "detail.recipientAccountId", "111122223333");
    }

    @Test
    void fiveFailedSignInsWithinFifteenMinutesRaiseOneHighAlertSayingSo() throws Exception {
        boolean burst = false;
        for (int minute = 0; minute < 5; minute++) {
            burst |= detector.process(failedSignIn(minute * 3)).getFirst().burstAlerted();
        }

        assertThat(burst).isTrue();
        List<JsonNode> notifications = fixture.inbox.notifications();
        List<JsonNode> bursts = notifications.stream().filter(n -> !n.path("Message").asText().contains("\"failureBurst\":null")).toList();
        assertThat(bursts).singleElement().satisfies(n -> {
            assertThat(n.path("Subject").asText()).startsWith("[HIGH]").contains("5 failed root sign-ins");
            assertThat(n.path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("HIGH");
        });
    }

    @Test
    void moreFailuresWithinTheWindowDoNotRaiseASecondBurstAlert() throws Exception {
        int bursts = 0;
        for (int minute = 0; minute < 8; minute++) {
            bursts += detector.process(failedSignIn(minute)).getFirst().burstAlerted() ? 1 : 0;
        }

        assertThat(bursts).isEqualTo(1);
    }

    @Test
    void fourFailuresRaiseNoBurstAlert() throws Exception {
        for (int minute = 0; minute < 4; minute++) {
            assertThat(detector.process(failedSignIn(minute * 4)).getFirst().burstAlerted()).isFalse();
        }
    }

    @Test
    void failuresSpreadWiderThanTheWindowRaiseNoBurstAlert() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(detector.process(failedSignIn(i * 10)).getFirst().burstAlerted()).isFalse();
        }
    }

    @Test
    void aBurstAlertLostToACrashBeforeItsPublishIsSentOnceWhenTheEventIsRedelivered() throws Exception {
        for (int minute = 0; minute < 4; minute++) {
            detector.process(failedSignIn(minute));
        }
        String fifth = failedSignIn(4);
        EventProcessor crashing = fixture.detector(fixture.dynamo, snsDyingOnBurstAlerts());
        assertThatThrownBy(() -> crashing.process(fifth)).isInstanceOf(SimulatedCrash.class);
        assertThat(burstAlerts()).isEmpty();

        boolean resentWithinLease = detector.process(fifth).getFirst().burstAlerted();
        fixture.advance(Duration.ofMinutes(5));
        boolean resentAfterLease = detector.process(fifth).getFirst().burstAlerted();
        boolean resentAgain = detector.process(fifth).getFirst().burstAlerted();

        assertThat(resentWithinLease).as("the crashed delivery still holds the burst alert's lease").isFalse();
        assertThat(resentAfterLease).isTrue();
        assertThat(resentAgain).isFalse();
        assertThat(burstAlerts()).singleElement()
                .satisfies(n -> assertThat(n.path("Subject").asText()).contains("5 failed root sign-ins"));
    }

    private List<JsonNode> burstAlerts() throws Exception {
        return fixture.inbox.notifications().stream()
                .filter(n -> !n.path("Message").asText().contains("\"failureBurst\":null")).toList();
    }

    /** What a process dying in the burst alert's publish looks like from the table: claimed, never sent. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between claiming the burst alert and publishing it");
        }
    }

    private static SnsClient snsDyingOnBurstAlerts() {
        return SnsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        if (context.request() instanceof PublishRequest publish && publish.subject().contains("failed root sign-ins")) {
                            throw new SimulatedCrash();
                        }
                    }
                }))
                .build();
    }
}
