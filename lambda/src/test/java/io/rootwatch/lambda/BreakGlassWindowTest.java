package io.rootwatch.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.audit.BreakGlassWindows;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.testing.AlertInbox;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.rootwatch.testing.DetectorFixture.eventIdOf;
import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** Planned root use marks events expected, in the record and the alert; it never hides them. */
class BreakGlassWindowTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    /** A root sign-in to 111122223333 at 2026-11-02T09:14:03Z (the sample's time). */
    private static final String SIGN_IN = sample("signin-root-success-mfa.json", "detail.eventTime", "2026-11-02T09:14:03Z",
            "detail.recipientAccountId", "111122223333");

    private DetectorFixture fixture;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
    }

    private BreakGlassWindows windows() {
        return new BreakGlassWindows(fixture.dynamo, DetectorFixture.TABLE, Duration.ofDays(400));
    }

    private void planWindow(String account, String from, String until) {
        windows().open(new BreakGlassWindow(
                "w-1", account, Instant.parse(from), Instant.parse(until), "rotate the root MFA device, CHG-1234", "alice@example.com"),
                Instant.parse(from).minus(Duration.ofHours(1)));
    }

    @Test
    void anEventInsideAWindowIsRecordedAndAlertedAsExpectedWithTheReason() throws Exception {
        planWindow("111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z");

        fixture.detector().process(SIGN_IN);

        assertThat(fixture.event(eventIdOf(SIGN_IN)).orElseThrow().get("expected").bool()).isTrue();
        JsonNode notification = fixture.inbox.notifications().getFirst();
        assertThat(AlertInbox.attribute(notification, "expected")).isEqualTo("true");
        assertThat(notification.path("Message").asText()).contains("CHG-1234");
    }

    @Test
    void anEventOutsideTheWindowIsNotExpected() throws Exception {
        planWindow("111122223333", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z");

        fixture.detector().process(SIGN_IN);

        assertThat(fixture.event(eventIdOf(SIGN_IN)).orElseThrow().get("expected").bool()).isFalse();
        assertThat(AlertInbox.attribute(fixture.inbox.notifications().getFirst(), "expected")).isEqualTo("false");
    }

    @Test
    void aWindowOpenedWhileTheDetectorRunsIsSeenWithinThirtySeconds() throws Exception {
        EventProcessor detector = fixture.detector();
        detector.process(DetectorFixture.sample("signin-root-success-mfa.json", "detail.eventID", "11111111-0000-4000-8000-000000000001",
                "detail.recipientAccountId", "111122223333", "detail.eventTime", "2026-11-02T10:00:00Z"));
        planWindow("111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z");

        String soon = "11111111-0000-4000-8000-000000000002";
        detector.process(DetectorFixture.sample("signin-root-success-mfa.json", "detail.eventID", soon,
                "detail.recipientAccountId", "111122223333", "detail.eventTime", "2026-11-02T10:00:10Z"));
        fixture.advance(Duration.ofSeconds(31));
        String later = "11111111-0000-4000-8000-000000000003";
        detector.process(DetectorFixture.sample("signin-root-success-mfa.json", "detail.eventID", later,
                "detail.recipientAccountId", "111122223333", "detail.eventTime", "2026-11-02T10:00:40Z"));

        assertThat(fixture.event(soon).orElseThrow().get("expected").bool()).isFalse();
        assertThat(fixture.event(later).orElseThrow().get("expected").bool()).isTrue();
    }

    @Test
    void anEventDeliveredDaysLateIsMatchedAgainstTheWindowsOfItsOwnTime() throws Exception {
        planWindow("111122223333", "2026-10-28T09:00:00Z", "2026-10-28T11:00:00Z");
        String late = DetectorFixture.sample("signin-root-success-mfa.json", "detail.eventID", "11111111-0000-4000-8000-000000000004",
                "detail.recipientAccountId", "111122223333", "detail.eventTime", "2026-10-28T10:00:00Z");

        fixture.detector().process(late);

        assertThat(fixture.event("11111111-0000-4000-8000-000000000004").orElseThrow().get("expected").bool()).isTrue();
    }

    @Test
    void aWindowOfAnotherAccountDoesNotCover() throws Exception {
        planWindow("444455556666", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z");

        fixture.detector().process(SIGN_IN);

        assertThat(fixture.event(eventIdOf(SIGN_IN)).orElseThrow().get("expected").bool()).isFalse();
    }

    @Test
    void anEventAfterTheWindowWasCancelledIsNotExpected() throws Exception {
        planWindow("111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z");
        windows().cancel("w-1", Optional.empty(), Instant.parse("2026-11-02T09:10:00Z"), "bob@example.com");

        fixture.detector().process(SIGN_IN);

        assertThat(fixture.event(eventIdOf(SIGN_IN)).orElseThrow().get("expected").bool()).isFalse();
        assertThat(AlertInbox.attribute(fixture.inbox.notifications().getFirst(), "expected")).isEqualTo("false");
    }

    @Test
    void anEventBeforeTheWindowWasCancelledStaysExpected() throws Exception {
        planWindow("111122223333", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z");
        windows().cancel("w-1", Optional.empty(), Instant.parse("2026-11-02T09:30:00Z"), "bob@example.com");

        fixture.detector().process(SIGN_IN);

        assertThat(fixture.event(eventIdOf(SIGN_IN)).orElseThrow().get("expected").bool()).isTrue();
    }
}
