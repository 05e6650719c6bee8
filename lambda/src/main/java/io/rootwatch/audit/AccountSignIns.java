package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
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
}
