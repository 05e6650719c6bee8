package io.rootwatch.cli.scan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A day given on the command line: {@code 30d} (that many days before today, UTC), {@code 2025-01-15}, or a timestamp's day. */
public final class DayBound {
    private static final Pattern DAYS_AGO = Pattern.compile("(\\d{1,5})d");

    private DayBound() {
    }

    public static LocalDate parse(String text, Clock clock) {
        Matcher daysAgo = DAYS_AGO.matcher(text);
        if (daysAgo.matches()) {
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(Long.parseLong(daysAgo.group(1)));
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            } catch (DateTimeParseException notATimestamp) {
                throw new IllegalArgumentException("'" + text + "' is not a day: give 30d (days ago), 2025-01-15 or 2025-01-15T10:00:00Z");
            }
        }
    }
}
