package io.rootwatch.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.detect.EventUnwrapper;
import io.rootwatch.detect.InputEvent;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.UUID;

import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor for events found in a CloudTrail archive, without alerts: it records them as the
 * detector does, publishes nothing, and leaves the live detector's root sessions alone.
 */
class ArchiveBackfillTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private DetectorFixture fixture;
    private EventProcessor backfill;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
        backfill = EventProcessor.forArchive(fixture.config(), fixture.dynamo, fixture.sns, fixture.clock, EventProcessor.Paging.RECORD_ONLY);
    }

    private static String consoleRead(Instant time) {
        return sample("api-root-list-users.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.eventTime", time.toString(), "detail.userIdentity.accessKeyId", "ASIATESTSESSION00001",
                "detail.sourceIPAddress", "203.0.113.24");
    }

    private static InputEvent event(String envelope) throws Exception {
        JsonNode json = EventSamples.MAPPER.readTree(envelope);
        return EventUnwrapper.unwrap(json).events().getFirst();
    }

    @Test
    void aBackfilledRootEventIsRecordedAsBackfilledAndNotPublished() throws Exception {
        String envelope = consoleRead(DetectorFixture.START);

        ProcessedEvent processed = backfill.process(event(envelope));

        assertThat(processed.outcome()).isEqualTo(Outcome.RECORDED_FROM_ARCHIVE);
        assertThat(fixture.event(DetectorFixture.eventIdOf(envelope)).orElseThrow().get("alertState").s()).isEqualTo("BACKFILLED");
        assertThat(fixture.inbox.notifications()).isEmpty();
    }

    @Test
    void aBackfilledEventDoesNotOpenASessionThatWouldSilenceTheNextLiveOne() throws Exception {
        backfill.process(event(consoleRead(DetectorFixture.START)));

        var live = fixture.detector().process(consoleRead(DetectorFixture.START.plusSeconds(60)));

        assertThat(live).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.ALERTED);
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }

    @Test
    void anEventRecordedLiveIsADuplicateForTheBackfill() throws Exception {
        String envelope = consoleRead(DetectorFixture.START);
        fixture.detector().process(envelope);

        ProcessedEvent processed = backfill.process(event(envelope));

        assertThat(processed.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(fixture.allEvents()).hasSize(1);
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }
}
