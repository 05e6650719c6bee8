package io.rootwatch.detect;

import io.rootwatch.testing.EventSamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per severity rule, in the policy's order. */
class SeverityPolicyTest {
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();

    private static Severity severityOf(JsonNode record) {
        return CLASSIFIER.classify(record).severity();
    }

    private static JsonNode rootSignIn(String mfaUsed) {
        ObjectNode record = Events.rootCall("signin.amazonaws.com", "ConsoleLogin", "eventType", "AwsConsoleSignIn",
                "responseElements.ConsoleLogin", "Success", "userIdentity.accessKeyId", "");
        if (mfaUsed != null) {
            Events.put(record, "additionalEventData.MFAUsed", mfaUsed);
        }
        return record;
    }

    @Test
    void serviceEventsForRootAreInfo() {
        assertThat(severityOf(Events.rootCall("kms.amazonaws.com", "RotateKey", "eventType", "AwsServiceEvent")))
                .isEqualTo(Severity.INFO);
    }

    @Test
    void notRootIsInfo() {
        assertThat(severityOf(Events.record("userIdentity.type", "IAMUser", "eventName", "CreateAccessKey")))
                .isEqualTo(Severity.INFO);
    }

    @Test
    void assumeRootCallIsMedium() {
        assertThat(severityOf(Events.record("userIdentity.type", "AssumedRole", "eventSource", "sts.amazonaws.com",
                "eventName", "AssumeRoot"))).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void actionInsideACentralizedRootSessionIsMediumEvenWhenItRemovesRootMfa() {
        assertThat(severityOf(Events.rootCall("iam.amazonaws.com", "DeactivateMFADevice",
                "userIdentity.sessionContext.assumedRoot", "true"))).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void rootSignInWithoutMfaIsCritical() {
        assertThat(severityOf(rootSignIn("No"))).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void rootSignInWithMfaUseNotRecordedIsCritical() {
        assertThat(severityOf(rootSignIn(null))).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void rootSignInWithMfaIsHighWhateverTheCaseOfMfaUsed() {
        assertThat(severityOf(rootSignIn("Yes"))).isEqualTo(Severity.HIGH);
        assertThat(severityOf(rootSignIn("YES"))).isEqualTo(Severity.HIGH);
        assertThat(severityOf(rootSignIn("yes"))).isEqualTo(Severity.HIGH);
    }

    @Test
    void rootAccessKeyCreatedIsCritical() {
        assertThat(severityOf(Events.rootCall("iam.amazonaws.com", "CreateAccessKey", "requestParameters", null)))
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void rootAccessKeyActivatedIsCritical() {
        assertThat(severityOf(Events.rootCall("iam.amazonaws.com", "UpdateAccessKey",
                "requestParameters.accessKeyId", "AKIAEXAMPLEEXAMPLE01", "requestParameters.status", "Active")))
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void rootAccessKeyDeactivatedIsHigh() {
        assertThat(severityOf(Events.rootCall("iam.amazonaws.com", "UpdateAccessKey",
                "requestParameters.accessKeyId", "AKIAEXAMPLEEXAMPLE01", "requestParameters.status", "Inactive")))
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void rootMfaDeactivatedIsCritical() {
        assertThat(severityOf(Events.rootCall("iam.amazonaws.com", "DeactivateMFADevice",
                "requestParameters.serialNumber", "arn:aws:iam::111122223333:mfa/root-account-mfa-device")))
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void rootVirtualMfaDeletedIsCritical() {
        assertThat(severityOf(Events.rootCall("iam.amazonaws.com", "DeleteVirtualMFADevice",
                "requestParameters.serialNumber", "arn:aws:iam::111122223333:mfa/root-account-mfa-device")))
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anyCallSignedWithALongTermRootKeyIsCriticalEvenAReadOnlyOne() {
        assertThat(severityOf(Events.rootCall("s3.amazonaws.com", "ListBuckets", "readOnly", true,
                "userIdentity.accessKeyId", "AKIAIOSFODNN7EXAMPLE"))).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void failedRootSignInIsMedium() {
        assertThat(severityOf(Events.rootCall("signin.amazonaws.com", "ConsoleLogin",
                "responseElements.ConsoleLogin", "Failure", "errorMessage", "Failed authentication")))
                .isEqualTo(Severity.MEDIUM);
    }

    @Test
    void readOnlyRootCallIsMedium() {
        assertThat(severityOf(Events.rootCall("iam.amazonaws.com", "ListUsers", "readOnly", true)))
                .isEqualTo(Severity.MEDIUM);
    }

    @Test
    void successfulSignInStepOtherThanConsoleLoginIsMedium() {
        assertThat(severityOf(Events.rootCall("signin.amazonaws.com", "CheckMfa", "eventType", "AwsConsoleSignIn",
                "responseElements.CheckMfa", "Success"))).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void readOnlyRootOnlyTaskIsStillHigh() {
        assertThat(severityOf(Events.rootCall("taxconsole.amazonaws.com", "GetTaxInvoicesMetadata", "readOnly", true)))
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void rootWriteCallIsHigh() {
        assertThat(severityOf(Events.rootCall("ec2.amazonaws.com", "RunInstances"))).isEqualTo(Severity.HIGH);
    }

    @Test
    void rootCallWithReadOnlyNotRecordedIsTreatedAsAWriteAndIsHigh() {
        ObjectNode record = Events.rootCall("ec2.amazonaws.com", "DescribeInstances");
        record.remove("readOnly");

        assertThat(severityOf(record)).isEqualTo(Severity.HIGH);
    }

    @Test
    void rootCredentialChangeIsHigh() {
        assertThat(severityOf(Events.rootCall("signin.amazonaws.com", "PasswordUpdated"))).isEqualTo(Severity.HIGH);
    }

    @Test
    void rootOnlyTaskIsHigh() {
        assertThat(severityOf(Events.rootCall("billingconsole.amazonaws.com", "CloseAccount"))).isEqualTo(Severity.HIGH);
    }

    @Test
    void theLastRuleHoldsForAnythingSoEveryEventGetsASeverity() {
        SeverityPolicy.Rule last = SeverityPolicy.rules().getLast();

        assertThat(last.test().test(new SeverityPolicy.Subject(Category.ROOT_API_CALL, Optional.empty(),
                CloudTrailRecord.of(EventSamples.MAPPER.createObjectNode())))).isTrue();
    }
}
