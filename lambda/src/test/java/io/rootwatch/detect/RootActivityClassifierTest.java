package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The detection semantics of the reference, sections 1-3, one behaviour per test. */
class RootActivityClassifierTest {
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();

    private static Verdict classify(JsonNode record) {
        return CLASSIFIER.classify(record);
    }

    @Test
    void consoleCallInvokedBySignInIsTheRootUsersOwnActivity() {
        Verdict verdict = classify(Events.rootCall("iam.amazonaws.com", "CreateAccessKey",
                "userIdentity.invokedBy", "signin.amazonaws.com", "requestParameters", null));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_CREDENTIAL_CHANGE);
        assertThat(verdict.taskId()).contains("root-access-key");
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("console action"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"glue.amazonaws.com", "AWS Internal", "cloudformation.amazonaws.com"})
    void callInvokedByAnotherServiceIsAServiceEvent(String invokedBy) {
        Verdict verdict = classify(Events.rootCall("s3.amazonaws.com", "GetBucketAcl", "userIdentity.invokedBy", invokedBy));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_SERVICE_EVENT);
        assertThat(verdict.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void awsServiceEventForRootIsAServiceEvent() {
        assertThat(classify(Events.rootCall("health.amazonaws.com", "AWSHealthEvent", "eventType", "AwsServiceEvent"))
                .category()).isEqualTo(Category.ROOT_SERVICE_EVENT);
    }

    @Test
    void roleNamedRootIsNotRoot() {
        Verdict verdict = classify(Events.record("userIdentity.type", "AssumedRole",
                "userIdentity.arn", "arn:aws:sts::111122223333:assumed-role/root/admin",
                "eventSource", "iam.amazonaws.com", "eventName", "CreateAccessKey"));

        assertThat(verdict.category()).isEqualTo(Category.NOT_ROOT);
        assertThat(verdict.task()).isEmpty();
    }

    @Test
    void identityTypeIsComparedExactlyAsTheEventBridgePatternDoes() {
        assertThat(classify(Events.record("userIdentity.type", "root", "eventName", "ListUsers")).category())
                .isEqualTo(Category.NOT_ROOT);
    }

    @Test
    void eventWithoutIdentityTypeIsNotRoot() {
        Verdict verdict = classify(Events.record("userIdentity.arn", "arn:aws:iam::111122223333:root",
                "eventName", "ListUsers"));

        assertThat(verdict.category()).isEqualTo(Category.NOT_ROOT);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("missing"));
    }

    @Test
    void rootActingOnAnIamUsersAccessKeyIsAnApiCallNotACredentialChange() {
        Verdict verdict = classify(Events.rootCall("iam.amazonaws.com", "CreateAccessKey",
                "requestParameters.userName", "alice"));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_API_CALL);
        assertThat(verdict.task()).isEmpty();
    }

    @Test
    void rootActingOnAnIamUsersMfaIsAnApiCall() {
        Verdict verdict = classify(Events.rootCall("iam.amazonaws.com", "DeactivateMFADevice",
                "requestParameters.userName", "bob", "requestParameters.serialNumber", "arn:aws:iam::111122223333:mfa/bob"));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_API_CALL);
        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS ROOT USER", "aws root user"})
    void rootMfaNamedAsTheRootUserIsACredentialChange(String userName) {
        assertThat(classify(Events.rootCall("iam.amazonaws.com", "EnableMFADevice",
                "requestParameters.userName", userName)).category()).isEqualTo(Category.ROOT_CREDENTIAL_CHANGE);
    }

    @Test
    void deletingAnIamUsersVirtualMfaDeviceIsNotARootCredentialChange() {
        assertThat(classify(Events.rootCall("iam.amazonaws.com", "DeleteVirtualMFADevice",
                "requestParameters.serialNumber", "arn:aws:iam::111122223333:mfa/carol-phone")).category())
                .isEqualTo(Category.ROOT_API_CALL);
    }

    @Test
    void olderListTaskIsAnApiCallThatStillCarriesItsTask() {
        Verdict verdict = classify(Events.rootCall("supportplans.amazonaws.com", "StartSupportPlanUpdate"));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_API_CALL);
        assertThat(verdict.taskId()).contains("support-plan-change");
    }

    @Test
    void assumeRootCallIsACentralizedRootSessionWhoeverMadeIt() {
        Verdict verdict = classify(Events.record("userIdentity.type", "AssumedRole",
                "userIdentity.arn", "arn:aws:sts::111122223333:assumed-role/RootAccessAdmin/jane",
                "eventSource", "sts.amazonaws.com", "eventName", "AssumeRoot",
                "requestParameters.targetPrincipal", "444455556666",
                "requestParameters.taskPolicyArn.arn", "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"));

        assertThat(verdict.category()).isEqualTo(Category.CENTRALIZED_ROOT_SESSION);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("444455556666") && r.contains("S3UnlockBucketPolicy"));
    }

    @Test
    void actionInsideACentralizedRootSessionKeepsItsTask() {
        Verdict verdict = classify(Events.rootCall("s3.amazonaws.com", "DeleteBucketPolicy",
                "userIdentity.sessionContext.assumedRoot", "true"));

        assertThat(verdict.category()).isEqualTo(Category.CENTRALIZED_ROOT_SESSION);
        assertThat(verdict.taskId()).contains("s3-bucket-policy-unlock");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MfaDelete", "MFADelete", "mfadelete"})
    void versioningChangeWithMfaDeleteInAnyCaseIsTheMfaDeleteTask(String key) {
        Verdict verdict = classify(Events.rootCall("s3.amazonaws.com", "PutBucketVersioning",
                "requestParameters.VersioningConfiguration.Status", "Enabled",
                "requestParameters.VersioningConfiguration." + key, "Enabled"));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_ONLY_TASK);
        assertThat(verdict.taskId()).contains("s3-mfa-delete");
    }

    @Test
    void versioningChangeWithoutMfaDeleteIsAnApiCall() {
        assertThat(classify(Events.rootCall("s3.amazonaws.com", "PutBucketVersioning",
                "requestParameters.VersioningConfiguration.Status", "Enabled")).taskId()).isEmpty();
    }

    @Test
    void queueAttributeChangeWithoutAPolicyIsNotTheQueueUnlockTask() {
        assertThat(classify(Events.rootCall("sqs.amazonaws.com", "SetQueueAttributes",
                "requestParameters.attributes.VisibilityTimeout", "60")).taskId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"taxconsole.amazonaws.com", "taxconsole.amazon.com"})
    void taxInvoicesAreRecognisedUnderBothDocumentedSources(String source) {
        assertThat(classify(Events.rootCall(source, "DownloadTaxInvoice")).taskId()).contains("tax-invoices");
    }

    @Test
    void failedSignInStepOtherThanConsoleLoginIsASignInFailure() {
        assertThat(classify(Events.rootCall("signin.amazonaws.com", "ExternalIdPDirectoryLogin",
                "responseElements.ExternalIdPDirectoryLogin", "Failure")).category())
                .isEqualTo(Category.ROOT_SIGN_IN_FAILURE);
    }

    @Test
    void consoleLoginWithNoOutcomeButAnErrorIsAFailure() {
        assertThat(classify(Events.rootCall("signin.amazonaws.com", "ConsoleLogin",
                "errorMessage", "Failed authentication")).category()).isEqualTo(Category.ROOT_SIGN_IN_FAILURE);
    }

    @Test
    void consoleLoginWithNoOutcomeAtAllIsTreatedAsASuccessSoItAlerts() {
        Verdict verdict = classify(Events.rootCall("signin.amazonaws.com", "ConsoleLogin"));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_SIGN_IN);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("no recorded outcome"));
    }

    @Test
    void mfaUseIsReadFromTheConsoleSessionWhenTheEventHasNoMfaUsedField() {
        Verdict verdict = classify(Events.rootCall("ec2.amazonaws.com", "RunInstances",
                "userIdentity.sessionContext.attributes.mfaAuthenticated", "true"));

        assertThat(verdict.mfaUsed()).contains(true);
    }

    @Test
    void mfaUseIsEmptyWhenTheRecordDoesNotSay() {
        assertThat(classify(Events.rootCall("ec2.amazonaws.com", "RunInstances")).mfaUsed()).isEqualTo(Optional.empty());
    }

    @Test
    void failedRootCallIsStillRootActivityAndSaysItFailed() {
        Verdict verdict = classify(Events.rootCall("iam.amazonaws.com", "CreateUser", "errorCode", "AccessDenied"));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_API_CALL);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("AccessDenied"));
    }

    @Test
    void everyVerdictOfRootActivityEndsWithTheSeverityRuleThatDecidedIt() {
        Verdict verdict = classify(Events.rootCall("billingconsole.amazonaws.com", "CloseAccount"));

        assertThat(verdict.reasons().getLast()).startsWith("HIGH: ");
    }
}
