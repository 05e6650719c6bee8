package io.rootwatch.cli.athena;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * The partitions a new table projects: the accounts and regions whose folders it reads, and the
 * first day. An account or region left out here is invisible to every query on the table.
 */
public record TableProjection(Set<String> accounts, Set<String> regions, LocalDate firstDay) {
    /** CloudTrail's launch month: no log is older. */
    public static final LocalDate CLOUDTRAIL_LAUNCH = LocalDate.of(2013, 11, 1);

    public TableProjection {
        accounts = SqlText.sortedChecked(nonEmpty(accounts, "account"), SqlText::accountId);
        regions = SqlText.sortedChecked(nonEmpty(regions, "region"), SqlText::region);
        Objects.requireNonNull(firstDay, "firstDay");
    }

    private static Set<String> nonEmpty(Set<String> values, String what) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the table needs at least one " + what + " to project");
        }
        return values;
    }
}
