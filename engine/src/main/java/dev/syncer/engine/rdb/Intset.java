package dev.syncer.engine.rdb;

import java.util.Arrays;

/**
 * Intsets (intset.c), the blob of type 11:
 * {@code <u32 LE width: 2, 4 or 8> <u32 LE count> <count × width-byte LE signed ints, ascending>}.
 */
final class Intset {

    private static final int HEADER = 8;

    private Intset() {
    }

    static long[] decode(byte[] is) throws EncodingException {
        if (is.length < HEADER) {
            throw new EncodingException("intset of " + is.length + " bytes is shorter than its header");
        }
        long width = Blobs.le(is, 0, 4);
        if (width != 2 && width != 4 && width != 8) {
            throw new EncodingException("intset has width " + width + " (2, 4 or 8 expected)");
        }
        long count = Blobs.le(is, 4, 4);
        if (HEADER + count * width != is.length) {
            throw new EncodingException("intset header says " + count + " members of " + width
                    + " bytes but the blob has " + is.length + " bytes");
        }
        int w = (int) width;
        long[] out = new long[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = Blobs.signed(Blobs.le(is, HEADER + i * w, w), w * 8);
            if (i > 0 && out[i] <= out[i - 1]) {
                throw new EncodingException("intset members are not strictly ascending at index " + i);
            }
        }
        return out;
    }

    /** The blob for these members (any order), with the smallest width that fits them all. */
    static byte[] encode(long[] members) {
        long[] sorted = members.clone();
        Arrays.sort(sorted);
        int width = 2;
        for (long v : sorted) {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                width = 8;
                break;
            }
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                width = 4;
            }
        }
        byte[] out = new byte[HEADER + sorted.length * width];
        put(out, 0, width, 4);
        put(out, 4, sorted.length, 4);
        for (int i = 0; i < sorted.length; i++) {
            put(out, HEADER + i * width, sorted[i], width);
        }
        return out;
    }

    private static void put(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
