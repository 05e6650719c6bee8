package io.rootwatch.audit;

import io.rootwatch.alert.RenderedAlert;
import io.rootwatch.detect.Category;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Envelope;
import io.rootwatch.detect.RootTask;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.rootwatch.audit.AuditTableSchema.ACCOUNT_ID;
import static io.rootwatch.audit.AuditTableSchema.CATEGORY;
import static io.rootwatch.audit.AuditTableSchema.DAY;
import static io.rootwatch.audit.AuditTableSchema.EXPIRES_AT;
import static io.rootwatch.audit.AuditTableSchema.PK;
import static io.rootwatch.audit.AuditTableSchema.SEVERITY;
import static io.rootwatch.audit.AuditTableSchema.SK;
import static io.rootwatch.audit.AuditTableSchema.TIME_KEY;

/**
 * The events of the audit table, written exactly once, and the alert outbox on them: an alert's
 * state moves by conditional updates, so that of all the deliveries of one event only one
 * publishes, and a delivery that died mid-way leaves the alert for the next.
 */
public final class EventLedger {
    /** Room left under DynamoDB's 400 KB item limit for everything but the record's JSON. */
    static final int MAX_RECORD_CHARS = 200_000;
    static final int MAX_FIELD_CHARS = 2_048;

    static final String ALERT_STATE = "alertState";
    static final String LEASE_UNTIL = "alertLeaseUntil";
    static final String ALERT_SUBJECT = "alertSubject";
    static final String ALERT_MESSAGE = "alertMessage";
    static final String ALERT_ATTRIBUTES = "alertAttributes";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    /** @param retention how long events are kept; {@link Duration#ZERO} keeps them forever */
    public EventLedger(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    /** The alert state of an event already recorded. */
    public Optional<StoredAlert> alertOf(String eventId) {
        return alertAt(ItemKey.event(eventId));
    }

    public Optional<StoredAlert> alertAt(ItemKey key) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key.toMap()).consistentRead(true)
                .projectionExpression("#state, #lease, #subject, #message, #attributes")
                .expressionAttributeNames(Map.of("#state", ALERT_STATE, "#lease", LEASE_UNTIL, "#subject", ALERT_SUBJECT,
                        "#message", ALERT_MESSAGE, "#attributes", ALERT_ATTRIBUTES)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(storedAlert(key, response.item()));
    }

    static StoredAlert storedAlert(ItemKey key, Map<String, AttributeValue> item) {
        AlertState state = Attributes.string(item, ALERT_STATE).map(AlertState::valueOf).orElse(AlertState.NOT_ALERTED);
        Optional<RenderedAlert> message = Attributes.string(item, ALERT_MESSAGE).map(text -> new RenderedAlert(
                Attributes.string(item, ALERT_SUBJECT).orElse(""), text, Attributes.stringMap(item, ALERT_ATTRIBUTES)));
        return new StoredAlert(key, state, Attributes.number(item, LEASE_UNTIL).map(Instant::ofEpochMilli), message);
    }

    /**
     * Writes the event unless an item with its eventID exists. An entry to be alerted is written
     * already claimed ({@code SENDING} until {@code leaseUntil}) by this delivery.
     *
     * @return false when the event was recorded before: a duplicate delivery
     */
    public boolean recordIfAbsent(EventEntry entry, Instant now, Instant leaseUntil) {
        Map<String, AttributeValue> item = item(entry, now);
        if (entry.alertState() == AlertState.SENDING) {
            item.put(LEASE_UNTIL, Attributes.n(leaseUntil.toEpochMilli()));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    /** Takes the alert for this delivery if it is pending, or if the delivery holding it let its lease end. */
    public boolean claim(ItemKey key, Instant now, Instant leaseUntil) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key.toMap())
                    .updateExpression("SET #state = :sending, #lease = :lease")
                    .conditionExpression("#state = :pending OR (#state = :sending AND (attribute_not_exists(#lease) OR #lease < :now))")
                    .expressionAttributeNames(Map.of("#state", ALERT_STATE, "#lease", LEASE_UNTIL))
                    .expressionAttributeValues(Map.of(":sending", Attributes.s(AlertState.SENDING.name()),
                            ":pending", Attributes.s(AlertState.PENDING.name()),
                            ":lease", Attributes.n(leaseUntil.toEpochMilli()), ":now", Attributes.n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    public void markSent(ItemKey key, String messageId, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key.toMap())
                .updateExpression("SET #state = :sent, alertMessageId = :id, alertedAt = :now REMOVE #lease")
                .expressionAttributeNames(Map.of("#state", ALERT_STATE, "#lease", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":sent", Attributes.s(AlertState.SENT.name()),
                        ":id", Attributes.s(messageId), ":now", Attributes.s(now.toString()))));
    }

    /** Gives a claimed alert back after a failed publish, so the next delivery need not wait for the lease. */
    public void release(ItemKey key) {
        dynamo.updateItem(b -> b.tableName(table).key(key.toMap())
                .updateExpression("SET #state = :pending REMOVE #lease")
                .conditionExpression("#state = :sending")
                .expressionAttributeNames(Map.of("#state", ALERT_STATE, "#lease", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":pending", Attributes.s(AlertState.PENDING.name()),
                        ":sending", Attributes.s(AlertState.SENDING.name()))));
    }

    /** Marks an event recorded earlier as part of a centralized root session learnt of since. */
    public void markInRootSession(String eventId, String callerArn, String taskPolicy, String assumeRootEventId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(ItemKey.event(eventId).toMap())
                    .updateExpression("SET reclassifiedFrom = #category, #category = :centralized, rootSessionCaller = :caller,"
                            + " rootSessionTaskPolicy = :policy, rootSessionAssumeRootEventId = :assumeRoot")
                    .conditionExpression("attribute_exists(#pk) AND #category <> :centralized")
                    .expressionAttributeNames(Map.of("#category", CATEGORY, "#pk", PK))
                    .expressionAttributeValues(Map.of(":centralized", Attributes.s(Category.CENTRALIZED_ROOT_SESSION.name()),
                            ":caller", Attributes.s(callerArn), ":policy", Attributes.s(taskPolicy),
                            ":assumeRoot", Attributes.s(assumeRootEventId))));
        } catch (ConditionalCheckFailedException alreadyMarked) {
            // Marked by an earlier delivery of the same AssumeRoot event: nothing to do.
        }
    }

    Map<String, AttributeValue> item(EventEntry entry, Instant now) {
        CloudTrailRecord record = entry.record();
        Map<String, AttributeValue> item = new HashMap<>(ItemKey.event(entry.eventId()).toMap());
        String eventTime = SortableTime.of(entry.eventTime());
        item.put("eventId", Attributes.s(entry.eventId()));
        item.put("eventTime", Attributes.s(eventTime));
        item.put(TIME_KEY, Attributes.s(eventTime + "#" + entry.eventId()));
        item.put(DAY, Attributes.s(entry.eventTime().atOffset(ZoneOffset.UTC).toLocalDate().toString()));
        item.put(ACCOUNT_ID, Attributes.s(entry.accountId()));
        item.put("region", Attributes.s(entry.region()));
        Attributes.putIfPresent(item, "accountName", entry.accountName().map(EventLedger::capped));
        entry.envelope().ifPresent(envelope -> putEnvelope(item, envelope));
        Attributes.putIfPresent(item, "eventSource", record.eventSource().map(EventLedger::capped));
        Attributes.putIfPresent(item, "eventName", record.eventName().map(EventLedger::capped));
        item.put(CATEGORY, Attributes.s(entry.verdict().category().name()));
        item.put(SEVERITY, Attributes.s(entry.verdict().severity().name()));
        entry.verdict().task().ifPresent(task -> putTask(item, task));
        item.put("reasons", Attributes.strings(entry.verdict().reasons().stream().map(EventLedger::capped).toList()));
        Attributes.putIfPresent(item, "sourceIPAddress", record.sourceIpAddress().map(EventLedger::capped));
        Attributes.putIfPresent(item, "userAgent", record.userAgent().map(EventLedger::capped));
        entry.verdict().mfaUsed().ifPresent(mfa -> item.put("mfaUsed", Attributes.bool(mfa)));
        boolean failed = record.errorCode().isPresent() || entry.verdict().category() == Category.ROOT_SIGN_IN_FAILURE;
        item.put("outcome", Attributes.s(failed ? "failure" : "success"));
        Attributes.putIfPresent(item, "errorCode", record.errorCode().map(EventLedger::capped));
        Attributes.putIfPresent(item, "errorMessage", record.errorMessage().map(EventLedger::capped));
        Attributes.putIfPresent(item, "accessKeyId", record.accessKeyId().map(EventLedger::capped));
        Attributes.putIfPresent(item, "identityType", record.identityType().map(EventLedger::capped));
        Attributes.putIfPresent(item, "identityArn", record.identityArn().map(EventLedger::capped));
        item.put("sessionKey", Attributes.s(entry.sessionKey()));
        putRecord(item, record);
        item.put("partial", Attributes.bool(!entry.missingFields().isEmpty()));
        if (!entry.missingFields().isEmpty()) {
            item.put("missingFields", Attributes.strings(entry.missingFields()));
        }
        item.put("expected", Attributes.bool(entry.plannedWindow().isPresent()));
        entry.plannedWindow().ifPresent(window -> {
            item.put("expectedWindowId", Attributes.s(window.id()));
            item.put("expectedReason", Attributes.s(capped(window.reason())));
            item.put("expectedBy", Attributes.s(capped(window.createdBy())));
        });
        entry.verdict().rootSession().ifPresent(session -> {
            item.put("rootSessionCaller", Attributes.s(capped(session.callerArn())));
            item.put("rootSessionTaskPolicy", Attributes.s(capped(session.taskPolicy())));
            item.put("rootSessionAssumeRootEventId", Attributes.s(capped(session.assumeRootEventId())));
        });
        item.put(ALERT_STATE, Attributes.s(entry.alertState().name()));
        entry.alert().ifPresent(alert -> putAlert(item, alert));
        item.put("recordedAt", Attributes.s(now.toString()));
        if (!retention.isZero()) {
            item.put(EXPIRES_AT, Attributes.n(entry.eventTime().plus(retention).getEpochSecond()));
        }
        return item;
    }

    static void putAlert(Map<String, AttributeValue> item, RenderedAlert alert) {
        item.put(ALERT_SUBJECT, Attributes.s(alert.subject()));
        item.put(ALERT_MESSAGE, Attributes.s(alert.message()));
        item.put(ALERT_ATTRIBUTES, Attributes.stringMap(alert.attributes()));
    }

    private static void putEnvelope(Map<String, AttributeValue> item, Envelope envelope) {
        Attributes.putIfPresent(item, "envelopeId", envelope.id().map(EventLedger::capped));
        Attributes.putIfPresent(item, "envelopeAccount", envelope.account().map(EventLedger::capped));
        Attributes.putIfPresent(item, "envelopeRegion", envelope.region().map(EventLedger::capped));
        Attributes.putIfPresent(item, "detailType", envelope.detailType().map(EventLedger::capped));
    }

    private static void putTask(Map<String, AttributeValue> item, RootTask task) {
        item.put("task", Attributes.s(task.id()));
        item.put("taskTitle", Attributes.s(task.title()));
    }

    /** The full record, unless it is too large for an item: then its start, marked as cut. */
    private static void putRecord(Map<String, AttributeValue> item, CloudTrailRecord record) {
        String json = record.json().toString();
        if (json.length() > MAX_RECORD_CHARS) {
            item.put("record", Attributes.s(json.substring(0, MAX_RECORD_CHARS)));
            item.put("recordTruncatedFrom", Attributes.n(json.length()));
        } else {
            item.put("record", Attributes.s(json));
        }
    }

    static String capped(String text) {
        return text.length() <= MAX_FIELD_CHARS ? text : text.substring(0, MAX_FIELD_CHARS) + "...";
    }
}
