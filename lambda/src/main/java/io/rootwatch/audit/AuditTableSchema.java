package io.rootwatch.audit;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.List;

/**
 * The audit table's keys and indexes: one table, items told apart by the prefix of their
 * partition key. The CDK stack declares the same names; the README lists the query each serves.
 *
 * <ul>
 *   <li>base table {@code pk}/{@code sk}: one event by CloudTrail eventID ({@code EVENT#<id>}/{@code EVENT}),
 *       and the detector's own bookkeeping (sessions, windows, heartbeat, last sign-in per account)</li>
 *   <li>{@code byAccount}: every event of one account in a time range</li>
 *   <li>{@code byCategory}, {@code bySeverity}: every event of a category or severity, organization-wide, in a time range</li>
 *   <li>{@code byDay}: everything on one day across the organization</li>
 * </ul>
 * Index sort keys are {@code timeKey = <eventTime>#<eventId>}: ordered by time, unique per event.
 */
public final class AuditTableSchema {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TIME_KEY = "timeKey";
    public static final String ACCOUNT_ID = "accountId";
    public static final String CATEGORY = "category";
    public static final String SEVERITY = "severity";
    public static final String DAY = "day";
    public static final String EXPIRES_AT = "expiresAt";

    public static final String BY_ACCOUNT = "byAccount";
    public static final String BY_CATEGORY = "byCategory";
    public static final String BY_SEVERITY = "bySeverity";
    public static final String BY_DAY = "byDay";

    /** Index name and its partition key attribute, in the order the README lists them. */
    public record Index(String name, String partitionKey) {
    }

    public static final List<Index> INDEXES = List.of(
            new Index(BY_ACCOUNT, ACCOUNT_ID),
            new Index(BY_CATEGORY, CATEGORY),
            new Index(BY_SEVERITY, SEVERITY),
            new Index(BY_DAY, DAY));

    private AuditTableSchema() {
    }

    /** The table as the stack creates it (on-demand), for tests and local set-ups. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .attributeDefinitions(
                        string(PK), string(SK), string(TIME_KEY), string(ACCOUNT_ID), string(CATEGORY), string(SEVERITY),
                        string(DAY))
                .globalSecondaryIndexes(INDEXES.stream().map(index -> GlobalSecondaryIndex.builder()
                        .indexName(index.name())
                        .keySchema(key(index.partitionKey(), KeyType.HASH), key(TIME_KEY, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build()).toList())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
