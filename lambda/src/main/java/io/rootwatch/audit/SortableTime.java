package io.rootwatch.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times as the table stores them in keys: fixed-width UTC with milliseconds, so that string order
 * is time order ({@code Instant.toString} drops zero fractions and breaks that).
 */
public final class SortableTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    public static String of(Instant time) {
        return FORMAT.format(time);
    }

    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(Instant.from(FORMAT.parse(text)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
