package io.rootwatch.cli.athena;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The partitions a new table projects: the accounts and regions whose folders it reads, and the
 * first day. An account or region left out here is invisible to every query on the table.
 */
public record TableProjection(Set<String> accounts, Set<String> regions, LocalDate firstDay) {
    /** CloudTrail's launch month: no log is older. */
    public static final LocalDate CLOUDTRAIL_LAUNCH = LocalDate.of(2013, 11, 1);

    public TableProjection {
        accounts = sorted(accounts, SqlText::accountId, "account");
        regions = sorted(regions, SqlText::region, "region");
        Objects.requireNonNull(firstDay, "firstDay");
    }

    private static SortedSet<String> sorted(Set<String> values, java.util.function.UnaryOperator<String> check, String what) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the table needs at least one " + what + " to project");
        }
        SortedSet<String> sorted = new TreeSet<>();
        values.forEach(value -> sorted.add(check.apply(value)));
        return Collections.unmodifiableSortedSet(sorted);
    }
}
