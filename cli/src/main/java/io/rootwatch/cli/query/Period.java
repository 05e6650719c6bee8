package io.rootwatch.cli.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** A time range of the audit table, {@code from} included, {@code until} excluded. */
public record Period(Instant from, Instant until) {
    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("the period must end after it starts: " + from + " to " + until);
        }
    }

    public boolean contains(Instant time) {
        return !time.isBefore(from) && time.isBefore(until);
    }

    /** The UTC days the period touches, as the {@code day} attribute spells them, in order. */
    public List<String> days() {
        LocalDate first = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate last = until.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
        return Stream.iterate(first, day -> !day.isAfter(last), day -> day.plusDays(1)).map(LocalDate::toString).toList();
    }

    @Override
    public String toString() {
        return from + " to " + until;
    }
}
