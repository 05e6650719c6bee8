package io.rootwatch.cli.query;

import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the events asked for must match: each list is "any of", an empty one matches everything;
 * the filters together are "all of".
 */
public record QueryFilters(Period period, List<String> accounts, List<Category> categories, Set<Severity> severities,
                           Optional<String> task, Optional<String> sourceIp, Optional<Boolean> expected) {
    public QueryFilters {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(expected, "expected");
        accounts = accounts.stream().distinct().toList();
        categories = categories.stream().distinct().toList();
        // Every severity is no filter at all, and should not cost five queries.
        severities = severities.size() == Severity.values().length ? Set.of() : Set.copyOf(severities);
    }

    /** Every event of the period. */
    public static QueryFilters all(Period period) {
        return new QueryFilters(period, List.of(), List.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public QueryFilters withAccounts(List<String> onlyThese) {
        return new QueryFilters(period, onlyThese, categories, severities, task, sourceIp, expected);
    }
}
