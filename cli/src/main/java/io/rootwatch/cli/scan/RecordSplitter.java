package io.rootwatch.cli.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the records of a CloudTrail log file, {@code {"Records":[{...},{...}]}}, at the byte level,
 * without parsing them: one pass that follows strings and nesting to find where each record ends,
 * and that runs the {@link RootMarkers} test on the way. Only records that may be root activity
 * are then parsed, by Jackson, which also checks them.
 *
 * <p>A document in any other shape (not an object, no {@code Records} array, a record that is not
 * an object, an escaped key, a second {@code Records}) is not split: the caller parses it whole and
 * reports what it is. A document that ends or breaks after some records keeps the records before
 * the break.
 */
final class RecordSplitter {
    private static final byte[] RECORDS_KEY = "\"Records\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Receives each record's bytes {@code [start, end)} and whether it may be root activity. */
    @FunctionalInterface
    interface RecordHandler {
        void record(int index, int start, int end, boolean mayBeRoot);
    }

    /** What splitting found: the number of records, and where the document stopped making sense, if it did. */
    record Split(boolean recognized, int records, int brokenAt) {
        static final int WHOLE = -1;

        boolean complete() {
            return recognized && brokenAt == WHOLE;
        }
    }

    private final byte[] bytes;
    private final int length;
    private int position;
    private int records;
    private boolean sawRecords;
    /** Whether the record {@link #scanRecord} last found may be root activity. */
    private boolean candidate;

    private RecordSplitter(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    static Split split(byte[] bytes, int length, RecordHandler handler) {
        return new RecordSplitter(bytes, length).split(handler);
    }

    private Split split(RecordHandler handler) {
        skipByteOrderMark();
        skipWhitespace();
        if (!consume('{')) {
            return notSplit();
        }
        boolean first = true;
        while (true) {
            skipWhitespace();
            if (first && consume('}')) {
                break;
            }
            first = false;
            int keyStart = position;
            if (!skipString()) {
                return broken();
            }
            boolean recordsKey = isRecordsKey(keyStart, position);
            skipWhitespace();
            if (!consume(':')) {
                return broken();
            }
            skipWhitespace();
            if (recordsKey) {
                if (sawRecords) {
                    position = keyStart;
                    return broken();
                }
                sawRecords = true;
                if (!splitRecords(handler)) {
                    return broken();
                }
            } else if (!skipValue()) {
                return broken();
            }
            skipWhitespace();
            if (consume(',')) {
                continue;
            }
            if (consume('}')) {
                break;
            }
            return broken();
        }
        skipWhitespace();
        if (!sawRecords) {
            return notSplit();
        }
        return position == length ? new Split(true, records, Split.WHOLE) : broken();
    }

    private Split notSplit() {
        return new Split(false, 0, position);
    }

    /** Broken after some records: those are kept. Broken before any: the document is for the caller to parse whole. */
    private Split broken() {
        return records > 0 ? new Split(true, records, position) : notSplit();
    }

    /** Hands each record of the array at the position to the handler; false when the array breaks off. */
    private boolean splitRecords(RecordHandler handler) {
        if (!consume('[')) {
            return false;
        }
        skipWhitespace();
        if (consume(']')) {
            return true;
        }
        while (true) {
            skipWhitespace();
            if (position >= length || bytes[position] != '{') {
                return false;
            }
            int start = position;
            int end = scanRecord();
            if (end < 0) {
                return false;
            }
            handler.record(records, start, end, candidate);
            records++;
            skipWhitespace();
            if (consume(',')) {
                continue;
            }
            return consume(']');
        }
    }

    /** Byte classes for {@link #scanRecord}: 0 for the bytes that need nothing, most of every record. */
    private static final byte ORDINARY = 0;
    private static final byte QUOTE = 1;
    private static final byte BACKSLASH = 2;
    private static final byte OPEN = 3;
    private static final byte CLOSE = 4;
    private static final byte NON_ASCII = 5;
    private static final byte[] CLASSES = new byte[256];

    static {
        CLASSES['"'] = QUOTE;
        CLASSES['\\'] = BACKSLASH;
        CLASSES['{'] = OPEN;
        CLASSES['['] = OPEN;
        CLASSES['}'] = CLOSE;
        CLASSES[']'] = CLOSE;
        for (int b = 0x80; b < 0x100; b++) {
            CLASSES[b] = NON_ASCII;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;

    /**
     * From a record's opening brace to just after its closing one; -1 when the input ends first.
     * Sets {@link #candidate}. The hot loop of a scan. Most bytes of a record are inside strings,
     * where only a quote, a backslash or a non-ASCII byte matters: those runs are skipped eight
     * bytes at a time (a word with none of them has no zero byte once XORed with quotes or with
     * backslashes, and no high bit), straight to the first byte that matters; other bytes take
     * one table look-up.
     */
    private int scanRecord() {
        byte[] b = bytes;
        byte[] classes = CLASSES;
        int end = length;
        int depth = 0;
        boolean inString = false;
        boolean mayBeRoot = false;
        int i = position;
        while (i < end) {
            if (inString) {
                while (i + Long.BYTES <= end) {
                    long word = (long) LONGS.get(b, i);
                    long quotes = word ^ QUOTES;
                    long backslashes = word ^ BACKSLASHES;
                    long special = (((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes) | word) & HIGH_BITS;
                    if (special != 0) {
                        // The lowest flagged byte is exact (a borrow only ever flags bytes above a real match): go straight to it.
                        i += Long.numberOfTrailingZeros(special) >>> 3;
                        break;
                    }
                    i += Long.BYTES;
                }
                if (i >= end) {
                    break;
                }
            }
            byte c = b[i];
            switch (classes[c & 0xff]) {
                case ORDINARY -> {
                }
                case QUOTE -> {
                    if (!mayBeRoot) {
                        mayBeRoot = RootMarkers.marksCandidate(b, i, end);
                    }
                    inString = !inString;
                }
                case BACKSLASH -> {
                    if (!mayBeRoot) {
                        mayBeRoot = RootMarkers.marksCandidate(b, i, end);
                    }
                    if (inString) {
                        i++;
                    }
                }
                case OPEN -> {
                    if (!inString) {
                        depth++;
                    }
                }
                case CLOSE -> {
                    if (!inString && --depth == 0) {
                        candidate = mayBeRoot;
                        position = i + 1;
                        return position;
                    }
                }
                default -> {
                    if (!mayBeRoot) {
                        mayBeRoot = RootMarkers.marksCandidate(b, i, end);
                    }
                }
            }
            i++;
        }
        position = end;
        return -1;
    }

    private boolean isRecordsKey(int start, int end) {
        if (end - start != RECORDS_KEY.length) {
            return false;
        }
        for (int i = 0; i < RECORDS_KEY.length; i++) {
            if (bytes[start + i] != RECORDS_KEY[i]) {
                return false;
            }
        }
        return true;
    }

    /** Skips a string starting at the position, quotes included. */
    private boolean skipString() {
        if (!consume('"')) {
            return false;
        }
        while (position < length) {
            byte c = bytes[position++];
            if (c == '"') {
                return true;
            }
            if (c == '\\') {
                position++;
            }
        }
        return false;
    }

    /** Skips any value: a string, an object or array (nesting followed), or a literal or number. */
    private boolean skipValue() {
        if (position >= length) {
            return false;
        }
        byte c = bytes[position];
        if (c == '"') {
            return skipString();
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (position < length) {
                c = bytes[position];
                if (c == '"') {
                    if (!skipString()) {
                        return false;
                    }
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        position++;
                        return true;
                    }
                }
                position++;
            }
            return false;
        }
        int start = position;
        while (position < length && bytes[position] != ',' && bytes[position] != '}' && bytes[position] != ']'
                && !isWhitespace(bytes[position])) {
            position++;
        }
        return position > start;
    }

    private boolean consume(char expected) {
        if (position < length && bytes[position] == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (position < length && isWhitespace(bytes[position])) {
            position++;
        }
    }

    private void skipByteOrderMark() {
        if (length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            position = 3;
        }
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
