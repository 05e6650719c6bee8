package io.rootwatch.audit;

import io.rootwatch.detect.Category;
import io.rootwatch.lambda.EventProcessor;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.rootwatch.testing.DetectorFixture.eventIdOf;
import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Readers see every event item exactly as the detector wrote it. */
class AuditRecordReadingTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private DetectorFixture fixture;
    private EventProcessor detector;

    @BeforeEach
    void freshTable() throws Exception {
        fixture = new DetectorFixture(MOTO);
        detector = fixture.detector();
    }

    private AuditRecord recorded(String body) throws Exception {
        detector.process(body);
        return AuditRecord.fromItem(fixture.event(eventIdOf(body)).orElseThrow());
    }

    static List<EventSamples.Sample> samples() {
        return EventSamples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleReadsBackWithTheVerdictTheDetectorGaveIt(EventSamples.Sample sample) throws Exception {
        AuditRecord record = recorded(sample(sample.file()));

        assertThat(record.eventId()).isEqualTo(sample.eventId());
        assertThat(record.category()).isEqualTo(sample.category());
        assertThat(record.severity()).isEqualTo(sample.severity());
        assertThat(record.task()).isEqualTo(sample.task());
        assertThat(record.timeKey()).isEqualTo(SortableTime.of(record.eventTime()) + "#" + record.eventId());
    }

    @Test
    void aSignInWithoutMfaIsReadAsSuch() throws Exception {
        AuditRecord record = recorded(sample("signin-root-success-no-mfa.json", "detail.recipientAccountId", "111122223333"));

        assertThat(record.isSignInWithoutMfa()).isTrue();
        assertThat(record.mfaUsed()).contains(false);
        assertThat(record.eventTime()).isEqualTo(Instant.parse("2026-11-04T22:03:47Z"));
        assertThat(record.accountName()).contains("prod-payments");
        assertThat(record.sourceIpAddress()).contains("192.0.2.146");
    }

    @Test
    void aSignInWithMfaIsNotASignInWithoutMfa() throws Exception {
        assertThat(recorded(sample("signin-root-success-mfa.json")).isSignInWithoutMfa()).isFalse();
    }

    @Test
    void aLegacySignInThatDoesNotSayCountsAsWithoutMfa() throws Exception {
        AuditRecord record = recorded(sample("signin-root-success-legacy-no-mfa-field.json"));

        assertThat(record.mfaUsed()).isEmpty();
        assertThat(record.isSignInWithoutMfa()).isTrue();
    }

    @Test
    void aCallSignedWithALongTermRootKeyNamesTheKey() throws Exception {
        AuditRecord record = recorded(sample("api-root-list-buckets-akia.json"));

        assertThat(record.rootAccessKey()).hasValueSatisfying(key -> assertThat(key).startsWith("AKIA"));
    }

    @Test
    void consoleSessionKeysAreNotRootAccessKeyUse() throws Exception {
        assertThat(recorded(sample("api-root-list-buckets-console.json")).rootAccessKey()).isEmpty();
    }

    @Test
    void anIamUsersLongTermKeyIsNotRootAccessKeyUse() throws Exception {
        AuditRecord record = recorded(sample("not-root-iam-user-get-caller-identity.json",
                "detail.userIdentity.accessKeyId", "AKIAEXAMPLEUSERKEY01"));

        assertThat(record.category()).isEqualTo(Category.NOT_ROOT);
        assertThat(record.rootAccessKey()).isEmpty();
    }

    @Test
    void anItemWithoutItsTimeKeyIsReportedByItsKey() {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", AttributeValue.fromS("EVENT#broken"),
                "eventId", AttributeValue.fromS("broken")));

        assertThatThrownBy(() -> AuditRecord.fromItem(item))
                .isInstanceOf(AuditRecord.UnreadableItem.class).hasMessage("EVENT#broken: no timeKey");
    }

    @Test
    void anUnknownSeverityIsReportedRatherThanGuessed() throws Exception {
        String body = sample("signin-root-success-mfa.json");
        detector.process(body);
        Map<String, AttributeValue> item = new HashMap<>(fixture.event(eventIdOf(body)).orElseThrow());
        item.put("severity", AttributeValue.fromS("APOCALYPTIC"));

        assertThatThrownBy(() -> AuditRecord.fromItem(item))
                .isInstanceOf(AuditRecord.UnreadableItem.class).hasMessageContaining("unknown severity 'APOCALYPTIC'");
    }

    @Test
    void theLastSignInOfEveryAccountIsListedByAccount() throws Exception {
        detector.process(sample("signin-root-success-no-mfa.json", "detail.recipientAccountId", "222233334444"));
        detector.process(sample("signin-root-success-mfa.json", "detail.recipientAccountId", "111122223333",
                "detail.eventID", "first", "detail.eventTime", "2026-11-01T08:00:00Z"));
        detector.process(sample("signin-root-success-mfa.json", "detail.recipientAccountId", "111122223333",
                "detail.eventID", "latest", "detail.eventTime", "2026-11-03T08:00:00Z"));

        List<AccountSignIns.LastSignIn> all = new AccountSignIns(fixture.dynamo, DetectorFixture.TABLE).all();

        assertThat(all).extracting(AccountSignIns.LastSignIn::accountId).containsExactly("111122223333", "222233334444");
        assertThat(all.getFirst().eventId()).isEqualTo("latest");
        assertThat(all.getFirst().eventTime()).isEqualTo(Instant.parse("2026-11-03T08:00:00Z"));
        assertThat(all.getFirst().mfaUsed()).isEqualTo("yes");
        assertThat(all.get(1).mfaUsed()).isEqualTo("no");
        assertThat(all.get(1).sourceIpAddress()).isEqualTo(Optional.of("192.0.2.146"));
    }
}
