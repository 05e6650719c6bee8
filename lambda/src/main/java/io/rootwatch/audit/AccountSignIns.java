package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last root sign-in of every account, one item per account under a single partition, so one
 * query answers "when did root last sign in, anywhere".
 */
public final class AccountSignIns {
    static final String PARTITION = "LASTSIGNIN";

    private final DynamoDbClient dynamo;
    private final String table;

    /** The latest root sign-in of one account; {@code mfaUsed} is {@code yes}, {@code no} or {@code not recorded}. */
    public record LastSignIn(String accountId, Instant eventTime, String eventId, Optional<String> sourceIpAddress, String mfaUsed) {
    }

    public AccountSignIns(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Keeps this sign-in if it is the account's latest; an older one arriving late changes nothing. */
    public void record(String accountId, Instant eventTime, String eventId, Optional<String> sourceIp, Optional<Boolean> mfaUsed) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":time", Attributes.s(SortableTime.of(eventTime)));
        values.put(":id", Attributes.s(eventId));
        values.put(":ip", Attributes.s(sourceIp.orElse("")));
        values.put(":mfa", Attributes.s(mfaUsed.map(m -> m ? "yes" : "no").orElse("not recorded")));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(new ItemKey(PARTITION, accountId).toMap())
                    .updateExpression("SET eventTime = :time, eventId = :id, sourceIPAddress = :ip, mfaUsed = :mfa")
                    .conditionExpression("attribute_not_exists(eventTime) OR eventTime < :time")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException newerKnown) {
            // A later sign-in of this account is already recorded.
        }
    }

    /** The last sign-in of every account that ever had one, by account id; unreadable items are left out. */
    public List<LastSignIn> all() {
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", AuditTableSchema.PK))
                        .expressionAttributeValues(Map.of(":pk", Attributes.s(PARTITION))))
                .items().stream()
                .flatMap(item -> Attributes.string(item, "eventTime").flatMap(SortableTime::parse).stream()
                        .map(time -> new LastSignIn(Attributes.string(item, AuditTableSchema.SK).orElse(""), time,
                                Attributes.string(item, "eventId").orElse(""),
                                Attributes.string(item, "sourceIPAddress").filter(ip -> !ip.isEmpty()),
                                Attributes.string(item, "mfaUsed").orElse("not recorded"))))
                .filter(signIn -> !signIn.accountId().isEmpty())
                .sorted(Comparator.comparing(LastSignIn::accountId))
                .toList();
    }
}
