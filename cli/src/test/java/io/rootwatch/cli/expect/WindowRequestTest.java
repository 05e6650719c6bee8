package io.rootwatch.cli.expect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a break-glass window request may be: its length, start and reason (the refusals are in ExpectCommandTest). */
class WindowRequestTest {
    private static final Instant NOW = Instant.parse("2026-11-29T11:10:00.750Z");
    private static final String REASON = "rotate the root MFA device, CHG-1234";

    private static WindowRequest request(Optional<String> from, String length, boolean allowLong) {
        return WindowRequest.of("111122223333", from, length, REASON, allowLong, NOW);
    }

    @ParameterizedTest(name = "--for {0} lasts {1} minutes")
    @CsvSource({"1m,1", "90m,90", "2h,120", "1d,1440", "24h,1440", "1440m,1440"})
    void aLengthIsMinutesHoursOrDaysUpToADay(String length, long minutes) {
        assertThat(request(Optional.empty(), length, false).length()).isEqualTo(Duration.ofMinutes(minutes));
    }

    @Test
    void aDayAndAMinuteIsTooLongWithoutAllowLong() {
        assertThatThrownBy(() -> request(Optional.empty(), "1441m", false)).isInstanceOf(WindowRequest.InvalidRequest.class)
                .hasMessageContaining("--allow-long");
    }

    @Test
    void thirtyDaysIsTheMostEvenWithAllowLong() {
        assertThat(request(Optional.empty(), "30d", true).length()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> request(Optional.empty(), "43201m", true)).isInstanceOf(WindowRequest.InvalidRequest.class);
    }

    @Test
    void withoutFromTheWindowStartsNowToTheSecond() {
        WindowRequest request = request(Optional.empty(), "2h", false);

        assertThat(request.from()).isEqualTo(Instant.parse("2026-11-29T11:10:00Z"));
        assertThat(request.until()).isEqualTo(Instant.parse("2026-11-29T13:10:00Z"));
    }

    @Test
    void aStartWithAnOffsetIsKeptInUtc() {
        assertThat(request(Optional.of("2026-12-01T10:00:00+01:00"), "1h", false).from()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void aStartSecondsInThePastIsTakenAsNowForClockSkew() {
        assertThat(request(Optional.of("2026-11-29T11:09:30Z"), "1h", false).from()).isEqualTo(Instant.parse("2026-11-29T11:10:00Z"));
    }

    @Test
    void theReasonIsKeptWithoutSurroundingBlanks() {
        assertThat(WindowRequest.of("111122223333", Optional.empty(), "2h", "  " + REASON + "  ", false, NOW).reason()).isEqualTo(REASON);
    }

    @Test
    void aReasonOfExactlyTheLimitIsAccepted() {
        String longest = "x".repeat(WindowRequest.REASON_MAX_LENGTH);

        assertThat(WindowRequest.of("111122223333", Optional.empty(), "2h", longest, false, NOW).reason()).isEqualTo(longest);
    }

    @Test
    void theWindowCarriesTheAccountTimesReasonAndAuthor() {
        var window = request(Optional.empty(), "2h", false).window("bgw-1", "arn:aws:sts::111122223333:assumed-role/Admin/alice");

        assertThat(window.id()).isEqualTo("bgw-1");
        assertThat(window.accountId()).isEqualTo("111122223333");
        assertThat(window.from()).isEqualTo(Instant.parse("2026-11-29T11:10:00Z"));
        assertThat(window.until()).isEqualTo(Instant.parse("2026-11-29T13:10:00Z"));
        assertThat(window.reason()).isEqualTo(REASON);
        assertThat(window.createdBy()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice");
    }
}
