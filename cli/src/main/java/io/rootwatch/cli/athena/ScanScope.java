package io.rootwatch.cli.athena;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which events a scan looks at: from {@code since} (inclusive) to {@code until} (exclusive), in
 * these accounts and regions (empty: all). Account ids and region names are validated here, as
 * they end up in SQL.
 */
public record ScanScope(Optional<Instant> since, Optional<Instant> until, Set<String> accounts, Set<String> regions) {
    public ScanScope {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        accounts = SqlText.sortedChecked(accounts, SqlText::accountId);
        regions = SqlText.sortedChecked(regions, SqlText::region);
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("since (" + since.get() + ") must be before until (" + until.get() + ")");
        }
    }

    /** Every event the table holds. */
    public static ScanScope everything() {
        return new ScanScope(Optional.empty(), Optional.empty(), Set.of(), Set.of());
    }
}
