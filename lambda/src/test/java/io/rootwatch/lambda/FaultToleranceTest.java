package io.rootwatch.lambda;

import io.rootwatch.audit.AlertState;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.FaultyEndpoint;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static io.rootwatch.testing.DetectorFixture.eventIdOf;
import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outages of SNS and DynamoDB lose nothing, and yield each alert once after recovery. */
class FaultToleranceTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String KEY_CREATED = sample("credential-root-create-access-key.json");

    private DetectorFixture fixture;
    private FaultyEndpoint snsEndpoint;
    private FaultyEndpoint dynamoEndpoint;
    private EventProcessor detector;

    @BeforeEach
    void detectorBehindFaultyEndpoints() throws Exception {
        fixture = new DetectorFixture(MOTO);
        snsEndpoint = new FaultyEndpoint(MOTO.endpoint());
        dynamoEndpoint = new FaultyEndpoint(MOTO.endpoint());
        detector = fixture.detector(MotoServer.dynamo(dynamoEndpoint.endpoint()), MotoServer.sns(snsEndpoint.endpoint()));
    }

    @AfterEach
    void closeEndpoints() {
        snsEndpoint.close();
        dynamoEndpoint.close();
    }

    @Test
    void whileSnsIsDownTheEventIsRecordedPendingAndTheMessageFails() {
        snsEndpoint.mode(FaultyEndpoint.Mode.UNAVAILABLE);

        assertThatThrownBy(() -> detector.process(KEY_CREATED)).isInstanceOf(RuntimeException.class);

        assertThat(fixture.event(eventIdOf(KEY_CREATED)).orElseThrow().get("alertState").s())
                .isEqualTo(AlertState.PENDING.name());
        assertThat(fixture.inbox.notifications()).isEmpty();
    }

    @Test
    void onceSnsIsBackTheRedeliverySendsExactlyOneAlert() throws Exception {
        snsEndpoint.mode(FaultyEndpoint.Mode.UNAVAILABLE);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> detector.process(KEY_CREATED)).isInstanceOf(RuntimeException.class);
            fixture.advance(Duration.ofMinutes(5));
        }

        snsEndpoint.mode(FaultyEndpoint.Mode.PASS);
        List<ProcessedEvent> recovered = detector.process(KEY_CREATED);
        detector.process(KEY_CREATED);

        assertThat(recovered).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.ALERT_RESUMED);
        assertThat(fixture.inbox.notifications()).hasSize(1);
        assertThat(fixture.allEvents()).hasSize(1);
    }

    @Test
    void whileDynamoDbIsDownNoAlertIsSentWithoutARecord() {
        dynamoEndpoint.mode(FaultyEndpoint.Mode.UNAVAILABLE);

        assertThatThrownBy(() -> detector.process(KEY_CREATED)).isInstanceOf(RuntimeException.class);

        assertThat(fixture.inbox.notifications()).isEmpty();
        assertThat(fixture.allEvents()).isEmpty();
    }

    @Test
    void whileDynamoDbThrottlesNoAlertIsSentWithoutARecord() {
        dynamoEndpoint.mode(FaultyEndpoint.Mode.THROTTLING);

        assertThatThrownBy(() -> detector.process(KEY_CREATED)).isInstanceOf(RuntimeException.class);

        assertThat(fixture.inbox.notifications()).isEmpty();
        assertThat(fixture.allEvents()).isEmpty();
        assertThat(dynamoEndpoint.refused()).isGreaterThan(1);
    }

    @Test
    void onceDynamoDbIsBackTheRedeliveryRecordsAndAlertsOnce() throws Exception {
        dynamoEndpoint.mode(FaultyEndpoint.Mode.UNAVAILABLE);
        assertThatThrownBy(() -> detector.process(KEY_CREATED)).isInstanceOf(RuntimeException.class);

        dynamoEndpoint.mode(FaultyEndpoint.Mode.PASS);
        List<ProcessedEvent> recovered = detector.process(KEY_CREATED);

        assertThat(recovered).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.ALERTED);
        assertThat(fixture.allEvents()).hasSize(1);
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }
}
