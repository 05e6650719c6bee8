package io.rootwatch.audit;

import io.rootwatch.alert.RenderedAlert;
import io.rootwatch.detect.Category;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.rootwatch.audit.AuditTableSchema.ACCOUNT_ID;
import static io.rootwatch.audit.AuditTableSchema.BY_ACCOUNT;
import static io.rootwatch.audit.AuditTableSchema.CATEGORY;
import static io.rootwatch.audit.AuditTableSchema.EXPIRES_AT;
import static io.rootwatch.audit.AuditTableSchema.TIME_KEY;

/**
 * Repeated failed root sign-ins to one account: counted from the recorded events, and alerted once
 * per burst through an outbox item of the account, which also stops a second alert within the window.
 */
public final class SignInFailures {
    private final DynamoDbClient dynamo;
    private final String table;

    public SignInFailures(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static ItemKey burstKey(String accountId) {
        return new ItemKey("SIGNINFAILURES#" + accountId, "BURST");
    }

    /** The times of the failed root sign-ins recorded for the account in {@code [from, to]}, oldest first. */
    public List<Instant> times(String accountId, Instant from, Instant to) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(BY_ACCOUNT)
                        .keyConditionExpression("#account = :account AND #time BETWEEN :from AND :to")
                        .filterExpression("#category = :failure")
                        .projectionExpression("#time")
                        .expressionAttributeNames(Map.of("#account", ACCOUNT_ID, "#time", TIME_KEY, "#category", CATEGORY))
                        .expressionAttributeValues(Map.of(":account", Attributes.s(accountId),
                                ":from", Attributes.s(SortableTime.of(from)), ":to", Attributes.s(SortableTime.of(to) + "#~"),
                                ":failure", Attributes.s(Category.ROOT_SIGN_IN_FAILURE.name()))))
                .items().stream()
                .map(item -> Attributes.string(item, TIME_KEY).orElse(""))
                .map(timeKey -> timeKey.substring(0, Math.max(0, timeKey.indexOf('#'))))
                .flatMap(text -> SortableTime.parse(text).stream())
                .toList();
    }

    /**
     * Claims the burst alert of the account for this delivery, unless one was raised within the
     * window before {@code eventTime}. The alert is stored claimed, as events' alerts are.
     */
    public boolean claimBurst(String accountId, Instant eventTime, Duration window, RenderedAlert alert, Instant leaseUntil) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", Attributes.n(eventTime.toEpochMilli()));
        values.put(":windowStart", Attributes.n(eventTime.minus(window).toEpochMilli()));
        values.put(":sending", Attributes.s(AlertState.SENDING.name()));
        values.put(":lease", Attributes.n(leaseUntil.toEpochMilli()));
        values.put(":subject", Attributes.s(alert.subject()));
        values.put(":message", Attributes.s(alert.message()));
        values.put(":attributes", Attributes.stringMap(alert.attributes()));
        values.put(":expires", Attributes.n(eventTime.plus(Duration.ofDays(2)).getEpochSecond()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(burstKey(accountId).toMap())
                    .updateExpression("SET lastBurstAt = :at, #state = :sending, #lease = :lease, #subject = :subject,"
                            + " #message = :message, #attributes = :attributes, #expires = :expires")
                    .conditionExpression("attribute_not_exists(lastBurstAt) OR lastBurstAt < :windowStart")
                    .expressionAttributeNames(Map.of("#state", EventLedger.ALERT_STATE, "#lease", EventLedger.LEASE_UNTIL,
                            "#subject", EventLedger.ALERT_SUBJECT, "#message", EventLedger.ALERT_MESSAGE,
                            "#attributes", EventLedger.ALERT_ATTRIBUTES, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException alreadyRaised) {
            return false;
        }
    }
}
