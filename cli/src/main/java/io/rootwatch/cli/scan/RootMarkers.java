package io.rootwatch.cli.scan;

/**
 * The cheap test that lets a scan skip parsing most CloudTrail records: a record can be root
 * activity only if its bytes hold {@code root} in some letter case. The classifier calls a record
 * root activity only when {@code userIdentity.type} is {@code "Root"} or the call is
 * {@code sts:AssumeRoot} ({@code sessionContext.assumedRoot} and the centralized-session key come
 * on top of a Root identity), and every one of those strings contains it.
 *
 * <p>What could hide the letters from a byte search makes a record a candidate too, so that
 * nothing is lost: any backslash-u escape (a JSON string may spell {@code Root} with its first letter escaped as
 * hexadecimal 0052), and the overlong UTF-8 forms a
 * lenient decoder might read as ASCII letters (lead bytes {@code C0}/{@code C1}, {@code E0} followed
 * by less than {@code A0}, {@code F0} followed by less than {@code 90}).
 */
final class RootMarkers {
    private RootMarkers() {
    }

    /** Whether {@code bytes[from, to)} may be a root record and must be parsed. */
    static boolean mayBeRoot(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (marksCandidate(bytes, i, to)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a candidate marker starts at {@code i}: the per-byte test the record splitter runs inline. */
    static boolean marksCandidate(byte[] bytes, int i, int to) {
        byte b = bytes[i];
        if ((b | 0x20) == 'r') {
            return i + 3 < to && (bytes[i + 1] | 0x20) == 'o' && (bytes[i + 2] | 0x20) == 'o' && (bytes[i + 3] | 0x20) == 't';
        }
        if (b == '\\') {
            return i + 1 < to && bytes[i + 1] == 'u';
        }
        return b < 0 && isOverlongLead(bytes, i, to);
    }

    private static boolean isOverlongLead(byte[] bytes, int i, int to) {
        int lead = bytes[i] & 0xff;
        if (lead == 0xc0 || lead == 0xc1) {
            return true;
        }
        int next = i + 1 < to ? bytes[i + 1] & 0xff : 0xff;
        return (lead == 0xe0 && next < 0xa0) || (lead == 0xf0 && next < 0x90);
    }
}
