package io.rootwatch.cli.doctor;

import io.rootwatch.audit.Heartbeats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The heartbeat's age limit, on its boundary. */
class HeartbeatCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String SCOPE = "111122223333/us-east-1";

    private static Finding arrived(Duration ago) {
        return HeartbeatCheck.evaluate(Optional.of(new Heartbeats.Latest(NOW.minus(ago), "", 1)), NOW, SCOPE);
    }

    @Test
    void exactly26HoursOldStillPasses() {
        assertThat(arrived(Duration.ofHours(26)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aSecondOver26HoursFails() {
        assertThat(arrived(Duration.ofHours(26).plusSeconds(1)).detail())
                .isEqualTo("last self-test arrived 2026-11-28T09:59:59Z (26 h ago), over 26 h:"
                        + " the path schedule -> bus -> rule -> queue -> detector is broken");
    }

    @Test
    void noHeartbeatEverFails() {
        assertThat(HeartbeatCheck.evaluate(Optional.empty(), NOW, SCOPE).status()).isEqualTo(Status.FAIL);
    }
}
