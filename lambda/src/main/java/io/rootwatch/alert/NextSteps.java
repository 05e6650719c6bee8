package io.rootwatch.alert;

import io.rootwatch.detect.AssumedRootSession;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.RootTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the responder should do, in order, for this kind of event: the first step is the one to
 * take now. Values from the event go through {@code escape}, the rendering's own escaping.
 */
final class NextSteps {
    private final Alert alert;
    private final CloudTrailRecord record;
    private final UnaryOperator<String> escape;
    private final List<String> steps = new ArrayList<>();

    private NextSteps(Alert alert, UnaryOperator<String> escape) {
        this.alert = alert;
        this.record = alert.record();
        this.escape = escape;
    }

    static List<String> of(Alert alert, UnaryOperator<String> escape) {
        NextSteps next = new NextSteps(alert, escape);
        alert.plannedWindow().ifPresent(next::planned);
        next.forCategory();
        if (alert.partial()) {
            next.steps.add("Open the event in CloudTrail to see it whole: the record lacked "
                    + String.join(", ", alert.missingFields().stream().map(escape).toList()) + ", so this alert may miss details.");
        }
        return List.copyOf(next.steps);
    }

    private void planned(BreakGlassWindow window) {
        steps.add("Confirm the work matches the planned reason \"" + escape.apply(window.reason()) + "\" (planned by "
                + escape.apply(window.createdBy()) + ", until " + window.until() + "); anything beyond it is unplanned root use.");
    }

    private void forCategory() {
        switch (alert.verdict().category()) {
            case ROOT_SIGN_IN -> signIn();
            case ROOT_SIGN_IN_FAILURE -> signInFailure();
            case ROOT_CREDENTIAL_CHANGE -> credentialChange();
            case ROOT_ONLY_TASK -> rootOnlyTask();
            case ROOT_API_CALL -> apiCall();
            case CENTRALIZED_ROOT_SESSION -> centralizedSession();
            case ROOT_SERVICE_EVENT -> steps.add("Nothing to do for this event alone: an AWS service ("
                    + escape.apply(record.invokedBy().orElse("not named")) + ") acted for a root session; that session's own events say who.");
            case NOT_ROOT -> steps.add("Nothing to do: this is not root activity.");
        }
    }

    private void signIn() {
        boolean mfa = alert.verdict().mfaUsed().orElse(false);
        if (alert.expected()) {
            steps.add(mfa ? "Review what the session does: its further events alert under the same session."
                    : "Turn on MFA for the root user before the next planned use: even a planned root sign-in without MFA"
                      + " is one a stolen password allows too.");
            return;
        }
        if (mfa) {
            steps.add("Confirm with the owner of the root credentials of " + account() + " that they signed in" + from()
                    + ", and why the task needed root.");
            steps.add("Review what the session does next: its further events alert under the same session.");
            return;
        }
        steps.add("Reach the owner of the root credentials of " + account() + " now and confirm they signed in" + from()
                + at() + ".");
        steps.add("If nobody confirms it, treat the root password as compromised: reset it, check that the root email"
                + " address is still yours, and review every root action since the sign-in.");
        steps.add("Turn on MFA for the root user (or remove its credentials with centralized root access):"
                + " a root sign-in without MFA should never happen.");
    }

    private void signInFailure() {
        if (alert.failureBurst().isPresent()) {
            Alert.SignInFailureBurst burst = alert.failureBurst().get();
            steps.add(burst.count() + " failed root sign-ins in " + burst.windowMinutes()
                    + " minutes look like password guessing: check the source addresses, and whether a root sign-in succeeded since "
                    + escape.apply(burst.firstTime()) + ".");
            steps.add("Confirm the root user of " + account() + " has MFA and a long, unique password;"
                    + " a successful root sign-in from an unknown address is a compromise.");
            return;
        }
        steps.add("Ask the owner of the root credentials of " + account() + " whether this was them" + from()
                + ": one failure is often a mistyped password.");
        steps.add("If it was not them, confirm the root user has MFA and watch for a successful root sign-in from the same address.");
    }

    private void credentialChange() {
        String key = escape.apply(record.text("requestParameters.accessKeyId").orElse("named in the request"));
        switch (record.eventName().orElse("")) {
            case "CreateAccessKey" -> {
                steps.add("Delete the new root access key " + escape.apply(AlertFacts.createdAccessKeyId(record).orElse("(id not recorded)"))
                        + " unless a documented, approved need exists: root access keys should not exist.");
                steps.add("Find out who created it and why, and look in CloudTrail for calls signed with it.");
            }
            case "UpdateAccessKey" -> {
                if (record.text("requestParameters.status").filter("active"::equalsIgnoreCase).isPresent()) {
                    steps.add("Deactivate the root access key " + key + " again unless its use is documented and approved, then delete it.");
                    steps.add("Find out who re-activated it and why, and look in CloudTrail for calls signed with it.");
                } else {
                    steps.add("Confirm the owner of the root credentials made this change, then delete the key " + key
                            + " rather than leave it inactive.");
                }
            }
            case "DeleteAccessKey" -> steps.add("Confirm the owner of the root credentials deleted the key " + key
                    + ", and that no workload still needed it: removing root keys is the right direction.");
            case "DeactivateMFADevice", "DeleteVirtualMFADevice" -> {
                steps.add("Re-enable MFA on the root user of " + account() + " now.");
                steps.add("Confirm with the owner of the root credentials that they removed it; if nobody did, treat the account"
                        + " as compromised: reset the root password, check the root email address, review every root action.");
            }
            case "EnableMFADevice", "CreateVirtualMFADevice", "ResyncMFADevice" -> steps.add(
                    "Confirm the MFA device belongs to the owner of the root credentials: a device someone else registered keeps them in.");
            case "PasswordUpdated", "PasswordRecoveryCompleted" -> steps.add("Confirm the owner of the root credentials changed"
                    + " the password. If not, the account is being taken over: recover the root password at once and contact AWS Support.");
            case "PasswordRecoveryRequested" -> steps.add("Confirm the owner of the root credentials asked for the reset;"
                    + " the reset link goes to the root email address, so that mailbox must be secure.");
            case "EmailUpdated" -> steps.add("Confirm the change of root email address was approved. If not, contact AWS Support"
                    + " now: whoever holds the new address can take the account.");
            case "UploadSigningCertificate", "UpdateSigningCertificate", "DeleteSigningCertificate" -> steps.add(
                    "Confirm the owner of the root credentials made this change: root signing certificates are rarely needed,"
                            + " keep none whose need is not documented.");
            default -> steps.add("Confirm the owner of the root credentials made this change.");
        }
        if (AlertFacts.signedWithLongTermKey(record)) {
            longTermKeyInUse();
        }
    }

    private void rootOnlyTask() {
        String taskId = alert.verdict().taskId().orElse("");
        if (!alert.expected()) {
            steps.add("Confirm the task (" + alert.verdict().task().map(RootTask::title).orElse("this task")
                    + ") was planned and approved, and who carried it out.");
            if (taskId.equals("close-account")) {
                steps.add("If nobody planned to close the account, contact AWS Support at once: a closed account can be"
                        + " reopened only during its post-closure period.");
            }
        }
        if (AlertFacts.signedWithLongTermKey(record)) {
            longTermKeyInUse();
        }
        if (taskId.equals("s3-bucket-policy-unlock") || taskId.equals("sqs-queue-policy-unlock")) {
            steps.add("Next time, unlock the policy through centralized root access (sts:AssumeRoot) rather than root credentials.");
        }
        if (!alert.expected()) {
            steps.add("Plan root work as a break-glass window, so its alerts say they were expected.");
        }
    }

    private void apiCall() {
        if (AlertFacts.signedWithLongTermKey(record)) {
            longTermKeyInUse();
            return;
        }
        if (record.errorCode().isPresent()) {
            steps.add("The call was refused (" + escape.apply(record.errorCode().get())
                    + "), but someone tried it as root: find out who, and what else the session tried.");
            return;
        }
        if (!alert.expected()) {
            steps.add("Find out who is using the root user of " + account() + " and why: everyday work belongs to IAM roles.");
        }
        steps.add("Review the rest of this root session in CloudTrail.");
    }

    private void longTermKeyInUse() {
        String key = escape.apply(record.accessKeyId().orElse("(not recorded)"));
        steps.add("A long-term root access key (" + key + ") is in use: find where it lives; this call came" + from()
                + " with user agent " + escape.apply(record.userAgent().orElse("not recorded")) + ".");
        steps.add("Move that workload to an IAM role, then deactivate and delete the key; if nobody owns it, treat it as leaked and deactivate it now.");
    }

    private void centralizedSession() {
        Optional<AssumedRootSession> session = alert.verdict().rootSession();
        if (record.eventName().filter("AssumeRoot"::equals).isPresent()) {
            if (record.errorCode().isPresent()) {
                steps.add("Find out why " + escape.apply(record.identityArn().orElse("the caller"))
                        + " tried to open a centralized root session that was refused (" + escape.apply(record.errorCode().get()) + ").");
                return;
            }
            steps.add(session.map(s -> "Confirm the caller " + escape.apply(s.callerArn()) + " ran the task they were approved for: "
                            + escape.apply(s.taskPolicy()) + " in account " + escape.apply(s.targetAccount()) + ".")
                    .orElse("Confirm the caller ran the task they were approved for."));
            steps.add("The session lasts at most 15 minutes; its actions in the member account alert on their own.");
            return;
        }
        String key = escape.apply(record.accessKeyId().orElse("not recorded"));
        steps.add(session.map(s -> "Confirm the caller " + escape.apply(s.callerArn()) + " ran the task they were approved for ("
                        + escape.apply(s.taskPolicy()) + "): this action is " + escape.apply(Headline.call(record)) + ".")
                .orElse("Find the sts:AssumeRoot call that opened this session (CloudTrail of the management or delegated-admin"
                        + " account, access key " + key + ") and confirm its caller ran the task they were approved for."));
        steps.add("Check the session's other actions in " + account() + ": CloudTrail events signed with access key " + key + ".");
    }

    private String account() {
        return escape.apply(Headline.account(AlertFacts.accountId(alert), alert.accountName()));
    }

    private String from() {
        return record.sourceIpAddress().map(ip -> " from " + escape.apply(ip)).orElse("");
    }

    private String at() {
        return AlertFacts.time(alert).map(time -> " at " + escape.apply(time)).orElse("");
    }
}
