package io.rootwatch.lambda;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.accounts.AccountNames;
import io.rootwatch.accounts.ConfiguredAccountNames;
import io.rootwatch.alert.Alert;
import io.rootwatch.alert.AlertRenderer;
import io.rootwatch.alert.RenderedAlert;
import io.rootwatch.alert.SnsNotifier;
import io.rootwatch.audit.AccountSignIns;
import io.rootwatch.audit.AlertState;
import io.rootwatch.audit.BreakGlassWindows;
import io.rootwatch.audit.CentralizedRootSessions;
import io.rootwatch.audit.EventEntry;
import io.rootwatch.audit.EventLedger;
import io.rootwatch.audit.Heartbeats;
import io.rootwatch.audit.ItemKey;
import io.rootwatch.audit.RootSessions;
import io.rootwatch.audit.SignInFailures;
import io.rootwatch.audit.StoredAlert;
import io.rootwatch.detect.AssumedRootSession;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.detect.Category;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Envelope;
import io.rootwatch.detect.EventUnwrapper;
import io.rootwatch.detect.InputEvent;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.detect.Severity;
import io.rootwatch.detect.Verdict;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Takes one queue message (an EventBridge event) through classification, the audit record and
 * the alert, so that however often it is delivered, and whatever fails on the way, the event is
 * recorded once and alerted once.
 *
 * <p>The order matters: nothing is published before the event is recorded; an event to be
 * alerted is recorded already claimed by this delivery, published, then marked sent; a failed
 * publish gives the claim back and fails the message, so the queue retries it.
 */
public final class EventProcessor {
    public static final String SELF_TEST_SOURCE = "rootwatch.selftest";
    /** The synthetic root event of {@code rootwatch test-alert}: alerted like root activity, marked planned. */
    public static final String TEST_ALERT_SOURCE = "rootwatch.test";
    static final String TEST_ALERT_REASON = "rootwatch test-alert: a synthetic root event sent to check the alert path; no action needed";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DetectorConfig config;
    private final AccountNames accountNames;
    private final Clock clock;
    private final RootActivityClassifier classifier;
    private final AlertRenderer renderer;
    private final Optional<SnsNotifier> notifier;
    private final EventLedger ledger;
    private final RootSessions sessions;
    private final CentralizedRootSessions centralized;
    private final PlannedWindows plannedWindows;
    private final SignInFailures failures;
    private final AccountSignIns signIns;
    private final Heartbeats heartbeats;
    private final Paging paging;

    /**
     * Whether root activity that pages is published. The live detector always alerts; a backfill
     * from a CloudTrail archive records what it finds without paging anyone about the past.
     */
    public enum Paging {
        /** Alerts, root sessions and sign-in failure bursts exactly as the live detector. */
        ALERT,
        /**
         * Records each event once, as {@link AlertState#BACKFILLED}, and never publishes; root
         * sessions are left alone, so that events found after the fact cannot open a session that
         * would silence a live alert.
         */
        RECORD_ONLY
    }

    /** A detector that names accounts from the configured names only. */
    public EventProcessor(DetectorConfig config, DynamoDbClient dynamo, SnsClient sns, Clock clock) {
        this(config, new ConfiguredAccountNames(config.accountNames()), dynamo, sns, clock);
    }

    public EventProcessor(DetectorConfig config, AccountNames accountNames, DynamoDbClient dynamo, SnsClient sns, Clock clock) {
        this(config, accountNames, dynamo, sns, clock, Paging.ALERT);
    }

    /**
     * A processor for events found in a CloudTrail archive rather than delivered live: the same
     * audit items, keyed by eventID, so an event the live detector recorded is never recorded twice.
     */
    public static EventProcessor forArchive(DetectorConfig config, DynamoDbClient dynamo, SnsClient sns, Clock clock, Paging paging) {
        return new EventProcessor(config, new ConfiguredAccountNames(config.accountNames()), dynamo, sns, clock, paging);
    }

    private EventProcessor(DetectorConfig config, AccountNames accountNames, DynamoDbClient dynamo, SnsClient sns, Clock clock,
                           Paging paging) {
        this.paging = paging;
        this.config = config;
        this.accountNames = accountNames;
        this.clock = clock;
        this.classifier = RootActivityClassifier.withBundledCatalog();
        this.renderer = new AlertRenderer();
        if (paging == Paging.ALERT && config.topicArn().isEmpty()) {
            throw new IllegalArgumentException("alerting needs an alert topic: " + DetectorConfig.TOPIC + " is not set");
        }
        this.notifier = config.topicArn().map(topic -> new SnsNotifier(sns, topic));
        String table = config.tableName();
        this.ledger = new EventLedger(dynamo, table, config.retention());
        this.sessions = new RootSessions(dynamo, table, config.sessionWindow());
        this.centralized = new CentralizedRootSessions(dynamo, table);
        this.plannedWindows = new PlannedWindows(new BreakGlassWindows(dynamo, table, config.retention()));
        this.failures = new SignInFailures(dynamo, table);
        this.signIns = new AccountSignIns(dynamo, table);
        this.heartbeats = new Heartbeats(dynamo, table);
    }

    /**
     * Handles one message body. Throws {@link UnreadableMessage} when it holds no event at all,
     * and lets AWS errors through: either way the message is retried, then dead-lettered.
     */
    public List<ProcessedEvent> process(String body) throws UnreadableMessage {
        JsonNode document;
        try {
            document = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new UnreadableMessage("not JSON: " + e.getOriginalMessage());
        }
        if (document == null || document.isMissingNode()) {
            throw new UnreadableMessage("empty message");
        }
        if (SELF_TEST_SOURCE.equals(document.path("source").asText())) {
            String id = document.path("id").asText("unknown");
            // EventBridge sets "account" to the sender: only the home account's scheduler may prove the path works.
            boolean fromHome = config.homeAccount().map(home -> home.equals(document.path("account").asText())).orElse(true);
            if (fromHome) {
                heartbeats.record(id, document.path("time").asText("unknown"), clock.instant());
            }
            return List.of(new ProcessedEvent(id, Optional.empty(), Optional.empty(),
                    fromHome ? Outcome.HEARTBEAT : Outcome.FOREIGN_SELF_TEST, false, false));
        }
        EventUnwrapper.Unwrapped unwrapped = EventUnwrapper.unwrap(document);
        if (unwrapped.events().isEmpty()) {
            throw new UnreadableMessage("no CloudTrail event in the message: " + String.join("; ", unwrapped.problems()));
        }
        List<ProcessedEvent> processed = new ArrayList<>();
        for (InputEvent event : unwrapped.events()) {
            processed.add(process(event));
        }
        return processed;
    }

    /** Handles one CloudTrail record already read, such as one found in a CloudTrail archive. */
    public ProcessedEvent process(InputEvent event) {
        Instant now = clock.instant();
        CloudTrailRecord record = event.record();
        Optional<Envelope> envelope = event.envelope();
        List<String> missing = PartialRecords.missingFields(record);
        String eventId = record.eventId().orElseGet(() -> derivedId(record));
        Instant eventTime = eventTime(record, envelope).orElse(now);
        String accountId = record.accountId().or(() -> envelope.flatMap(Envelope::account)).orElse("unknown");
        String region = record.awsRegion().or(() -> envelope.flatMap(Envelope::region)).orElse("unknown");
        Verdict verdict = classifier.classify(record, centralized);

        AssumedRootSession.openedBy(record).ifPresent(session -> joinEarlierEvents(session, now));
        record.accessKeyId().filter(key -> key.startsWith("ASIA"))
                .filter(key -> record.identityType().filter(CloudTrailRecord.ROOT_IDENTITY_TYPE::equals).isPresent())
                .filter(key -> verdict.rootSession().isEmpty())
                .ifPresent(key -> centralized.noteUse(key, eventId, now));

        boolean pages = verdict.isRootActivity() && verdict.category() != Category.ROOT_SERVICE_EVENT;
        boolean backfilled = pages && paging == Paging.RECORD_ONLY;
        boolean live = pages && !backfilled;
        Optional<String> accountName = pages ? accountNames.nameOf(accountId) : Optional.empty();
        Optional<BreakGlassWindow> window = !pages ? Optional.empty()
                : isTestAlert(envelope) ? Optional.of(new BreakGlassWindow("test-alert", accountId, eventTime, eventTime,
                TEST_ALERT_REASON, record.userAgent().orElse("rootwatch test-alert")))
                : plannedWindows.covering(accountId, eventTime, now);
        RootSessions.Session session = live
                ? sessions.resolve(accountId, record.accessKeyId().filter(k -> k.startsWith("ASIA")), record.sourceIpAddress(),
                record.userAgent(), eventTime, eventId)
                : new RootSessions.Session(eventId, true);
        boolean alert = live && (session.opened() || verdict.severity().isAtLeast(Severity.HIGH));
        List<String> unalerted = alert && !session.opened()
                ? sessions.unalerted(session.key()).stream().filter(id -> !id.equals(eventId)).toList()
                : List.of();
        if (live && !alert) {
            sessions.countUnalerted(session.key(), eventId, now);
        }
        Optional<RenderedAlert> rendered = alert
                ? Optional.of(renderer.render(new Alert(eventId, record, verdict, envelope, accountName, window, session.key(),
                unalerted.size(), Optional.empty(), missing)))
                : Optional.empty();
        AlertState state = !pages ? AlertState.NOT_ALERTED : backfilled ? AlertState.BACKFILLED
                : alert ? AlertState.SENDING : AlertState.SUPPRESSED;
        EventEntry entry = new EventEntry(eventId, eventTime, accountId, region, record, verdict, envelope, accountName,
                window, session.key(), missing, state, rendered);

        if (!ledger.recordIfAbsent(entry, now, now.plus(config.alertLease()))) {
            boolean resumed = paging == Paging.ALERT && ledger.alertOf(eventId).map(stored -> resume(stored, now)).orElse(false);
            boolean burst = paging == Paging.ALERT && verdict.category() == Category.ROOT_SIGN_IN_FAILURE
                    && checkFailureBurst(record, verdict, envelope, accountId, eventTime, now);
            return new ProcessedEvent(eventId, Optional.of(verdict.category()), Optional.of(verdict.severity()),
                    resumed ? Outcome.ALERT_RESUMED : Outcome.DUPLICATE, !missing.isEmpty(), burst);
        }
        if (verdict.category() == Category.ROOT_SIGN_IN) {
            signIns.record(accountId, eventTime, eventId, record.sourceIpAddress(), verdict.mfaUsed());
        }
        Outcome outcome = !pages ? Outcome.RECORDED_WITHOUT_ALERT : backfilled ? Outcome.RECORDED_FROM_ARCHIVE
                : alert ? Outcome.ALERTED : Outcome.RECORDED_IN_SESSION;
        if (alert) {
            deliver(ItemKey.event(eventId), rendered.orElseThrow());
            sessions.reported(session.key(), unalerted);
        }
        boolean burst = paging == Paging.ALERT && verdict.category() == Category.ROOT_SIGN_IN_FAILURE && checkFailureBurst(record, verdict, envelope, accountId, eventTime, now);
        return new ProcessedEvent(eventId, Optional.of(verdict.category()), Optional.of(verdict.severity()), outcome,
                !missing.isEmpty(), burst);
    }

    /**
     * Runs the JSON, classification, rendering and DynamoDB code paths once without recording
     * anything, so that a SnapStart snapshot holds them loaded and warm. Failures here only mean
     * a colder start: they never stop the snapshot.
     */
    public void prime() {
        warmUpDetection();
        try {
            ledger.alertOf("rootwatch-priming-never-recorded");
        } catch (RuntimeException primingFailed) {
            System.out.println(Telemetry.warning("priming the DynamoDB client failed: the first invocation will be slower",
                    primingFailed.toString()));
        }
    }

    /** Loads and runs the JSON, classification and rendering code once, on a bundled sample, without I/O. */
    static void warmUpDetection() {
        try (var in = EventProcessor.class.getResourceAsStream("priming-event.json")) {
            if (in == null) {
                return;
            }
            InputEvent event = EventUnwrapper.unwrap(MAPPER.readTree(in)).events().getFirst();
            Verdict verdict = RootActivityClassifier.withBundledCatalog().classify(event.record());
            new AlertRenderer().render(new Alert("priming", event.record(), verdict, event.envelope(), Optional.empty(),
                    Optional.empty(), "priming", 0, Optional.empty(), List.of()));
        } catch (Exception primingFailed) {
            System.out.println(Telemetry.warning("warming up the detection code failed: the first event will be slower",
                    primingFailed.toString()));
        }
    }

    private static boolean isTestAlert(Optional<Envelope> envelope) {
        return envelope.flatMap(Envelope::source).filter(TEST_ALERT_SOURCE::equals).isPresent();
    }

    /** Publishes a recorded alert that no live delivery holds: left pending by a failure, or by a delivery that died. */
    private boolean resume(StoredAlert stored, Instant now) {
        if (!stored.awaitsDelivery(now) || !ledger.claim(stored.key(), now, now.plus(config.alertLease()))) {
            return false;
        }
        deliver(stored.key(), stored.message().orElseThrow());
        return true;
    }

    private void deliver(ItemKey key, RenderedAlert alert) {
        String messageId;
        try {
            messageId = notifier.orElseThrow(() -> new IllegalStateException("no alert topic: recording without alerts")).publish(alert);
        } catch (RuntimeException publishFailed) {
            try {
                ledger.release(key);
            } catch (RuntimeException releaseFailed) {
                publishFailed.addSuppressed(releaseFailed);
            }
            throw publishFailed;
        }
        ledger.markSent(key, messageId, clock.instant());
    }

    /** Raises one HIGH alert when the account's failed root sign-ins reach the threshold within the window. */
    private boolean checkFailureBurst(CloudTrailRecord record, Verdict verdict, Optional<Envelope> envelope, String accountId,
                                      Instant eventTime, Instant now) {
        ItemKey burstKey = SignInFailures.burstKey(accountId);
        Optional<StoredAlert> unfinished = ledger.alertAt(burstKey).filter(stored -> stored.awaitsDelivery(now));
        if (unfinished.isPresent()) {
            return resume(unfinished.get(), now);
        }
        List<Instant> times = failures.times(accountId, eventTime.minus(config.signInFailureWindow()), eventTime);
        if (times.size() < config.signInFailureThreshold()) {
            return false;
        }
        Alert.SignInFailureBurst burst = new Alert.SignInFailureBurst(accountId, times.size(),
                (int) config.signInFailureWindow().toMinutes(), times.getFirst().toString(), times.getLast().toString());
        String burstId = "signin-failures-" + accountId + "-" + eventTime.toEpochMilli();
        RenderedAlert alert = renderer.render(new Alert(burstId, record, verdict, envelope,
                accountNames.nameOf(accountId), Optional.empty(), burstId, 0,
                Optional.of(burst), List.of()));
        if (!failures.claimBurst(accountId, eventTime, config.signInFailureWindow(), alert, now.plus(config.alertLease()))) {
            return false;
        }
        deliver(burstKey, alert);
        return true;
    }

    /** An AssumeRoot arriving after member-account events of its session: those events are marked now. */
    private void joinEarlierEvents(AssumedRootSession session, Instant now) {
        centralized.remember(session, now);
        for (String eventId : centralized.eventsUsing(session.accessKeyId())) {
            ledger.markInRootSession(eventId, session.callerArn(), session.taskPolicy(), session.assumeRootEventId());
        }
    }

    private static Optional<Instant> eventTime(CloudTrailRecord record, Optional<Envelope> envelope) {
        return record.eventTime().flatMap(EventProcessor::instant).or(() -> envelope.flatMap(Envelope::time).flatMap(EventProcessor::instant));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A record without an eventID still needs a key that is the same on every delivery: its content's hash. */
    private static String derivedId(CloudTrailRecord record) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(record.json().toString().getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
