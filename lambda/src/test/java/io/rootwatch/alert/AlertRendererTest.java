package io.rootwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.RootActivityClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every rendered alert holds to, whatever the event. */
class AlertRendererTest {
    private static final AlertRenderer RENDERER = new AlertRenderer();
    private static final String NO_MFA = "signin-root-success-no-mfa.json";

    static List<String> samples() {
        return SampleAlert.sampleFiles();
    }

    /** SNS refuses a Publish whose subject breaks these: the alert would be lost. */
    static void assertKeepsToSnsSubjectRules(String subject) {
        assertThat(subject).hasSizeBetween(1, 100).doesNotContain("\n", "\r");
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
        assertThat(subject.charAt(0)).matches(c -> Character.isLetterOrDigit(c) || (c > 0x20 && c < 0x7F));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleRendersAStringForEachProtocolAndJsonWhereJsonIsDue(String sample) {
        SnsMessage message = SnsMessage.of(RENDERER.render(SampleAlert.of(sample).build()));

        assertThat(message.sqs().get("schema").textValue()).isEqualTo("rootwatch.alert/1");
        assertThat(message.https().get("version").textValue()).isEqualTo("1.0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleSubjectKeepsToSnsSubjectRules(String sample) {
        assertKeepsToSnsSubjectRules(RENDERER.render(SampleAlert.of(sample).accountName("a-rather-long-account-name-for-payments-eu").build()).subject());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleHasSixNonEmptyAttributes(String sample) {
        assertThat(RENDERER.render(SampleAlert.of(sample).build()).attributes())
                .containsOnlyKeys("severity", "category", "accountId", "region", "task", "expected")
                .allSatisfy((name, value) -> assertThat(value).isNotBlank());
    }

    @Test
    void queuesFunctionsAndEmailJsonGetTheSameDocument() {
        SnsMessage message = SnsMessage.of(RENDERER.render(SampleAlert.of(NO_MFA).build()));

        assertThat(message.lambda()).isEqualTo(message.sqs());
        assertThat(message.emailJson()).isEqualTo(message.sqs());
    }

    @Test
    void theSubjectNamesTheAccountByNameAndIdAndTheSourceAddress() {
        assertThat(RENDERER.render(SampleAlert.of(NO_MFA).accountName("prod-payments").build()).subject())
                .isEqualTo("[CRITICAL] Root sign-in without MFA: prod-payments (123456789012) from 192.0.2.146");
    }

    @Test
    void aSubjectTooLongDropsTheAccountNameBeforeTheSourceAddress() {
        String subject = RENDERER.render(SampleAlert.of(NO_MFA).accountName("payments-".repeat(8)).build()).subject();

        assertThat(subject).isEqualTo("[CRITICAL] Root sign-in without MFA: 123456789012 from 192.0.2.146");
    }

    @Test
    void aSubjectStillTooLongDropsTheSourceAddressBeforeItIsCut() {
        String subject = RENDERER.render(SampleAlert.of("centralized-member-delete-bucket-policy.json")
                .inSessionOpenedBy("centralized-assume-root-s3-unlock.json").build()).subject();

        assertThat(subject).isEqualTo("[MEDIUM] Centralized root session action s3:DeleteBucketPolicy (S3UnlockBucketPolicy): 444455556666");
    }

    @Test
    void aNonAsciiAccountNameIsTransliteratedInTheSubject() {
        String subject = RENDERER.render(SampleAlert.of(NO_MFA).accountName("Gro\u00DFkunden \u00C9quipe").build()).subject();

        assertThat(subject).contains(": Gro?kunden Equipe (123456789012) from");
    }

    @Test
    void attributesLetSubscriptionsFilterOnSeverityCategoryAccountRegionTaskAndExpected() {
        assertThat(RENDERER.render(SampleAlert.of("task-close-account.json").build()).attributes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("severity", "HIGH", "category", "ROOT_ONLY_TASK", "accountId", "210987654321",
                        "region", "us-east-1", "task", "close-account", "expected", "false"));
    }

    @Test
    void attributesSayNoneForNoTask() {
        assertThat(RENDERER.render(SampleAlert.of(NO_MFA).build()).attributes()).containsEntry("task", "none");
    }

    @Test
    void attributesTakeTheRecordsAccountAndRegionOverTheEnvelopes() {
        assertThat(RENDERER.render(SampleAlert.of("api-root-describe-instances-forwarded.json").build()).attributes())
                .containsEntry("accountId", "444455556666").containsEntry("region", "ap-northeast-1");
    }

    @Test
    void attributesFallBackToTheEnvelopeWhenTheRecordLacksAccountAndRegion() {
        Alert alert = SampleAlert.of(NO_MFA).record(record -> {
            record.remove(List.of("recipientAccountId", "awsRegion"));
            record.with("userIdentity").remove("accountId");
        }).build();

        assertThat(RENDERER.render(alert).attributes()).containsEntry("accountId", "123456789012").containsEntry("region", "us-east-1");
    }

    @Test
    void attributesSayUnknownWhenNeitherRecordNorEnvelopeTells() {
        Alert alert = alertWithoutEnvelope(SampleAlert.MAPPER.createObjectNode().put("eventName", "ConsoleLogin"));

        assertThat(RENDERER.render(alert).attributes()).containsEntry("accountId", "unknown").containsEntry("region", "unknown");
    }

    @Test
    void theExpectedAttributeAndSubjectMarkAPlannedEvent() {
        RenderedAlert rendered = RENDERER.render(SampleAlert.of("task-close-account.json").plannedWindow(window()).build());

        assertThat(rendered.attributes()).containsEntry("expected", "true");
        assertThat(rendered.subject()).contains("Close the AWS account (planned)");
    }

    @Test
    void aRecordWithNoFieldsStillRendersEveryFieldOfTheDocumentAsNull() {
        JsonNode document = SnsMessage.of(RENDERER.render(alertWithoutEnvelope(SampleAlert.MAPPER.createObjectNode()))).sqs();

        assertThat(document.properties()).extracting(Map.Entry::getKey).containsExactly("schema", "eventId", "headline",
                "category", "task", "severity", "expected", "plannedWindow", "account", "region", "time", "identity",
                "sourceIPAddress", "userAgent", "mfaUsed", "outcome", "cloudTrailLink", "session", "centralizedRootSession",
                "failureBurst", "partial", "missingFields", "reasons", "envelope");
        assertThat(document.get("region").isNull()).isTrue();
        assertThat(document.at("/account/id").isNull()).isTrue();
        assertThat(document.at("/identity/arn").isNull()).isTrue();
        assertThat(document.get("mfaUsed").isNull()).isTrue();
        assertThat(document.get("cloudTrailLink").isNull()).isTrue();
    }

    @Test
    void theCloudTrailLinkOpensTheEventInItsOwnRegion() {
        JsonNode document = SnsMessage.of(RENDERER.render(SampleAlert.of("api-root-describe-instances-forwarded.json").build())).sqs();

        assertThat(document.get("cloudTrailLink").textValue()).isEqualTo("https://ap-northeast-1.console.aws.amazon.com/cloudtrailv2/home"
                + "?region=ap-northeast-1#/events/a8eb31ec-95b8-43b1-9ce9-edc32e659afe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "3b155f94-1d84-46e0-b065-eddf43a525ca/../../evil", "3b155f94-1d84-46e0-b065-eddf43a525c"})
    void noLinkIsMadeFromAnEventIdThatIsNotCloudTrails(String eventId) {
        RenderedAlert rendered = RENDERER.render(SampleAlert.of(NO_MFA).record(record -> record.put("eventID", eventId)).build());

        assertThat(SnsMessage.of(rendered).sqs().get("cloudTrailLink").isNull()).isTrue();
        assertThat(SnsMessage.of(rendered).email()).contains("CloudTrail link unavailable").doesNotContain("cloudtrailv2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn-north-1", "us-gov-west-1", "us-east-1.evil.example/", "mars-east-1"})
    void noLinkIsMadeForARegionOutsideTheCommercialPartition(String region) {
        RenderedAlert rendered = RENDERER.render(SampleAlert.of(NO_MFA).record(record -> record.put("awsRegion", region)).build());

        assertThat(SnsMessage.of(rendered).sqs().get("cloudTrailLink").isNull()).isTrue();
    }

    @Test
    void aBurstLinksItsLatestFailedSignIn() {
        RenderedAlert rendered = RENDERER.render(SampleAlert.of("signin-root-failure-wrong-password.json")
                .eventId("signin-failures-111122223333-1793589161000").failureBurst(burst()).build());

        assertThat(SnsMessage.of(rendered).sqs().get("cloudTrailLink").textValue()).endsWith("#/events/4cf2211e-5b56-47d0-85ba-4858650518d6");
    }

    @Test
    void theChatThreadIsTheRootSession() {
        RenderedAlert rendered = RENDERER.render(SampleAlert.of(NO_MFA).session("session-of-the-sign-in", 0).build());

        assertThat(SnsMessage.of(rendered).https().at("/metadata/threadId").textValue()).isEqualTo("session-of-the-sign-in");
    }

    @Test
    void eventsRecordedSinceTheLastAlertAreCounted() {
        SnsMessage message = SnsMessage.of(RENDERER.render(SampleAlert.of(NO_MFA).session("s", 4).build()));

        assertThat(message.email()).contains("4 more events of this root session were recorded since the last alert.");
        assertThat(message.https().at("/content/description").textValue())
                .contains("4 more events of this root session were recorded since the last alert.");
    }

    @Test
    void oneEventRecordedSinceTheLastAlertIsSaidInTheSingular() {
        assertThat(SnsMessage.of(RENDERER.render(SampleAlert.of(NO_MFA).session("s", 1).build())).email())
                .contains("1 more event of this root session was recorded since the last alert.");
    }

    @Test
    void noSessionLineWhenNothingWasRecordedSinceTheLastAlert() {
        assertThat(SnsMessage.of(RENDERER.render(SampleAlert.of(NO_MFA).build())).email()).doesNotContain("more event");
    }

    @Test
    void aValueTheRecordLackedIsMarkedAsTheEnvelopes() {
        Alert alert = SampleAlert.of(NO_MFA).record(record -> record.remove("eventTime")).missingFields("eventTime").build();

        assertThat(SnsMessage.of(RENDERER.render(alert)).email())
                .contains("Time:         2026-11-04T22:03:47Z (from the EventBridge envelope; the record has none)");
    }

    private static Alert alertWithoutEnvelope(ObjectNode json) {
        CloudTrailRecord record = CloudTrailRecord.of(json);
        return new Alert("no-event-id", record, RootActivityClassifier.withBundledCatalog().classify(record), Optional.empty(),
                Optional.empty(), Optional.empty(), "no-event-id", 0, Optional.empty(), List.of());
    }

    private static BreakGlassWindow window() {
        return new BreakGlassWindow("bg-1", "210987654321", Instant.parse("2026-11-08T18:00:00Z"), Instant.parse("2026-11-08T20:00:00Z"),
                "Close the retired analytics account", "alice");
    }

    private static Alert.SignInFailureBurst burst() {
        return new Alert.SignInFailureBurst("111122223333", 5, 15, "2026-11-02T03:01:09Z", "2026-11-02T03:12:41Z");
    }
}
