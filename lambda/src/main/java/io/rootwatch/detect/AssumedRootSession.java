package io.rootwatch.detect;

import java.util.Objects;
import java.util.Optional;

/**
 * A centralized root session as its {@code sts:AssumeRoot} call recorded it: the temporary access
 * key it returned, which member-account root events then carry, and who opened it for what.
 */
public record AssumedRootSession(String accessKeyId, String callerArn, String targetAccount, String taskPolicy,
                                 String assumeRootEventId) {
    public AssumedRootSession {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(callerArn, "callerArn");
        Objects.requireNonNull(targetAccount, "targetAccount");
        Objects.requireNonNull(taskPolicy, "taskPolicy");
        Objects.requireNonNull(assumeRootEventId, "assumeRootEventId");
    }

    /** The session a successful {@code sts:AssumeRoot} record opened; empty for any other record. */
    public static Optional<AssumedRootSession> openedBy(CloudTrailRecord record) {
        boolean assumeRoot = record.eventSource().filter("sts.amazonaws.com"::equals).isPresent()
                && record.eventName().filter("AssumeRoot"::equals).isPresent()
                && record.errorCode().isEmpty();
        if (!assumeRoot) {
            return Optional.empty();
        }
        return record.text("responseElements.credentials.accessKeyId").map(key -> new AssumedRootSession(key,
                record.identityArn().orElse("(caller not recorded)"),
                record.text("requestParameters.targetPrincipal").orElse("(target not recorded)"),
                record.text("requestParameters.taskPolicyArn.arn")
                        .map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).orElse("(task policy not recorded)"),
                record.eventId().orElse("(eventID not recorded)")));
    }
}
