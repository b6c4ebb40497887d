package dev.syncer.engine.keyspace;

/** Integer text as Redis reads it (string2ll): canonical decimal only, no '+', no leading zeros. */
public final class Numbers {

    private Numbers() {
    }

    public static Long parseLong(byte[] s) {
        return parseLong(s, 0, s.length);
    }

    /** {@link #parseLong(byte[])} of the bytes [from, to) of s. */
    public static Long parseLong(byte[] s, int from, int to) {
        int n = to - from;
        if (n == 0 || n > 20) {
            return null;
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
                return null;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return null;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            v = v * 10 - d; // accumulate negatively so Long.MIN_VALUE fits
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return null;
            }
            v = -v;
        }
        return v;
    }
}
