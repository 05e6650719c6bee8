package io.rootwatch.alert;

import java.util.regex.Pattern;

/**
 * Makes text that came from an event safe to show. A root user, or whoever holds its credentials,
 * chooses much of what CloudTrail records (user agent, request parameters, session names, the
 * text of some error messages), and whoever can name an account chooses its name: an alert must
 * show that text without letting it write the alert.
 *
 * <p>Every form is one line (line breaks become spaces, so a value cannot fake a header line of
 * its own), has no control or invisible formatting characters (bidi overrides could make a value
 * read backwards), and is capped with an ellipsis.
 * <ul>
 *   <li>{@link #plain} is for plain text (email, SNS default): mention and link syntax is defused as
 *       well, since mail clients auto-link and plain text gets forwarded into chats.</li>
 *   <li>{@link #markdown} is for the chat card, whatever markdown the client speaks (Slack mrkdwn,
 *       Teams markdown): no mention, link, emphasis, code or quote can start inside a value.</li>
 *   <li>{@link #data} is for the machine-readable JSON: characters are kept as recorded except
 *       the invisible ones; consumers must still treat the values as untrusted.</li>
 * </ul>
 * Defusing replaces a syntax character by a look-alike that no chat or markdown treats as syntax,
 * rather than a backslash escape, which Slack does not honour.
 */
final class UntrustedText {
    /** Longest value shown to a person, in code points, ellipsis included. */
    static final int DISPLAY_LIMIT = 256;
    /** Longest reason: rootwatch's own words around the values they quote. */
    static final int REASON_LIMIT = 2 * DISPLAY_LIMIT;
    /** Longest value in the machine-readable JSON: long enough for any ARN or user agent worth keeping. */
    static final int DATA_LIMIT = 512;

    private static final String ELLIPSIS = "\u2026";
    /** Only this much of a value is ever read: a 1 MB user agent costs no more than a short one. */
    private static final int READ_LIMIT = 4 * DATA_LIMIT;

    private static final Pattern HTTP_SCHEME = Pattern.compile("(?i)\\bh(tt)(ps?)://");
    private static final Pattern ANY_SCHEME = Pattern.compile("://");
    /**
     * An at sign that starts a word: {@code @here}, {@code @channel}, {@code @someone}. One inside a
     * word, as in the e-mail address of a role session name, mentions nobody and is kept as is.
     */
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}])@");
    /** An underscore inside a word never opens emphasis; one at a word's edge may. */
    private static final Pattern EDGE_UNDERSCORE = Pattern.compile("(?<![\\p{L}\\p{N}])_|_(?![\\p{L}\\p{N}])");

    private UntrustedText() {
    }

    /** For plain text a person reads. */
    static String plain(String text) {
        return plain(text, DISPLAY_LIMIT);
    }

    static String plain(String text, int limit) {
        return capped(defused(oneLine(text)), limit);
    }

    /** For the chat card's markdown. */
    static String markdown(String text) {
        return markdown(text, DISPLAY_LIMIT);
    }

    static String markdown(String text, int limit) {
        String plain = defused(oneLine(text));
        String escaped = EDGE_UNDERSCORE.matcher(plain).replaceAll("\uFF3F")
                .replace("&", "\uFF06")      // Slack reads &lt; as <; a fullwidth & is never an entity
                .replace("*", "\u2217")      // bold (Slack), emphasis (markdown)
                .replace("~", "\u223C")      // strike-through
                .replace("`", "'")           // code spans, which would also hide the rest of the line
                .replace("\\", "\u2216")     // markdown escapes
                .replace("](", "] (");       // [text](url) links
        // A heading needs a # that starts a line: values follow a label, but one may yet start an item.
        return capped(escaped.startsWith("#") ? "\uFF03" + escaped.substring(1) : escaped, limit);
    }

    /** For the machine-readable JSON. */
    static String data(String text) {
        return capped(oneLine(text), DATA_LIMIT);
    }

    /** Control, invisible-format and unpaired surrogate characters dropped, line breaks and runs of spaces made one space. */
    private static String oneLine(String text) {
        String bounded = text.length() > READ_LIMIT ? text.substring(0, READ_LIMIT) : text;
        StringBuilder out = new StringBuilder(bounded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < bounded.length(); ) {
            int c = bounded.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85) {
                pendingSpace = true;
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                // Dropped: bidi overrides and isolates, zero-width characters, escapes, NUL, lone surrogates.
                continue;
            } else {
                if (pendingSpace && !out.isEmpty()) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * Mention and link syntax made inert: {@code <!channel>}, {@code <@U123>} and {@code <url|text>}
     * need angle brackets, {@code @here} an at sign starting a word, and auto-linked URLs their
     * scheme (defanged the way incident responders write them: hxxps[:]//).
     */
    private static String defused(String text) {
        String defanged = ANY_SCHEME.matcher(HTTP_SCHEME.matcher(text).replaceAll("hxx$2://")).replaceAll("[:]//");
        return MENTION.matcher(defanged.replace("<", "\u2039").replace(">", "\u203A")).replaceAll("\uFF20");
    }

    private static String capped(String text, int limit) {
        if (text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, limit - 1)) + ELLIPSIS;
    }
}
