package io.rootwatch.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The synthetic root event {@code rootwatch test-alert} puts on the central bus: shaped like a
 * CloudTrail record of a root call, so it takes the same rule, queue, function and alert path, and
 * named so that nobody mistakes it for the real thing.
 */
public final class TestAlertEvent {
    public static final String DETAIL_TYPE = "rootwatch test alert";
    public static final String EVENT_NAME = "RootwatchTestAlert";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestAlertEvent() {
    }

    /** The CloudTrail-shaped detail of a test event from {@code accountId}, sent by {@code sender}. */
    public static ObjectNode detail(String accountId, String region, String eventId, Instant time, String sender) {
        ObjectNode detail = MAPPER.createObjectNode();
        detail.put("eventVersion", "1.10");
        ObjectNode identity = detail.putObject("userIdentity");
        identity.put("type", "Root");
        identity.put("principalId", accountId);
        identity.put("arn", "arn:aws:iam::" + accountId + ":root");
        identity.put("accountId", accountId);
        detail.put("eventTime", time.toString());
        detail.put("eventSource", EventProcessor.TEST_ALERT_SOURCE);
        detail.put("eventName", EVENT_NAME);
        detail.put("awsRegion", region);
        detail.put("sourceIPAddress", "rootwatch test-alert");
        detail.put("userAgent", sender);
        detail.putNull("requestParameters");
        detail.putNull("responseElements");
        detail.put("eventID", eventId);
        detail.put("readOnly", true);
        detail.put("eventType", "AwsApiCall");
        detail.put("managementEvent", false);
        detail.put("recipientAccountId", accountId);
        return detail;
    }
}
