package io.rootwatch.audit;

import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.rootwatch.audit.AuditTableSchema.ACCOUNT_ID;
import static io.rootwatch.audit.AuditTableSchema.CATEGORY;
import static io.rootwatch.audit.AuditTableSchema.PK;
import static io.rootwatch.audit.AuditTableSchema.SEVERITY;
import static io.rootwatch.audit.AuditTableSchema.TIME_KEY;

/**
 * One event item of the audit table as readers (queries, reports) see it: the fields
 * {@link EventLedger} writes, typed, without the full record or the alert message.
 */
public record AuditRecord(String eventId, Instant eventTime, String timeKey, String accountId, Optional<String> accountName,
                          String region, Optional<String> eventSource, Optional<String> eventName, Category category,
                          Severity severity, Optional<String> task, Optional<String> taskTitle, List<String> reasons,
                          Optional<String> sourceIpAddress, Optional<String> userAgent, Optional<Boolean> mfaUsed,
                          String outcome, Optional<String> errorCode, Optional<String> accessKeyId,
                          Optional<String> identityType, Optional<String> identityArn, boolean expected,
                          Optional<String> expectedReason, Optional<String> expectedBy, Optional<String> alertState) {
    private static final String LONG_TERM_KEY_PREFIX = "AKIA";
    private static final String ROOT_IDENTITY = "Root";

    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(timeKey, "timeKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
    }

    /** Thrown for an item that is not an event as the detector writes it, naming the item. */
    public static final class UnreadableItem extends RuntimeException {
        UnreadableItem(String message) {
            super(message);
        }
    }

    /**
     * Reads an event item.
     *
     * @throws UnreadableItem when a field every event has is missing or holds an unknown value
     */
    public static AuditRecord fromItem(Map<String, AttributeValue> item) {
        String key = Attributes.string(item, PK).orElse("(no pk)");
        String timeKey = required(item, key, TIME_KEY);
        Instant eventTime = SortableTime.parse(required(item, key, "eventTime"))
                .orElseThrow(() -> new UnreadableItem(key + ": eventTime is not a time"));
        return new AuditRecord(required(item, key, "eventId"), eventTime, timeKey, required(item, key, ACCOUNT_ID),
                Attributes.string(item, "accountName"), Attributes.string(item, "region").orElse("unknown"),
                Attributes.string(item, "eventSource"), Attributes.string(item, "eventName"),
                constant(Category.class, key, CATEGORY, required(item, key, CATEGORY)),
                constant(Severity.class, key, SEVERITY, required(item, key, SEVERITY)),
                Attributes.string(item, "task"), Attributes.string(item, "taskTitle"), Attributes.stringList(item, "reasons"),
                Attributes.string(item, "sourceIPAddress"), Attributes.string(item, "userAgent"), bool(item, "mfaUsed"),
                Attributes.string(item, "outcome").orElse("success"), Attributes.string(item, "errorCode"),
                Attributes.string(item, "accessKeyId"), Attributes.string(item, "identityType"),
                Attributes.string(item, "identityArn"), bool(item, "expected").orElse(false),
                Attributes.string(item, "expectedReason"), Attributes.string(item, "expectedBy"),
                Attributes.string(item, EventLedger.ALERT_STATE));
    }

    /** A call signed by a long-term access key of the root user ({@code AKIA...}), which should not exist. */
    public Optional<String> rootAccessKey() {
        return accessKeyId.filter(key -> key.startsWith(LONG_TERM_KEY_PREFIX))
                .filter(key -> identityType.filter(ROOT_IDENTITY::equals).isPresent());
    }

    /** A successful root console sign-in that did not use MFA, or did not record whether it did. */
    public boolean isSignInWithoutMfa() {
        return category == Category.ROOT_SIGN_IN && !mfaUsed.orElse(false);
    }

    private static String required(Map<String, AttributeValue> item, String key, String name) {
        return Attributes.string(item, name).orElseThrow(() -> new UnreadableItem(key + ": no " + name));
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String key, String name, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new UnreadableItem(key + ": unknown " + name + " '" + value + "'");
        }
    }

    private static Optional<Boolean> bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? Optional.empty() : Optional.ofNullable(value.bool());
    }
}
