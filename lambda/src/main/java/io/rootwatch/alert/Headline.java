package io.rootwatch.alert;

import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.RootTask;
import io.rootwatch.detect.Verdict;

import java.util.regex.Pattern;

/**
 * The one-line summary of an event that opens every alert, written for a responder at 3 a.m.:
 * {@code [CRITICAL] Root sign-in without MFA: 111122223333 from 203.0.113.7}.
 */
public final class Headline {
    /** An account id or principal ARN; anything else in that caller-supplied field is not repeated. */
    private static final Pattern PRINCIPAL = Pattern.compile("[0-9]{12}|arn:aws[a-z-]*:[a-z0-9-]+::[0-9]{12}:[A-Za-z0-9+=,.@_/-]{1,128}");
    private Headline() {
    }

    public static String of(CloudTrailRecord record, Verdict verdict) {
        String account = record.accountId().orElse("unknown account");
        String where = record.sourceIpAddress().map(ip -> " from " + ip).orElse("");
        return "[" + verdict.severity() + "] " + whatHappened(record, verdict) + ": " + account + where;
    }

    private static String assumeRoot(CloudTrailRecord record) {
        String target = record.text("requestParameters.targetPrincipal")
                .filter(t -> PRINCIPAL.matcher(t).matches())
                .orElse("a member account");
        return record.errorCode().isPresent()
                ? "Refused centralized root session for " + target + " (" + record.errorCode().get() + ")"
                : "Centralized root session opened for " + target;
    }

    static String whatHappened(CloudTrailRecord record, Verdict verdict) {
        String name = record.eventName().orElse("an unnamed event");
        String task = verdict.task().map(RootTask::title).orElse("");
        String longTermKey = record.accessKeyId().filter(k -> k.startsWith("AKIA")).isPresent()
                ? " with a long-term root access key" : "";
        return switch (verdict.category()) {
            case ROOT_SIGN_IN -> verdict.mfaUsed().orElse(false) ? "Root sign-in" : "Root sign-in without MFA";
            case ROOT_SIGN_IN_FAILURE -> "Failed root sign-in";
            case ROOT_CREDENTIAL_CHANGE -> "Root credential change (" + name + "): " + task + longTermKey;
            case ROOT_ONLY_TASK -> "Root-only task (" + name + "): " + task + longTermKey;
            case ROOT_API_CALL -> "Root API call " + name + (task.isEmpty() ? "" : " (" + task + ")") + longTermKey;
            case CENTRALIZED_ROOT_SESSION -> "AssumeRoot".equals(name)
                    ? assumeRoot(record)
                    : "Centralized root session: " + name;
            case ROOT_SERVICE_EVENT -> "AWS service acting for root: " + name;
            case NOT_ROOT -> "Not root activity: " + name;
        };
    }
}
