package io.rootwatch.cli.expect;

import io.rootwatch.detect.BreakGlassWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A break-glass window as someone asks for it, checked: a window is a statement that root use is
 * planned, so it is short, starts now or later (never backdated over what already happened), and
 * says why in one line a responder can read in an alert.
 */
public record WindowRequest(String accountId, Instant from, Duration length, String reason) {
    /** The longest window without {@code --allow-long}: a working day of planned root use. */
    public static final Duration LONGEST = Duration.ofHours(24);
    /** The longest window at all: anything longer is a standing exception, not a planned use. */
    public static final Duration LONGEST_ALLOWED = Duration.ofDays(30);
    /** How far ahead a window may be scheduled. */
    public static final Duration FURTHEST_START = Duration.ofDays(30);
    public static final int REASON_MAX_LENGTH = 500;
    /** Clock skew forgiven on {@code --from}: a start a little in the past is taken as now. */
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern LENGTH = Pattern.compile("([0-9]{1,6})([mhd])");

    /** Why a request was refused; the message names the option. */
    public static final class InvalidRequest extends IllegalArgumentException {
        InvalidRequest(String message) {
            super(message);
        }
    }

    /**
     * @param fromText {@code --from}, an ISO-8601 time with a zone or offset; now when absent
     * @param lengthText {@code --for}: minutes, hours or days, {@code 90m}, {@code 2h}, {@code 1d}
     * @param allowLong whether the window may be longer than {@link #LONGEST}
     */
    public static WindowRequest of(String accountId, Optional<String> fromText, String lengthText, String reason,
                                   boolean allowLong, Instant now) {
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new InvalidRequest("--account: '" + accountId + "' is not an AWS account id (12 digits)");
        }
        Duration length = length(lengthText);
        if (length.compareTo(LONGEST_ALLOWED) > 0) {
            throw new InvalidRequest("--for: " + lengthText + " is longer than the " + LONGEST_ALLOWED.toDays()
                    + " days a break-glass window may last");
        }
        if (length.compareTo(LONGEST) > 0 && !allowLong) {
            throw new InvalidRequest("--for: " + lengthText + " is longer than " + LONGEST.toHours()
                    + "h; add --allow-long if the root work really takes that long");
        }
        Instant start = fromText.map(text -> start(text, now)).orElse(now).truncatedTo(ChronoUnit.SECONDS);
        return new WindowRequest(accountId, start, length, reason(reason));
    }

    public Instant until() {
        return from.plus(length);
    }

    public BreakGlassWindow window(String id, String createdBy) {
        return new BreakGlassWindow(id, accountId, from, until(), reason, createdBy);
    }

    private static Duration length(String text) {
        Matcher matcher = LENGTH.matcher(text.trim());
        if (!matcher.matches()) {
            throw new InvalidRequest("--for: '" + text + "' is not a length: minutes, hours or days, such as 90m, 2h or 1d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration length = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (length.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidRequest("--for: a window lasts at least 1m");
        }
        return length;
    }

    private static Instant start(String text, Instant now) {
        Instant start;
        try {
            start = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("--from: '" + text + "' is not a time with a zone, such as 2026-11-30T09:00:00Z"
                    + " or 2026-11-30T10:00:00+01:00");
        }
        if (start.isBefore(now.minus(SKEW))) {
            throw new InvalidRequest("--from: " + start + " is in the past; a window starts now or later, it cannot plan"
                    + " root use that already happened");
        }
        if (start.isAfter(now.plus(FURTHEST_START))) {
            throw new InvalidRequest("--from: " + start + " is more than " + FURTHEST_START.toDays() + " days ahead");
        }
        return start.isBefore(now) ? now : start;
    }

    private static String reason(String text) {
        String reason = text.strip();
        if (reason.isEmpty()) {
            throw new InvalidRequest("--reason: say why root is needed (a change or ticket reference helps the responder)");
        }
        if (reason.codePointCount(0, reason.length()) > REASON_MAX_LENGTH) {
            throw new InvalidRequest("--reason: at most " + REASON_MAX_LENGTH + " characters (this one has "
                    + reason.codePointCount(0, reason.length()) + ")");
        }
        if (reason.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidRequest("--reason: one line of text, without control or formatting characters");
        }
        return reason;
    }
}
