package io.rootwatch.cli.scan;

/**
 * The cheap test that lets a scan skip parsing most CloudTrail records. The classifier calls a
 * record root activity only when {@code userIdentity.type} is the JSON string {@code "Root"} or
 * {@code eventName} is {@code "AssumeRoot"} (with {@code eventSource} {@code sts.amazonaws.com});
 * {@code sessionContext.assumedRoot}, service events for root and centralized-session keys all
 * come on top of a Root identity. Written without escapes, those strings are exactly the bytes
 * {@code "Root"} and {@code "AssumeRoot"}, quotes included: JSON's only other escapes stand for
 * quotes, slashes and control characters, never letters.
 *
 * <p>So a record is a candidate, to be parsed and classified, when its bytes hold one of those two
 * strings, or anything that could spell them otherwise: any backslash-u escape (hexadecimal 0052
 * is R), and the overlong UTF-8 forms a lenient decoder might read as ASCII letters (lead bytes
 * {@code C0}/{@code C1}, {@code E0} followed by less than {@code A0}, {@code F0} followed by less
 * than {@code 90}). Anything else cannot be root activity. RootPrefilterLosslessTest holds this
 * against the classifier, so a classifier change that widens "root" fails there first.
 */
final class RootMarkers {
    private static final byte[] ROOT = quoted("Root");
    private static final byte[] ASSUME_ROOT = quoted("AssumeRoot");

    private RootMarkers() {
    }

    /** Whether {@code bytes[from, to)} may be a root record and must be parsed. */
    static boolean mayBeRoot(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if ((b == '"' || b == '\\' || b < 0) && marksCandidate(bytes, i, to)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a candidate marker starts at {@code i}, which holds a quote, a backslash or a byte of
     * 0x80 or more (any other byte starts none): the test the record splitter runs inline.
     */
    static boolean marksCandidate(byte[] bytes, int i, int to) {
        byte b = bytes[i];
        if (b == '"') {
            return startsWith(bytes, i, to, ROOT) || startsWith(bytes, i, to, ASSUME_ROOT);
        }
        if (b == '\\') {
            return i + 1 < to && bytes[i + 1] == 'u';
        }
        return b < 0 && isOverlongLead(bytes, i, to);
    }

    private static boolean startsWith(byte[] bytes, int i, int to, byte[] word) {
        if (to - i < word.length) {
            return false;
        }
        for (int k = 1; k < word.length; k++) {
            if (bytes[i + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOverlongLead(byte[] bytes, int i, int to) {
        int lead = bytes[i] & 0xff;
        if (lead == 0xc0 || lead == 0xc1) {
            return true;
        }
        int next = i + 1 < to ? bytes[i + 1] & 0xff : 0xff;
        return (lead == 0xe0 && next < 0xa0) || (lead == 0xf0 && next < 0x90);
    }

    private static byte[] quoted(String word) {
        return ("\"" + word + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
