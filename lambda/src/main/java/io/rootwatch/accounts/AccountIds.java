package io.rootwatch.accounts;

import java.util.regex.Pattern;

/** The shape of an AWS account id, and how to quote text that failed to have it. */
final class AccountIds {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    private AccountIds() {
    }

    static boolean isAccountId(String text) {
        return text != null && ACCOUNT_ID.matcher(text).matches();
    }

    /** Text for a log line: control characters replaced, at most {@code max} characters. */
    static String loggable(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        text.codePoints().limit(max).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (text.codePointCount(0, text.length()) > max) {
            out.append('…');
        }
        return out.toString();
    }
}
