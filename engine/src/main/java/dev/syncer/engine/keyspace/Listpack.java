package dev.syncer.engine.keyspace;

import java.util.Arrays;

/**
 * A small collection's elements packed into one byte[], as Redis packs them into a listpack: each
 * element is its length (a varint, one byte up to 127) followed by its bytes, so an element costs
 * its length plus a byte instead of a {@link Key} and a map node. Lookups scan, which is cheap at
 * the sizes a value stays packed at. A packed array is never modified once built (a hash's
 * excepted: it owns its array, see {@link HashValue}): every change makes a new one, so a
 * copy-on-write copy may share it.
 */
final class Listpack {

    static final byte[] EMPTY = new byte[0];

    private Listpack() {
    }

    /** The length of the element at off. */
    static int length(byte[] lp, int off) {
        int len = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = lp[off++];
            len |= (b & 0x7F) << shift;
            if (b >= 0) {
                return len;
            }
        }
    }

    /** Where the bytes of the element at off start. */
    static int data(byte[] lp, int off) {
        while (lp[off] < 0) {
            off++;
        }
        return off + 1;
    }

    /** Where the element after the one at off starts. */
    static int next(byte[] lp, int off) {
        return data(lp, off) + length(lp, off);
    }

    /** The element at off, copied. */
    static byte[] element(byte[] lp, int off) {
        int from = data(lp, off);
        return Arrays.copyOfRange(lp, from, from + length(lp, off));
    }

    /** Whether the element at off holds exactly these bytes. */
    static boolean matches(byte[] lp, int off, byte[] bytes) {
        if (length(lp, off) != bytes.length) {
            return false;
        }
        int from = data(lp, off);
        return Arrays.equals(lp, from, from + bytes.length, bytes, 0, bytes.length);
    }

    /** The offset of the element at position index (counting from 0), or lp.length past the last. */
    static int seek(byte[] lp, int index) {
        return seek(lp, 0, index);
    }

    /** As {@link #seek(byte[], int)} in an array whose elements start at from (after a header). */
    static int seek(byte[] lp, int from, int index) {
        int off = from;
        for (int i = 0; i < index && off < lp.length; i++) {
            off = next(lp, off);
        }
        return off;
    }

    /**
     * The offset of the first element equal to bytes among every step-th element (step 2: a
     * hash's fields, skipping their values), or -1.
     */
    static int find(byte[] lp, byte[] bytes, int step) {
        return find(lp, 0, bytes, step);
    }

    /** As {@link #find(byte[], byte[], int)} in an array whose elements start at from (after a header). */
    static int find(byte[] lp, int from, byte[] bytes, int step) {
        for (int off = from; off < lp.length; ) {
            if (matches(lp, off, bytes)) {
                return off;
            }
            off = next(lp, off);
            for (int s = 1; s < step; s++) {
                off = next(lp, off);
            }
        }
        return -1;
    }

    /** A new array: lp with its bytes [from, to) replaced by the given elements, encoded. */
    static byte[] replace(byte[] lp, int from, int to, byte[]... elements) {
        int added = 0;
        for (byte[] e : elements) {
            added += encodedSize(e.length);
        }
        byte[] out = new byte[lp.length - (to - from) + added];
        System.arraycopy(lp, 0, out, 0, from);
        int off = from;
        for (byte[] e : elements) {
            off = write(out, off, e);
        }
        System.arraycopy(lp, to, out, off, lp.length - to);
        return out;
    }

    /**
     * A new array: lp without the element at off, the last element moved into its place (how a
     * set's removal keeps positions dense, see {@link MemberSet}).
     */
    static byte[] moveLastInto(byte[] lp, int off) {
        int end = next(lp, off);
        int last = end;
        if (end < lp.length) {
            for (int n; (n = next(lp, last)) < lp.length; ) {
                last = n;
            }
        } else {
            last = lp.length; // off is the last element: nothing moves
        }
        byte[] out = new byte[lp.length - (end - off)];
        System.arraycopy(lp, 0, out, 0, off);
        int lastLen = lp.length - last;
        System.arraycopy(lp, last, out, off, lastLen);
        System.arraycopy(lp, end, out, off + lastLen, last - end);
        return out;
    }

    /** The bytes an element of len bytes takes: its varint length and itself. */
    static int encodedSize(int len) {
        int size = len + 1;
        for (int rest = len >>> 7; rest != 0; rest >>>= 7) {
            size++;
        }
        return size;
    }

    private static int write(byte[] out, int off, byte[] e) {
        return write(out, off, e, 0, e.length);
    }

    /** Writes the element held in bytes [from, from + len) of src at off; returns where the next element starts. */
    static int write(byte[] out, int off, byte[] src, int from, int len) {
        int rest = len;
        while (rest > 0x7F) {
            out[off++] = (byte) (rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        out[off++] = (byte) rest;
        System.arraycopy(src, from, out, off, len);
        return off + len;
    }
}
