package io.rootwatch.cli.output;

import java.util.Optional;

/**
 * Text from events made safe for a terminal. Event fields are written by whoever made the call
 * (user agents, names, request parameters): control and formatting characters among them could
 * move the cursor, recolour the screen or reorder text, so they are shown as {@code ?}.
 */
public final class DisplayText {
    private static final String NONE = "-";

    private static final String ELLIPSIS = "...";

    private DisplayText() {
    }

    public static String safe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                safe.append('?');
            } else {
                safe.appendCodePoint(c);
            }
        });
        return safe.toString();
    }

    /** Safe, and cut to at most {@code width} characters, marking the cut. */
    public static String safe(String text, int width) {
        String safe = safe(text);
        if (safe.length() <= width) {
            return safe;
        }
        return safe.substring(0, Math.max(0, width - ELLIPSIS.length())) + ELLIPSIS;
    }

    public static String orNone(Optional<String> text) {
        return text.orElse(NONE);
    }

    public static String yesNo(Optional<Boolean> flag) {
        return flag.map(yes -> yes ? "yes" : "no").orElse(NONE);
    }
}
