package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Objects;
import java.util.Optional;

/**
 * One CloudTrail record, read tolerantly: each accessor answers {@link Optional#empty()} when the
 * field is missing, null, of the wrong type or blank, so no record can make a reader throw.
 */
public record CloudTrailRecord(JsonNode json) {
    public static final String ROOT_IDENTITY_TYPE = "Root";
    public static final String SIGNIN_SOURCE = "signin.amazonaws.com";
    public static final String SERVICE_EVENT_TYPE = "AwsServiceEvent";

    public CloudTrailRecord {
        Objects.requireNonNull(json, "json");
    }

    public static CloudTrailRecord of(JsonNode json) {
        return new CloudTrailRecord(json == null ? NullNode.getInstance() : json);
    }

    public Optional<String> eventId() {
        return Json.text(json, "eventID");
    }

    public Optional<String> eventTime() {
        return Json.text(json, "eventTime");
    }

    public Optional<String> eventSource() {
        return Json.text(json, "eventSource");
    }

    public Optional<String> eventName() {
        return Json.text(json, "eventName");
    }

    public Optional<String> eventType() {
        return Json.text(json, "eventType");
    }

    public Optional<String> awsRegion() {
        return Json.text(json, "awsRegion");
    }

    /** The account the event happened in: recipientAccountId, else the identity's account. */
    public Optional<String> accountId() {
        return Json.text(json, "recipientAccountId").or(() -> Json.text(json, "userIdentity", "accountId"));
    }

    public Optional<String> identityType() {
        return Json.text(json, "userIdentity", "type");
    }

    public Optional<String> identityArn() {
        return Json.text(json, "userIdentity", "arn");
    }

    public Optional<String> invokedBy() {
        return Json.text(json, "userIdentity", "invokedBy");
    }

    public Optional<String> accessKeyId() {
        return Json.text(json, "userIdentity", "accessKeyId");
    }

    public Optional<String> sourceIpAddress() {
        return Json.text(json, "sourceIPAddress");
    }

    public Optional<String> userAgent() {
        return Json.text(json, "userAgent");
    }

    public Optional<String> errorCode() {
        return Json.text(json, "errorCode");
    }

    public Optional<String> errorMessage() {
        return Json.text(json, "errorMessage");
    }

    public Optional<Boolean> readOnly() {
        return Json.flag(json, "readOnly");
    }

    /** The outcome a console sign-in reports: "Success" or "Failure". */
    public Optional<String> consoleLoginResult() {
        return Json.text(json, "responseElements", "ConsoleLogin");
    }

    /**
     * Whether MFA was used: {@code additionalEventData.MFAUsed} on sign-ins ("Yes", "YES", "No"),
     * else the console session's {@code mfaAuthenticated} attribute.
     */
    public Optional<Boolean> mfaUsed() {
        return Json.flag(json, "additionalEventData", "MFAUsed")
                .or(() -> Json.flag(json, "userIdentity", "sessionContext", "attributes", "mfaAuthenticated"));
    }

    /** True when a member-account root action ran inside a centralized root session (sts:AssumeRoot). */
    public boolean inAssumedRootSession() {
        return Json.flag(json, "userIdentity", "sessionContext", "assumedRoot").orElse(false);
    }

    public Optional<String> text(String dottedPath) {
        return Json.text(json, dottedPath.split("\\."));
    }
}
