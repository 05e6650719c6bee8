package io.rootwatch.cli.report;

import io.rootwatch.cli.output.DisplayText;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Values in a report, made inert. Event fields (account names, user agents, addresses) are written
 * by whoever made the call: in Markdown they could open links, images or raw HTML, in HTML run
 * scripts. Control characters are replaced first, as on a terminal.
 */
final class ReportText {
    /**
     * What could start emphasis, code, a link, raw HTML or an entity, or end a table cell, inside a
     * cell; block syntax ({@code #}, {@code +}, ...) cannot start mid-line and is left readable.
     */
    private static final String MARKDOWN_SPECIAL = "\\`*_[]<>|~&";

    private ReportText() {
    }

    /**
     * Text for a Markdown table cell or list item: every character Markdown or HTML could act on is
     * backslash-escaped, and URLs are broken so that GitHub does not turn them into links.
     */
    static String markdown(String untrusted) {
        StringBuilder out = new StringBuilder();
        DisplayText.safe(untrusted).codePoints().forEach(c -> {
            if (c < 128 && MARKDOWN_SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString().replace("://", ":\\/\\/").replaceAll("(?i)www\\.", "www\\\\.");
    }

    /** Text for HTML content or a quoted attribute value. */
    static String html(String untrusted) {
        StringBuilder out = new StringBuilder();
        DisplayText.safe(untrusted).codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Times to the second, UTC, as CloudTrail shows them. */
    static String time(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static <K extends Enum<K>> String counts(Map<K, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
