package io.rootwatch.lambda;

import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** SnapStart priming warms every code path and leaves no trace: no item, no alert. */
class PrimingTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private DetectorFixture fixture;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
    }

    @Test
    void primingRecordsNothingAndPublishesNothing() {
        fixture.detector().prime();

        assertThat(fixture.dynamo.scan(b -> b.tableName(DetectorFixture.TABLE)).items()).isEmpty();
        assertThat(fixture.inbox.notifications()).isEmpty();
    }

    @Test
    void primingWithTheTableUnreachableDoesNotStopTheSnapshot() {
        EventProcessor unreachable = fixture.detector(MotoServer.dynamo(java.net.URI.create("http://127.0.0.1:9")), fixture.sns);

        assertThatCode(unreachable::prime).doesNotThrowAnyException();
    }

    @Test
    void theCheckpointHookPrimes() {
        RootwatchHandler handler = new RootwatchHandler(fixture.detector());

        assertThatCode(() -> handler.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(fixture.inbox.notifications()).isEmpty();
    }
}
