package io.rootwatch.lambda;

import io.rootwatch.audit.AlertState;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.rootwatch.testing.DetectorFixture.eventIdOf;
import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge and SQS deliver at least once: every root event is recorded once and alerted once. */
class ExactlyOnceTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String SIGN_IN = sample("signin-root-success-no-mfa.json");

    private DetectorFixture fixture;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
    }

    @Test
    void aRootEventIsRecordedAndAlertedOnce() throws Exception {
        List<ProcessedEvent> processed = fixture.detector().process(SIGN_IN);

        assertThat(processed).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.ALERTED);
        assertThat(fixture.allEvents()).hasSize(1);
        assertThat(fixture.event(eventIdOf(SIGN_IN)).orElseThrow().get("alertState").s()).isEqualTo(AlertState.SENT.name());
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }

    @Test
    void aDuplicateDeliveryAfterTheAlertWasSentPublishesNothing() throws Exception {
        EventProcessor detector = fixture.detector();
        detector.process(SIGN_IN);

        List<ProcessedEvent> again = detector.process(SIGN_IN);

        assertThat(again).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.DUPLICATE);
        assertThat(fixture.allEvents()).hasSize(1);
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }

    @Test
    void aDuplicateWithADifferentEnvelopeIdIsStillTheSameEvent() throws Exception {
        EventProcessor detector = fixture.detector();
        detector.process(SIGN_IN);

        detector.process(sample("signin-root-success-no-mfa.json", "id", "another-delivery-id"));

        assertThat(fixture.allEvents()).hasSize(1);
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }

    @Test
    void fiftyConcurrentDeliveriesOfOneEventMakeOneItemAndOneSnsMessage() throws Exception {
        EventProcessor detector = fixture.detector();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<List<ProcessedEvent>>> deliveries = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                deliveries.add(() -> detector.process(SIGN_IN));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<List<ProcessedEvent>> delivery : pool.invokeAll(deliveries)) {
                outcomes.add(delivery.get().getFirst().outcome());
            }

            assertThat(outcomes).containsOnlyOnce(Outcome.ALERTED).containsOnly(Outcome.ALERTED, Outcome.DUPLICATE);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixture.allEvents()).hasSize(1);
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }

    @Test
    void aCrashAfterTheRecordAndBeforeThePublishLeadsToOneAlertOnRetry() throws Exception {
        EventProcessor crashing = fixture.detector(fixture.dynamo, crashingSns());
        assertThatThrownBy(() -> crashing.process(SIGN_IN)).isInstanceOf(SimulatedCrash.class);
        assertThat(fixture.event(eventIdOf(SIGN_IN)).orElseThrow().get("alertState").s()).isEqualTo(AlertState.SENDING.name());
        assertThat(fixture.inbox.notifications()).isEmpty();

        EventProcessor restarted = fixture.detector();
        fixture.advance(Duration.ofMinutes(5));
        List<ProcessedEvent> retried = restarted.process(SIGN_IN);
        List<ProcessedEvent> duplicate = restarted.process(SIGN_IN);

        assertThat(retried).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.ALERT_RESUMED);
        assertThat(duplicate).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.DUPLICATE);
        assertThat(fixture.inbox.notifications()).hasSize(1);
        assertThat(fixture.event(eventIdOf(SIGN_IN)).orElseThrow().get("alertState").s()).isEqualTo(AlertState.SENT.name());
    }

    @Test
    void aRedeliveryWhileTheCrashedDeliveryStillHoldsTheAlertWaitsForItsLease() throws Exception {
        EventProcessor crashing = fixture.detector(fixture.dynamo, crashingSns());
        assertThatThrownBy(() -> crashing.process(SIGN_IN)).isInstanceOf(SimulatedCrash.class);

        List<ProcessedEvent> early = fixture.detector().process(SIGN_IN);

        assertThat(early).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.DUPLICATE);
        assertThat(fixture.inbox.notifications()).isEmpty();
    }

    /** What a dying process looks like from the table: the publish never returns, nothing is given back. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between the audit record and the SNS publish");
        }
    }

    private SnsClient crashingSns() {
        return SnsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        throw new SimulatedCrash();
                    }
                }))
                .build();
    }
}
