package io.rootwatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.RootActivityClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();

    private static String headline(String json) throws Exception {
        CloudTrailRecord record = CloudTrailRecord.of(MAPPER.readTree(json));
        return Headline.of(record, CLASSIFIER.classify(record));
    }

    @Test
    void saysWhatHappenedWhereAndFromWhere() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"Root"},"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin",
                 "responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"},
                 "recipientAccountId":"111122223333","sourceIPAddress":"203.0.113.7"}
                """)).isEqualTo("[CRITICAL] Root sign-in without MFA: 111122223333 from 203.0.113.7");
    }

    @Test
    void namesTheLongTermRootKey() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"Root","accessKeyId":"AKIAIOSFODNN7EXAMPLE"},"eventSource":"s3.amazonaws.com",
                 "eventName":"ListBuckets","readOnly":true,"recipientAccountId":"111122223333"}
                """)).isEqualTo("[CRITICAL] Root API call s3:ListBuckets with a long-term root access key: 111122223333");
    }

    @Test
    void aRefusedAssumeRootIsNotCalledAnOpenedSession() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"AssumedRole"},"eventSource":"sts.amazonaws.com","eventName":"AssumeRoot",
                 "errorCode":"AccessDenied","requestParameters":{"targetPrincipal":"444455556666"},
                 "recipientAccountId":"111122223333"}
                """)).startsWith("[MEDIUM] Refused centralized root session for 444455556666 (AccessDenied)");
    }

    @Test
    void doesNotRepeatACallerSuppliedTargetThatIsNotAnAccount() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"AssumedRole"},"eventSource":"sts.amazonaws.com","eventName":"AssumeRoot",
                 "requestParameters":{"targetPrincipal":"<!channel> 444455556666"},"recipientAccountId":"111122223333"}
                """)).doesNotContain("<!channel>").contains("opened for a member account");
    }

    @Test
    void doesNotRepeatACallerSuppliedTaskPolicyThatIsNotAPolicyName() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"AssumedRole"},"eventSource":"sts.amazonaws.com","eventName":"AssumeRoot",
                 "errorCode":"ValidationError","requestParameters":{"targetPrincipal":"444455556666",
                 "taskPolicyArn":{"arn":"arn:aws:iam::aws:policy/root-task/<@U123> click"}},"recipientAccountId":"111122223333"}
                """)).isEqualTo("[MEDIUM] Refused centralized root session for 444455556666 (ValidationError): 111122223333");
    }

    @Test
    void saysAFailedCallFailed() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"Root"},"eventSource":"iam.amazonaws.com","eventName":"CreateUser",
                 "errorCode":"AccessDenied","recipientAccountId":"444455556666"}
                """)).isEqualTo("[HIGH] Root API call iam:CreateUser failed (AccessDenied): 444455556666");
    }

    @Test
    void keepsALineBreakInTheSourceAddressFromStartingALine() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"Root"},"eventSource":"iam.amazonaws.com","eventName":"ListUsers","readOnly":true,
                 "recipientAccountId":"111122223333","sourceIPAddress":"203.0.113.7\\n[INFO] all clear"}
                """)).isEqualTo("[MEDIUM] Root API call iam:ListUsers: 111122223333 from 203.0.113.7 [INFO] all clear");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            signin-root-success-no-mfa.json                 | Root sign-in without MFA
            signin-root-success-mfa.json                    | Root sign-in
            signin-root-success-legacy-no-mfa-field.json    | Root sign-in with no MFA recorded
            signin-root-failure-wrong-password.json         | Failed root sign-in
            signin-root-checkmfa-failure.json               | Failed root sign-in step CheckMfa
            signin-root-checkmfa-success.json               | Root sign-in step CheckMfa
            credential-root-create-access-key.json          | Root access key created
            credential-root-update-access-key-active.json   | Root access key activated
            credential-root-update-access-key-inactive.json | Root access key deactivated
            credential-root-delete-access-key.json          | Root access key deleted
            credential-root-deactivate-mfa-device.json      | Root MFA device removed
            credential-root-delete-virtual-mfa-device.json  | Root virtual MFA device deleted
            credential-root-enable-mfa-device.json          | Root MFA device enabled
            credential-root-create-virtual-mfa-device.json  | Root virtual MFA device created
            credential-root-resync-mfa-device.json          | Root MFA device resynchronized
            credential-root-delete-signing-certificate.json | Root signing certificate deleted with a long-term root access key
            credential-root-upload-signing-certificate.json | Root signing certificate uploaded
            credential-root-update-signing-certificate.json | Root signing certificate deactivated
            credential-root-password-updated.json           | Root password changed
            credential-root-password-recovery-requested.json | Root password reset requested
            credential-root-password-recovery-completed.json | Root password reset completed
            credential-root-email-updated.json              | Root email address changed
            task-close-account.json                         | Root-only task: Close the AWS account
            task-s3-mfa-delete-disable.json                 | Root-only task: Enable or disable MFA delete on an S3 bucket with a long-term root access key
            api-root-create-user-invoked-by-signin.json     | Root API call iam:CreateUser
            api-root-access-denied.json                     | Root API call iam:CreateUser failed (AccessDenied)
            api-root-list-buckets-akia.json                 | Root API call s3:ListBuckets with a long-term root access key
            centralized-assume-root-s3-unlock.json          | Centralized root session opened for 444455556666 (S3UnlockBucketPolicy)
            centralized-member-delete-bucket-policy.json    | Centralized root session action s3:DeleteBucketPolicy
            service-root-invoked-by-glue.json               | AWS service acting for root: s3:GetBucketLocation
            not-root-iam-user-console-login.json            | Not root activity: signin:ConsoleLogin
            """)
    void saysWhatHappenedInWordsARespondersKnows(String sample, String whatHappened) {
        assertThat(Headline.whatHappened(SampleAlert.of(sample).build())).isEqualTo(whatHappened);
    }

    @Test
    void namesTheTaskPolicyOfAKnownCentralizedSession() {
        Alert alert = SampleAlert.of("centralized-member-delete-bucket-policy.json")
                .inSessionOpenedBy("centralized-assume-root-s3-unlock.json").build();

        assertThat(Headline.whatHappened(alert)).isEqualTo("Centralized root session action s3:DeleteBucketPolicy (S3UnlockBucketPolicy)");
    }

    @Test
    void aBurstSaysHowManyFailuresInHowLong() {
        Alert alert = SampleAlert.of("signin-root-failure-wrong-password.json")
                .failureBurst(new Alert.SignInFailureBurst("111122223333", 5, 15, "2026-11-02T03:01:09Z", "2026-11-02T03:12:41Z"))
                .build();

        assertThat(Headline.of(alert)).isEqualTo("[HIGH] 5 failed root sign-ins in 15 minutes: 111122223333 from 192.0.2.233");
    }

    @Test
    void aPlannedPartialAlertSaysBoth() {
        Alert alert = SampleAlert.of("credential-root-password-updated.json")
                .plannedWindow(new io.rootwatch.detect.BreakGlassWindow("bg-1", "111122223333",
                        java.time.Instant.parse("2026-11-01T00:00:00Z"), java.time.Instant.parse("2026-11-30T00:00:00Z"),
                        "rotate the root password", "alice"))
                .missingFields("eventTime").build();

        assertThat(Headline.whatHappened(alert)).isEqualTo("Root password changed (planned) (partial record)");
    }

    @Test
    void namesTheAccountByNameThenId() {
        Alert alert = SampleAlert.of("signin-root-success-no-mfa.json").accountName("prod-payments").build();

        assertThat(Headline.of(alert)).isEqualTo("[CRITICAL] Root sign-in without MFA: prod-payments (123456789012) from 192.0.2.146");
    }
}
