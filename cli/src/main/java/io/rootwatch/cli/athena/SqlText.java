package io.rootwatch.cli.athena;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What may reach Athena SQL from the command line, checked against the narrowest pattern the AWS
 * value allows, then quoted anyway: a value that fails a check is refused with a message naming
 * it, never escaped into something that runs.
 */
final class SqlText {
    /** Glue/Athena database and table names: lower-case letters, digits and underscores. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,255}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** us-east-1, ap-southeast-7, us-gov-west-1, cn-north-1, eusc-de-east-1. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    /** S3 bucket names (no dots-only tricks matter here: none of these characters can end a literal). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** Key prefix segments: the S3 "safe characters" minus the quote and parentheses. */
    private static final Pattern KEY_SEGMENT = Pattern.compile("[A-Za-z0-9!_.*=+-]+");

    private SqlText() {
    }

    static String name(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be lower-case letters, digits and underscores (Athena's rule), not '"
                    + printable(value) + "'");
        }
        return value;
    }

    static String accountId(String value) {
        return checked("account id", "12 digits", ACCOUNT_ID, value);
    }

    static String region(String value) {
        return checked("region", "a region name such as us-east-1", REGION, value);
    }

    static String organizationId(String value) {
        return checked("organization id", "o- and 10 to 32 lower-case letters or digits", ORGANIZATION_ID, value);
    }

    static String bucket(String value) {
        return checked("bucket", "an S3 bucket name", BUCKET, value);
    }

    static String keySegment(String value) {
        return checked("S3 key prefix segment", "letters, digits and !_.*=+-", KEY_SEGMENT, value);
    }

    /** The values, each checked, in sorted order (so the SQL is the same for the same values). */
    static SortedSet<String> sortedChecked(Set<String> values, UnaryOperator<String> check) {
        SortedSet<String> sorted = new TreeSet<>();
        values.forEach(value -> sorted.add(check.apply(value)));
        return Collections.unmodifiableSortedSet(sorted);
    }

    /**
     * The path segments after the bucket of an {@code s3://bucket[/prefix]} URL, the bucket first,
     * each checked; empty segments (a trailing or doubled slash) are dropped.
     */
    static List<String> s3Segments(String what, String url) {
        if (url == null || !url.startsWith("s3://")) {
            throw new IllegalArgumentException(what + " must be an s3://bucket[/prefix] URL, not '" + printable(url) + "'");
        }
        List<String> segments = new ArrayList<>(List.of(url.substring("s3://".length()).split("/")));
        segments.removeIf(String::isEmpty);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException(what + " names no bucket: '" + printable(url) + "'");
        }
        bucket(segments.getFirst());
        segments.subList(1, segments.size()).forEach(SqlText::keySegment);
        return segments;
    }

    /** A SQL string literal; quotes are doubled even though every value here was checked not to hold one. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** An identifier in a DDL statement (Hive syntax). */
    static String ddlIdentifier(String checkedName) {
        return "`" + checkedName.replace("`", "``") + "`";
    }

    /** An identifier in a query (Trino syntax). */
    static String queryIdentifier(String checkedName) {
        return "\"" + checkedName.replace("\"", "\"\"") + "\"";
    }

    private static String checked(String what, String expected, Pattern pattern, String value) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be " + expected + ", not '" + printable(value) + "'");
        }
        return value;
    }

    /** The refused value as it can be shown in one line of an error message. */
    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }
}
