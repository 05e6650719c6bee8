package io.rootwatch.cli.query;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a command looks at: {@code --since 7d}, or {@code --from}/{@code --until}. A hidden
 * {@code --now} fixes the present, for reproducible output.
 */
public final class PeriodOptions {
    @Option(names = "--since", paramLabel = "AGE", converter = AgeConverter.class,
            description = "The period that ends now and lasted this long: 7d, 12h, 30m (days, hours, minutes).")
    private Duration since;

    @Option(names = "--from", paramLabel = "TIME", converter = BoundConverter.class,
            description = "Start of the period (included): 2026-11-01T08:00:00Z or a UTC date 2026-11-01.")
    private Bound from;

    @Option(names = "--until", paramLabel = "TIME", converter = BoundConverter.class,
            description = "End of the period (excluded; a date includes that whole day, UTC). Default: now.")
    private Bound until;

    @Option(names = "--now", hidden = true, paramLabel = "TIME", converter = BoundConverter.class,
            description = "The present as the command sees it (for reproducible output).")
    private Bound now;

    /** A time given on the command line: an instant, or the start of a UTC date. */
    record Bound(Instant instant, boolean wholeDay) {
        Instant asEnd() {
            return wholeDay ? instant.plus(1, ChronoUnit.DAYS) : instant;
        }
    }

    /** The present to the second: periods and reports state times to the second. */
    public Instant now(Clock clock) {
        return (now != null ? now.instant() : clock.instant()).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The period asked for, or the {@code standard} length up to now when none was.
     *
     * @throws IllegalArgumentException for {@code --since} with {@code --from}, or an empty period
     */
    public Period resolve(Clock clock, Duration standard) {
        Instant present = now(clock);
        if (since != null && (from != null || until != null)) {
            throw new IllegalArgumentException("--since cannot be combined with --from or --until");
        }
        if (since != null) {
            return new Period(present.minus(since), present);
        }
        Instant end = until != null ? until.asEnd() : present;
        Instant start = from != null ? from.instant() : end.minus(standard);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("--from " + start + " is not before --until " + end);
        }
        return new Period(start, end);
    }

    static final class AgeConverter implements ITypeConverter<Duration> {
        private static final Pattern AGE = Pattern.compile("([0-9]{1,6})([dhm])");

        @Override
        public Duration convert(String value) {
            Matcher matcher = AGE.matcher(value.trim());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
                throw new TypeConversionException("'" + value + "' is not an age such as 7d, 12h or 30m");
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
    }

    static final class BoundConverter implements ITypeConverter<Bound> {
        @Override
        public Bound convert(String value) {
            String text = value.trim();
            try {
                if (text.length() == 10) {
                    return new Bound(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
                }
                return new Bound(OffsetDateTime.parse(text).toInstant(), false);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is neither a time such as 2026-11-01T08:00:00Z nor a date such as 2026-11-01");
            }
        }
    }
}
