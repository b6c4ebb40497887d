package dev.syncer.engine.keyspace;

import java.util.Arrays;

/** Integer text as Redis reads it (string2ll): canonical decimal only, no '+', no leading zeros. */
public final class Numbers {

    /** What {@link #parse} returns for text that is not an integer (and for Long.MIN_VALUE's own text). */
    public static final long NOT_A_LONG = Long.MIN_VALUE;
    private static final byte[] MIN_TEXT = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Numbers() {
    }

    public static Long parseLong(byte[] s) {
        return parseLong(s, 0, s.length);
    }

    /** {@link #parseLong(byte[])} of the bytes [from, to) of s. */
    public static Long parseLong(byte[] s, int from, int to) {
        long v = parse(s, from, to);
        return v != NOT_A_LONG || isMinText(s, from, to) ? Long.valueOf(v) : null;
    }

    /** Whether s is canonical int64 text, without boxing. */
    public static boolean isLong(byte[] s) {
        return parse(s, 0, s.length) != NOT_A_LONG || isMinText(s, 0, s.length);
    }

    private static boolean isMinText(byte[] s, int from, int to) {
        return to - from == MIN_TEXT.length && Arrays.equals(s, from, to, MIN_TEXT, 0, MIN_TEXT.length);
    }

    /** The bytes [from, to) of s as a long without boxing, or {@link #NOT_A_LONG} (see {@link #isLong}). */
    public static long parse(byte[] s, int from, int to) {
        int n = to - from;
        if (n == 0 || n > 20) {
            return NOT_A_LONG;
        }
        if (n == 1 && s[from] == '0') {
            return 0L;
        }
        int i = from;
        boolean negative = false;
        if (s[from] == '-') {
            negative = true;
            i = from + 1;
            if (n == 1) {
                return NOT_A_LONG;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return NOT_A_LONG;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_LONG;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return NOT_A_LONG;
            }
            v = v * 10 - d; // accumulate negatively so Long.MIN_VALUE fits
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return NOT_A_LONG;
            }
            v = -v;
        }
        return v;
    }
}
