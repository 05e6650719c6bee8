package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.cli.aws.MotoAws;
import io.rootwatch.lambda.EventProcessor;
import io.rootwatch.lambda.Outcome;
import io.rootwatch.lambda.ProcessedEvent;
import io.rootwatch.testing.AlertInbox;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Break-glass windows changing alert marking, end to end: windows opened and cancelled with
 * rootwatch expect, root events through the real detector (moto_server's table and topic), the
 * alerts a subscriber receives.
 */
@DummyCredentials
class ExpectAlertMarkingTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ACCOUNT = "111122223333";
    private static final String REASON = "rotate the root MFA device, CHG-1234";
    private static final Pattern WINDOW_ID = Pattern.compile("break-glass window (bgw-[a-z0-9]+)");

    private DetectorFixture fixture;
    private EventProcessor detector;

    @BeforeEach
    void detectorRunningNow() throws Exception {
        fixture = new DetectorFixture(MOTO);
        fixture.advance(Duration.between(DetectorFixture.START, Instant.now()));
        detector = fixture.detector();
    }

    private Rootwatch.Run expect(String... args) {
        List<String> all = new ArrayList<>(List.of("expect", "--table", DetectorFixture.TABLE));
        all.addAll(List.of(MotoAws.arguments(MOTO)));
        all.addAll(List.of(args));
        Rootwatch.Run run = Rootwatch.run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static String windowId(Rootwatch.Run run) {
        Matcher id = WINDOW_ID.matcher(run.out());
        assertThat(id.find()).as(run.out()).isTrue();
        return id.group(1);
    }

    /** A root console sign-in to the account at this time, delivered when it happened. */
    private JsonNode rootSignInAt(Instant time) throws Exception {
        fixture.advance(Duration.between(fixture.clock.instant(), time));
        String envelope = DetectorFixture.sample("signin-root-success-mfa.json", "detail.eventID", UUID.randomUUID().toString(),
                "detail.recipientAccountId", ACCOUNT, "detail.eventTime", time.truncatedTo(ChronoUnit.SECONDS).toString());
        List<ProcessedEvent> processed = detector.process(envelope);
        assertThat(processed).singleElement().extracting(ProcessedEvent::outcome).isEqualTo(Outcome.ALERTED);
        List<JsonNode> notifications = fixture.inbox.notifications();
        return notifications.getLast();
    }

    private static JsonNode alert(JsonNode notification) throws Exception {
        return MAPPER.readTree(notification.path("Message").asText());
    }

    @Test
    void aRootEventInsideAWindowIsAlertedAsPlannedWithTheReasonAndWho() throws Exception {
        String id = windowId(expect("--account", ACCOUNT, "--for", "2h", "--reason", REASON));

        JsonNode notification = rootSignInAt(Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(AlertInbox.attribute(notification, "expected")).isEqualTo("true");
        assertThat(notification.path("Subject").asText()).contains("(planned)");
        JsonNode planned = alert(notification).path("plannedWindow");
        assertThat(planned.path("id").asText()).isEqualTo(id);
        assertThat(planned.path("reason").asText()).isEqualTo(REASON);
        assertThat(planned.path("createdBy").asText()).isEqualTo("arn:aws:sts::123456789012:user/moto");
    }

    @Test
    void aRootEventAfterTheWindowEndsIsAlertedAsUnplanned() throws Exception {
        expect("--account", ACCOUNT, "--for", "2h", "--reason", REASON);

        JsonNode notification = rootSignInAt(Instant.now().plus(Duration.ofHours(3)));

        assertThat(AlertInbox.attribute(notification, "expected")).isEqualTo("false");
        assertThat(notification.path("Subject").asText()).doesNotContain("planned");
        assertThat(alert(notification).path("plannedWindow").isNull()).isTrue();
    }

    @Test
    void aWindowScheduledAheadMarksOnlyWhatHappensInsideIt() throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        expect("--account", ACCOUNT, "--from", tomorrow.toString(), "--for", "1h", "--reason", REASON);

        JsonNode before = rootSignInAt(tomorrow.minus(Duration.ofMinutes(10)));
        JsonNode inside = rootSignInAt(tomorrow.plus(Duration.ofMinutes(10)));

        assertThat(AlertInbox.attribute(before, "expected")).isEqualTo("false");
        assertThat(AlertInbox.attribute(inside, "expected")).isEqualTo("true");
    }

    @Test
    void aWindowOfAnotherAccountDoesNotMarkTheEvent() throws Exception {
        expect("--account", "444455556666", "--for", "2h", "--reason", REASON);

        JsonNode notification = rootSignInAt(Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(AlertInbox.attribute(notification, "expected")).isEqualTo("false");
    }

    @Test
    void afterCancelRootEventsAreAlertedAsUnplannedOnceTheDetectorRereadsItsWindows() throws Exception {
        String id = windowId(expect("--account", ACCOUNT, "--for", "2h", "--reason", REASON));
        JsonNode whileOpen = rootSignInAt(Instant.now());

        expect("--cancel", id);
        JsonNode afterCancel = rootSignInAt(Instant.now().plus(Duration.ofSeconds(31)));

        assertThat(AlertInbox.attribute(whileOpen, "expected")).isEqualTo("true");
        assertThat(AlertInbox.attribute(afterCancel, "expected")).isEqualTo("false");
    }
}
