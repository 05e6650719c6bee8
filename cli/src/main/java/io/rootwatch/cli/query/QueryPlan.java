package io.rootwatch.cli.query;

import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.audit.SortableTime;
import io.rootwatch.detect.Severity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a query reads the audit table: one index, the partitions of it to query, the period as a
 * condition on the index's sort key {@code timeKey}, and the filters the index does not serve.
 * Every filter combination has an index ({@code byDay} serves any bounded period), so a query
 * never scans the table.
 */
public record QueryPlan(String index, String partitionKey, List<String> partitions, Period period,
                        List<Filter> filters, Optional<Boolean> expected) {

    /** A filter left to DynamoDB's FilterExpression: the attribute holds one of the values. */
    public record Filter(String attribute, List<String> anyOf) {
        public Filter {
            Objects.requireNonNull(attribute, "attribute");
            anyOf = List.copyOf(anyOf);
        }
    }

    static final String EXPECTED = "expected";

    public QueryPlan {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(expected, "expected");
        partitions = List.copyOf(partitions);
        filters = List.copyOf(filters);
    }

    /**
     * The plan for these filters: the index whose partition key matches the most selective filter
     * given (account, then category, then severity), else one {@code byDay} partition per day.
     */
    public static QueryPlan of(QueryFilters filters) {
        List<String> severities = filters.severities().stream().sorted().map(Severity::name).toList();
        List<String> categories = filters.categories().stream().map(Enum::name).toList();
        List<Filter> rest = new ArrayList<>();
        String index;
        String partitionKey;
        List<String> partitions;
        if (!filters.accounts().isEmpty()) {
            index = AuditTableSchema.BY_ACCOUNT;
            partitionKey = AuditTableSchema.ACCOUNT_ID;
            partitions = filters.accounts();
        } else if (!categories.isEmpty()) {
            index = AuditTableSchema.BY_CATEGORY;
            partitionKey = AuditTableSchema.CATEGORY;
            partitions = categories;
        } else if (!severities.isEmpty()) {
            index = AuditTableSchema.BY_SEVERITY;
            partitionKey = AuditTableSchema.SEVERITY;
            partitions = severities;
        } else {
            index = AuditTableSchema.BY_DAY;
            partitionKey = AuditTableSchema.DAY;
            partitions = filters.period().days();
        }
        addUnlessKey(rest, partitionKey, AuditTableSchema.ACCOUNT_ID, filters.accounts());
        addUnlessKey(rest, partitionKey, AuditTableSchema.CATEGORY, categories);
        addUnlessKey(rest, partitionKey, AuditTableSchema.SEVERITY, severities);
        filters.task().ifPresent(task -> rest.add(new Filter("task", List.of(task))));
        filters.sourceIp().ifPresent(ip -> rest.add(new Filter("sourceIPAddress", List.of(ip))));
        return new QueryPlan(index, partitionKey, partitions, filters.period(), rest, filters.expected());
    }

    private static void addUnlessKey(List<Filter> rest, String partitionKey, String attribute, List<String> values) {
        if (!values.isEmpty() && !attribute.equals(partitionKey)) {
            rest.add(new Filter(attribute, values));
        }
    }

    /** True when partitions hold consecutive stretches of time, so their results follow one another. */
    public boolean partitionsFollowInTime() {
        return index.equals(AuditTableSchema.BY_DAY);
    }

    /** The attributes DynamoDB filters on after reading, in the order of the FilterExpression. */
    public List<String> filteredAttributes() {
        List<String> attributes = new ArrayList<>(filters.stream().map(Filter::attribute).toList());
        expected.ifPresent(e -> attributes.add(EXPECTED));
        return attributes;
    }

    /**
     * The request for one partition. The period {@code [from, until)} becomes
     * {@code timeKey BETWEEN <from> AND <until>}: a bare time sorts before every
     * {@code <time>#<eventId>} of that same time, so the upper bound excludes {@code until} itself.
     */
    public QueryRequest request(String table, String partition, Optional<Integer> pageSize) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#p", partitionKey);
        names.put("#t", AuditTableSchema.TIME_KEY);
        values.put(":p", AttributeValue.fromS(partition));
        values.put(":from", AttributeValue.fromS(SortableTime.of(period.from())));
        values.put(":until", AttributeValue.fromS(SortableTime.of(period.until())));
        List<String> conditions = new ArrayList<>();
        for (int f = 0; f < filters.size(); f++) {
            Filter filter = filters.get(f);
            names.put("#f" + f, filter.attribute());
            List<String> placeholders = new ArrayList<>();
            for (int v = 0; v < filter.anyOf().size(); v++) {
                String placeholder = ":f" + f + "v" + v;
                values.put(placeholder, AttributeValue.fromS(filter.anyOf().get(v)));
                placeholders.add(placeholder);
            }
            conditions.add(placeholders.size() == 1 ? "#f" + f + " = " + placeholders.getFirst()
                    : "#f" + f + " IN (" + String.join(", ", placeholders) + ")");
        }
        expected.ifPresent(flag -> {
            names.put("#e", EXPECTED);
            values.put(":e", AttributeValue.fromBool(flag));
            conditions.add("#e = :e");
        });
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#p = :p AND #t BETWEEN :from AND :until")
                .expressionAttributeNames(names).expressionAttributeValues(values);
        if (!conditions.isEmpty()) {
            request.filterExpression(String.join(" AND ", conditions));
        }
        pageSize.ifPresent(request::limit);
        return request.build();
    }

    /** One line for {@code --explain} and the summary: which index, how many partitions, what is filtered. */
    public String describe() {
        String shown = partitions.size() <= 3 ? String.join(", ", partitions)
                : partitions.getFirst() + " ... " + partitions.getLast();
        String filtered = filteredAttributes().isEmpty() ? "nothing" : String.join(", ", filteredAttributes());
        return "Query index " + index + " on " + partitionKey + " (" + partitions.size()
                + (partitions.size() == 1 ? " partition: " : " partitions: ") + shown + "), timeKey in ["
                + SortableTime.of(period.from()) + ", " + SortableTime.of(period.until()) + "), filter on " + filtered;
    }

    static final Comparator<Map<String, AttributeValue>> TIME_ORDER = Comparator.comparing(
            item -> Optional.ofNullable(item.get(AuditTableSchema.TIME_KEY)).map(AttributeValue::s).orElse(""));
}
