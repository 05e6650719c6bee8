package io.rootwatch.alert;

import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.RootTask;
import io.rootwatch.detect.Severity;
import io.rootwatch.detect.Verdict;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one-line summary of an event that opens every alert, written for a responder at 3 a.m.:
 * {@code [CRITICAL] Root sign-in without MFA: prod-payments (111122223333) from 203.0.113.7}.
 * It is plain text: each rendering escapes it for its own medium.
 */
public final class Headline {
    /** An account id or principal ARN; anything else in that caller-supplied field is not repeated. */
    private static final Pattern PRINCIPAL = Pattern.compile("[0-9]{12}|arn:aws[a-z-]*:[a-z0-9-]+::[0-9]{12}:[A-Za-z0-9+=,.@_/-]{1,128}");
    /** The name of a root-task policy; a refused AssumeRoot may carry anything there. */
    private static final Pattern TASK_POLICY = Pattern.compile("[A-Za-z0-9]{1,64}");
    /** Names from the event are short; a longer one is cut so the headline stays a headline. */
    private static final int NAME_LIMIT = 64;

    private Headline() {
    }

    /** The headline of an event on its own, as the CLI prints it. */
    public static String of(CloudTrailRecord record, Verdict verdict) {
        return compose(verdict.severity(), whatHappened(record, verdict), account(record.accountId(), Optional.empty()),
                record.sourceIpAddress());
    }

    /** The headline of an alert: it also says what the detector knew (account name, burst, planned, partial). */
    public static String of(Alert alert) {
        return compose(alert.severity(), whatHappened(alert), account(AlertFacts.accountId(alert), alert.accountName()),
                alert.record().sourceIpAddress());
    }

    /** What happened, with the alert's qualifiers: {@code Root password changed (planned)}. */
    static String whatHappened(Alert alert) {
        String what = alert.failureBurst()
                .map(burst -> burst.count() + " failed root sign-ins in " + burst.windowMinutes() + " minutes")
                .orElseGet(() -> whatHappened(alert.record(), alert.verdict()));
        return what + (alert.expected() ? " (planned)" : "") + (alert.partial() ? " (partial record)" : "");
    }

    /** The account as a responder knows it: {@code prod-payments (111122223333)}, the id alone, or that it is unknown. */
    static String account(Optional<String> accountId, Optional<String> accountName) {
        String id = accountId.map(a -> UntrustedText.plain(a, NAME_LIMIT)).orElse("unknown account");
        return accountName.map(name -> UntrustedText.plain(name, NAME_LIMIT)).filter(name -> !name.isEmpty())
                .map(name -> name + " (" + id + ")").orElse(id);
    }

    /** {@code [SEVERITY] what happened: account from address}, the one shape every headline has. */
    static String compose(Severity severity, String what, String account, Optional<String> sourceIp) {
        String from = sourceIp.map(ip -> " from " + UntrustedText.plain(ip, NAME_LIMIT)).orElse("");
        return "[" + severity + "] " + what + ": " + account + from;
    }

    /** What the event did, in the words a responder uses: {@code Root MFA device removed}, {@code Root API call iam:CreateUser}. */
    static String whatHappened(CloudTrailRecord record, Verdict verdict) {
        String call = call(record);
        String longTermKey = AlertFacts.signedWithLongTermKey(record) ? " with a long-term root access key" : "";
        String failed = record.errorCode().map(code -> " failed (" + UntrustedText.plain(code, NAME_LIMIT) + ")").orElse("");
        return switch (verdict.category()) {
            case ROOT_SIGN_IN -> verdict.mfaUsed()
                    .map(used -> used ? "Root sign-in" : "Root sign-in without MFA")
                    .orElse("Root sign-in with no MFA recorded");
            case ROOT_SIGN_IN_FAILURE -> record.eventName().filter("ConsoleLogin"::equals).isPresent()
                    ? "Failed root sign-in"
                    : "Failed root sign-in step " + name(record);
            case ROOT_CREDENTIAL_CHANGE -> credentialChange(record) + longTermKey + failed;
            case ROOT_ONLY_TASK -> "Root-only task: " + verdict.task().map(RootTask::title).orElse(call) + longTermKey + failed;
            case ROOT_API_CALL -> record.eventSource().filter(CloudTrailRecord.SIGNIN_SOURCE::equals).isPresent()
                    ? "Root sign-in step " + name(record)
                    : "Root API call " + call + longTermKey + failed;
            case CENTRALIZED_ROOT_SESSION -> "AssumeRoot".equals(record.eventName().orElse(""))
                    ? assumeRoot(record)
                    : "Centralized root session action " + call
                      + verdict.rootSession().map(s -> " (" + UntrustedText.plain(s.taskPolicy(), NAME_LIMIT) + ")").orElse("")
                      + failed;
            case ROOT_SERVICE_EVENT -> "AWS service acting for root: " + call;
            case NOT_ROOT -> "Not root activity: " + call;
        };
    }

    /** {@code iam:CreateUser}: the service as IAM policies name it, and the event. */
    static String call(CloudTrailRecord record) {
        String service = record.eventSource().map(source -> UntrustedText.plain(source.split("\\.", 2)[0], NAME_LIMIT) + ":")
                .orElse("");
        return service + name(record);
    }

    private static String name(CloudTrailRecord record) {
        return record.eventName().map(n -> UntrustedText.plain(n, NAME_LIMIT)).orElse("an unnamed event");
    }

    /** Root's own credentials, said in words: which credential, and what became of it. */
    private static String credentialChange(CloudTrailRecord record) {
        String status = record.text("requestParameters.status").map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        String toggled = switch (status) {
            case "active" -> "activated";
            case "inactive" -> "deactivated";
            default -> "status changed";
        };
        return switch (record.eventName().orElse("")) {
            case "CreateAccessKey" -> "Root access key created";
            case "UpdateAccessKey" -> "Root access key " + toggled;
            case "DeleteAccessKey" -> "Root access key deleted";
            case "EnableMFADevice" -> "Root MFA device enabled";
            case "CreateVirtualMFADevice" -> "Root virtual MFA device created";
            case "ResyncMFADevice" -> "Root MFA device resynchronized";
            case "DeactivateMFADevice" -> "Root MFA device removed";
            case "DeleteVirtualMFADevice" -> "Root virtual MFA device deleted";
            case "UploadSigningCertificate" -> "Root signing certificate uploaded";
            case "UpdateSigningCertificate" -> "Root signing certificate " + toggled;
            case "DeleteSigningCertificate" -> "Root signing certificate deleted";
            case "PasswordUpdated" -> "Root password changed";
            case "PasswordRecoveryRequested" -> "Root password reset requested";
            case "PasswordRecoveryCompleted" -> "Root password reset completed";
            case "EmailUpdated" -> "Root email address changed";
            default -> "Root credential change " + call(record);
        };
    }

    private static String assumeRoot(CloudTrailRecord record) {
        String target = record.text("requestParameters.targetPrincipal")
                .filter(t -> PRINCIPAL.matcher(t).matches())
                .orElse("a member account");
        String policy = record.text("requestParameters.taskPolicyArn.arn")
                .map(arn -> arn.substring(arn.lastIndexOf('/') + 1))
                .filter(name -> TASK_POLICY.matcher(name).matches())
                .map(name -> " (" + name + ")").orElse("");
        return record.errorCode().isPresent()
                ? "Refused centralized root session for " + target + policy + " (" + UntrustedText.plain(record.errorCode().get(), NAME_LIMIT) + ")"
                : "Centralized root session opened for " + target + policy;
    }
}
