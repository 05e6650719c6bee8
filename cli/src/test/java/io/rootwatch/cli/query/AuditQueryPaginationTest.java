package io.rootwatch.cli.query;

import io.rootwatch.audit.AuditRecord;
import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.audit.SortableTime;
import io.rootwatch.detect.Severity;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of every partition, merged in time order, against moto_server. Items are written
 * here in the detector's layout (the fields {@link AuditRecord} requires) to have many of them
 * quickly; what the detector itself writes is read in the command's tests.
 */
@DummyCredentials
class AuditQueryPaginationTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final String TABLE = "audit";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Period NOVEMBER = new Period(START, Instant.parse("2026-12-01T00:00:00Z"));

    private final AtomicInteger queries = new AtomicInteger();
    private DynamoDbClient dynamo;

    @BeforeEach
    void tableWithEventsInTwoAccounts() throws Exception {
        MOTO.reset();
        dynamo = DynamoDbClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest) {
                            queries.incrementAndGet();
                        }
                    }
                }))
                .build();
        dynamo.createTable(AuditTableSchema.createTableRequest(TABLE));
        // 40 events, every 17 hours, alternating between two accounts: both accounts' partitions interleave in time.
        for (int i = 0; i < 40; i++) {
            put("event-" + i, i % 2 == 0 ? "111122223333" : "222233334444", START.plus(Duration.ofHours(17L * i)));
        }
    }

    private void put(String id, String account, Instant time) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("EVENT#" + id));
        item.put("sk", AttributeValue.fromS("EVENT"));
        item.put("eventId", AttributeValue.fromS(id));
        item.put("eventTime", AttributeValue.fromS(SortableTime.of(time)));
        item.put("timeKey", AttributeValue.fromS(SortableTime.of(time) + "#" + id));
        item.put("day", AttributeValue.fromS(time.toString().substring(0, 10)));
        item.put("accountId", AttributeValue.fromS(account));
        item.put("category", AttributeValue.fromS("ROOT_API_CALL"));
        item.put("severity", AttributeValue.fromS("MEDIUM"));
        item.put("expected", AttributeValue.fromBool(false));
        dynamo.putItem(b -> b.tableName(TABLE).item(item));
    }

    private List<AuditRecord> run(QueryFilters filters, Optional<Integer> pageSize, List<String> problems) {
        try (var records = new AuditQuery(dynamo, TABLE, pageSize).run(QueryPlan.of(filters), e -> problems.add(e.getMessage()))) {
            return records.toList();
        }
    }

    @Test
    void pagesAreFollowedToTheEndOfEveryPartitionAndMergedInTimeOrder() {
        QueryFilters twoAccounts = QueryFilters.all(NOVEMBER).withAccounts(List.of("222233334444", "111122223333"));

        List<AuditRecord> records = run(twoAccounts, Optional.of(3), new ArrayList<>());

        assertThat(records).hasSize(40);
        assertThat(records).extracting(AuditRecord::eventTime).isSorted();
        assertThat(queries.get()).as("requests for 20 items per account in pages of 3").isGreaterThanOrEqualTo(14);
    }

    @Test
    void dayPartitionsFollowOneAnotherInTimeOrder() {
        List<AuditRecord> records = run(QueryFilters.all(NOVEMBER), Optional.of(1), new ArrayList<>());

        assertThat(records).hasSize(40);
        assertThat(records).extracting(AuditRecord::eventTime).isSorted();
        assertThat(queries.get()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aSeverityFilterOverManyPagesLosesNothing() {
        QueryFilters medium = new QueryFilters(NOVEMBER, List.of(), List.of(), Set.of(Severity.MEDIUM),
                Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(run(medium, Optional.of(4), new ArrayList<>())).hasSize(40);
    }

    @Test
    void anUnreadableItemIsReportedByItsKeyAndTheOthersStillCome() {
        dynamo.updateItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("EVENT#event-5"), "sk", AttributeValue.fromS("EVENT")))
                .updateExpression("REMOVE eventId"));
        List<String> problems = new ArrayList<>();

        List<AuditRecord> records = run(QueryFilters.all(NOVEMBER), Optional.empty(), problems);

        assertThat(records).hasSize(39);
        assertThat(problems).containsExactly("EVENT#event-5: no eventId");
    }
}
