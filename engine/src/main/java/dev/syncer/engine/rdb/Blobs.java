package dev.syncer.engine.rdb;

import java.nio.charset.StandardCharsets;

/** Little-endian reads with bounds checks over an encoded blob, shared by the blob decoders. */
final class Blobs {

    private Blobs() {
    }

    static void need(byte[] b, long at, long n, String what) throws EncodingException {
        if (at < 0 || n < 0 || at + n > b.length) {
            throw new EncodingException(what + " overruns its " + b.length + "-byte blob (needs bytes "
                    + at + ".." + (at + n) + ")");
        }
    }

    /** Unsigned little-endian integer of n (<= 8) bytes at b[at]. */
    static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }

    /** Sign-extends the low {@code bits} bits of v. */
    static long signed(long v, int bits) {
        int shift = 64 - bits;
        return (v << shift) >> shift;
    }

    static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] slice(byte[] b, int at, int n) {
        byte[] out = new byte[n];
        System.arraycopy(b, at, out, 0, n);
        return out;
    }
}
