package io.rootwatch.cli.query;

import java.util.Arrays;
import java.util.Locale;

/** The output formats of {@code rootwatch query}, spelled on the command line in lower case. */
public enum QueryFormat {
    TABLE, JSONL, CSV;

    public static QueryFormat parse(String text) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a format: table, jsonl or csv"));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
