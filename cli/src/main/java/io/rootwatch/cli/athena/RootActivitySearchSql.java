package io.rootwatch.cli.athena;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query that finds root activity in the CloudTrail table. It keeps every record that
 * {@code RootActivityClassifier} can call anything but {@code NOT_ROOT}: a {@code Root} identity
 * (its own calls, sign-ins, services acting for it, member-account actions of a centralized root
 * session, which are {@code Root} too) or an {@code sts:AssumeRoot} call, made by a role. The
 * classifier then decides; the SQL only has to never drop.
 */
public final class RootActivitySearchSql {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private RootActivitySearchSql() {
    }

    public static String select(AthenaTable table, ScanScope scope) {
        List<String> conditions = new ArrayList<>();
        conditions.add("(useridentity.type = 'Root'\n       OR (eventsource = 'sts.amazonaws.com' AND eventname = 'AssumeRoot'))");
        conditions.addAll(partitionPredicates(scope));
        scope.since().ifPresent(since -> conditions.add("eventtime >= " + SqlText.literal(eventTime(since))));
        scope.until().ifPresent(until -> conditions.add("eventtime < " + SqlText.literal(eventTime(roundedUp(until)))));

        String columns = RecordColumn.ALL.stream()
                .map(column -> "  " + (column.sql().equals(column.alias()) ? column.sql() : column.sql() + " AS " + column.alias()))
                .collect(Collectors.joining(",\n"));
        return "SELECT\n" + columns + "\n"
                + "FROM " + table.queryName() + "\n"
                + "WHERE " + String.join("\n  AND ", conditions) + "\n"
                // Oldest first, so that an AssumeRoot comes before the member-account actions of its session.
                + "ORDER BY eventtime, eventid";
    }

    /**
     * Folder pruning: the days, accounts and regions to list. A log file lands in the folder of the
     * day it was delivered, minutes after its events, so an event just before midnight can sit in
     * the next day's folder: the day range is widened by a day on each side and the exact bounds
     * are applied to eventtime.
     */
    private static List<String> partitionPredicates(ScanScope scope) {
        List<String> predicates = new ArrayList<>();
        scope.since().ifPresent(since -> predicates.add("\"timestamp\" >= "
                + SqlText.literal(DAY.format(since.minus(1, ChronoUnit.DAYS)))));
        scope.until().ifPresent(until -> predicates.add("\"timestamp\" <= "
                + SqlText.literal(DAY.format(until.plus(1, ChronoUnit.DAYS)))));
        if (!scope.accounts().isEmpty()) {
            predicates.add("account IN " + list(scope.accounts()));
        }
        if (!scope.regions().isEmpty()) {
            predicates.add("region IN " + list(scope.regions()));
        }
        return predicates;
    }

    private static String list(Set<String> values) {
        return values.stream().map(SqlText::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    /** CloudTrail's eventTime shape, which sorts as text: 2026-11-04T22:03:47Z. */
    private static String eventTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** An exclusive bound with a fraction of a second must still admit the whole second before it. */
    private static Instant roundedUp(Instant instant) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return seconds.equals(instant) ? seconds : seconds.plusSeconds(1);
    }
}
