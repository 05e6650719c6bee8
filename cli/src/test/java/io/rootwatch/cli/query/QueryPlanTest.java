package io.rootwatch.cli.query;

import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which index a query reads for each combination of filters, and the request it sends. */
class QueryPlanTest {
    private static final Period WEEK = new Period(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-08T00:00:00Z"));

    private static QueryFilters filters(List<String> accounts, List<Category> categories, Set<Severity> severities) {
        return new QueryFilters(WEEK, accounts, categories, severities, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void anAccountFilterReadsTheAccountIndexOnePartitionPerAccount() {
        QueryPlan plan = QueryPlan.of(filters(List.of("111122223333", "222233334444"), List.of(), Set.of()));

        assertThat(plan.index()).isEqualTo("byAccount");
        assertThat(plan.partitions()).containsExactly("111122223333", "222233334444");
        assertThat(plan.filteredAttributes()).isEmpty();
    }

    @Test
    void theAccountIndexWinsOverCategoryAndSeverityWhichAreThenFiltered() {
        QueryPlan plan = QueryPlan.of(filters(List.of("111122223333"), List.of(Category.ROOT_SIGN_IN), Set.of(Severity.CRITICAL)));

        assertThat(plan.index()).isEqualTo("byAccount");
        assertThat(plan.filters()).containsExactly(new QueryPlan.Filter("category", List.of("ROOT_SIGN_IN")),
                new QueryPlan.Filter("severity", List.of("CRITICAL")));
    }

    @Test
    void aCategoryWithoutAccountReadsTheCategoryIndex() {
        QueryPlan plan = QueryPlan.of(filters(List.of(), List.of(Category.ROOT_ONLY_TASK), Set.of(Severity.HIGH, Severity.CRITICAL)));

        assertThat(plan.index()).isEqualTo("byCategory");
        assertThat(plan.partitions()).containsExactly("ROOT_ONLY_TASK");
        assertThat(plan.filters()).containsExactly(new QueryPlan.Filter("severity", List.of("CRITICAL", "HIGH")));
    }

    @Test
    void severitiesAloneReadTheSeverityIndexOnePartitionEach() {
        QueryPlan plan = QueryPlan.of(filters(List.of(), List.of(), Set.of(Severity.HIGH, Severity.CRITICAL)));

        assertThat(plan.index()).isEqualTo("bySeverity");
        assertThat(plan.partitions()).containsExactly("CRITICAL", "HIGH");
    }

    @Test
    void everySeverityIsNoFilterAndReadsTheDayIndex() {
        QueryPlan plan = QueryPlan.of(filters(List.of(), List.of(), Set.of(Severity.values())));

        assertThat(plan.index()).isEqualTo("byDay");
        assertThat(plan.filteredAttributes()).isEmpty();
    }

    @Test
    void withoutAnIndexedFilterEveryDayOfThePeriodIsOnePartition() {
        QueryFilters filters = new QueryFilters(WEEK, List.of(), List.of(), Set.of(), Optional.of("close-account"),
                Optional.of("192.0.2.1"), Optional.of(false));

        QueryPlan plan = QueryPlan.of(filters);

        assertThat(plan.index()).isEqualTo("byDay");
        assertThat(plan.partitions()).containsExactly("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05",
                "2026-11-06", "2026-11-07");
        assertThat(plan.filteredAttributes()).containsExactly("task", "sourceIPAddress", "expected");
        assertThat(plan.partitionsFollowInTime()).isTrue();
    }

    @Test
    void aPeriodEndingMidDayIncludesThatDay() {
        Period period = new Period(Instant.parse("2026-11-01T23:00:00Z"), Instant.parse("2026-11-02T00:00:00.001Z"));

        assertThat(period.days()).containsExactly("2026-11-01", "2026-11-02");
    }

    @Test
    void thePeriodIsAKeyConditionOnTheTimeKeyAndTheRestAFilterExpression() {
        QueryFilters filters = new QueryFilters(WEEK, List.of("111122223333"), List.of(), Set.of(Severity.CRITICAL, Severity.HIGH),
                Optional.empty(), Optional.empty(), Optional.of(true));

        QueryRequest request = QueryPlan.of(filters).request("audit", "111122223333", Optional.of(25));

        assertThat(request.indexName()).isEqualTo("byAccount");
        assertThat(request.keyConditionExpression()).isEqualTo("#p = :p AND #t BETWEEN :from AND :until");
        assertThat(request.expressionAttributeNames()).containsEntry("#p", "accountId").containsEntry("#t", "timeKey");
        assertThat(request.expressionAttributeValues()).containsEntry(":from", AttributeValue.fromS("2026-11-01T00:00:00.000Z"))
                .containsEntry(":until", AttributeValue.fromS("2026-11-08T00:00:00.000Z"));
        assertThat(request.filterExpression()).isEqualTo("#f0 IN (:f0v0, :f0v1) AND #e = :e");
        assertThat(request.expressionAttributeValues()).containsEntry(":e", AttributeValue.fromBool(true));
        assertThat(request.limit()).isEqualTo(25);
    }

    @Test
    void withNothingToFilterTheRequestHasNoFilterExpression() {
        QueryRequest request = QueryPlan.of(QueryFilters.all(WEEK)).request("audit", "2026-11-01", Optional.empty());

        assertThat(request.filterExpression()).isNull();
        assertThat(request.limit()).isNull();
    }
}
