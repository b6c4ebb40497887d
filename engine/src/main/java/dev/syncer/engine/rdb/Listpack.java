package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.StreamListpack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Listpacks (listpack.c), the blob inside types 16, 17, 18 and 20:
 * <pre>
 *   &lt;u32 LE total bytes&gt; &lt;u16 LE element count, 65535 = unknown&gt; entry* 0xFF
 *   entry = &lt;encoding + data&gt; &lt;backlen: size of encoding+data, 1..5 bytes&gt;
 *   0xxxxxxx            7-bit uint          10xxxxxx + n        string, n &lt; 64
 *   110xxxxx + 1        13-bit signed int   1110xxxx + 1 + n    string, n &lt; 4096 (length big-endian)
 *   F0 + u32 LE n + n   string              F1/F2/F3/F4         int16/24/32/64 LE
 * </pre>
 * Decoding checks everything a lying header could break: total size, each entry within bounds,
 * each backlen equal to what Redis would write, the count, and the end byte.
 */
final class Listpack {

    private static final int HEADER = 6;
    private static final int END = 0xFF;

    private Listpack() {
    }

    /** Every element as bytes (integers as their decimal text). */
    static List<byte[]> decode(byte[] lp) throws EncodingException {
        if (lp.length < HEADER + 1) {
            throw new EncodingException("listpack of " + lp.length + " bytes is shorter than its header");
        }
        long total = Blobs.le(lp, 0, 4);
        if (total != lp.length) {
            throw new EncodingException("listpack header says " + total + " bytes but the blob has " + lp.length);
        }
        int declared = (int) Blobs.le(lp, 4, 2);
        List<byte[]> out = new ArrayList<>(Math.min(declared, 1024));
        int p = HEADER;
        int last = lp.length - 1;
        while (p < last) {
            int b = lp[p] & 0xff;
            int entryLen;
            byte[] value;
            if ((b & 0x80) == 0) {
                entryLen = 1;
                value = Blobs.decimal(b);
            } else if ((b & 0xC0) == 0x80) {
                int n = b & 0x3f;
                entryLen = 1 + n;
                Blobs.need(lp, p, entryLen, "listpack string");
                value = Blobs.slice(lp, p + 1, n);
            } else if ((b & 0xE0) == 0xC0) {
                entryLen = 2;
                Blobs.need(lp, p, 2, "listpack integer");
                value = Blobs.decimal(Blobs.signed((b & 0x1f) << 8 | (lp[p + 1] & 0xff), 13));
            } else if ((b & 0xF0) == 0xE0) {
                Blobs.need(lp, p, 2, "listpack string header");
                int n = (b & 0x0f) << 8 | (lp[p + 1] & 0xff);
                entryLen = 2 + n;
                Blobs.need(lp, p, entryLen, "listpack string");
                value = Blobs.slice(lp, p + 2, n);
            } else if (b == 0xF0) {
                Blobs.need(lp, p, 5, "listpack string header");
                long n = Blobs.le(lp, p + 1, 4);
                Blobs.need(lp, p, 5 + n, "listpack string");
                entryLen = (int) (5 + n);
                value = Blobs.slice(lp, p + 5, (int) n);
            } else if (b >= 0xF1 && b <= 0xF4) {
                int bytes = b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8;
                entryLen = 1 + bytes;
                Blobs.need(lp, p, entryLen, "listpack integer");
                value = Blobs.decimal(Blobs.signed(Blobs.le(lp, p + 1, bytes), bytes * 8));
            } else if (b == END) {
                throw new EncodingException("listpack ends at byte " + p + " of " + lp.length);
            } else {
                throw new EncodingException("unknown listpack entry encoding 0x" + Integer.toHexString(b) + " at byte " + p);
            }
            int backlen = backlenSize(entryLen);
            Blobs.need(lp, p + entryLen, backlen, "listpack backlen");
            if (p + entryLen + backlen > last) {
                throw new EncodingException("listpack entry at byte " + p + " runs into the end byte");
            }
            byte[] expected = new byte[5];
            encodeBacklen(entryLen, expected, 0);
            if (!Arrays.equals(lp, p + entryLen, p + entryLen + backlen, expected, 0, backlen)) {
                throw new EncodingException("listpack entry at byte " + p + " has a wrong backlen");
            }
            out.add(value);
            p += entryLen + backlen;
        }
        if (p != last || (lp[last] & 0xff) != END) {
            throw new EncodingException("listpack has no end byte");
        }
        if (declared != 0xFFFF && declared != out.size()) {
            throw new EncodingException("listpack header says " + declared + " elements but holds " + out.size());
        }
        return out;
    }

    /** Bytes lpEncodeBacklen uses for an entry of l bytes (the thresholds are Redis's, exactly). */
    static int backlenSize(long l) {
        if (l <= 127) {
            return 1;
        } else if (l < 16383) {
            return 2;
        } else if (l < 2097151) {
            return 3;
        } else if (l < 268435455) {
            return 4;
        }
        return 5;
    }

    /** lpEncodeBacklen: most significant 7 bits first; every byte after the first has bit 7 set. */
    static int encodeBacklen(long l, byte[] out, int at) {
        int n = backlenSize(l);
        for (int i = 0; i < n; i++) {
            int shift = 7 * (n - 1 - i);
            int bits = (int) (l >>> shift) & 127;
            out[at + i] = (byte) (i == 0 ? bits : bits | 128);
        }
        return n;
    }

    /** Builds a listpack as lpAppend does: canonical int64 text becomes an integer entry. */
    static final class Builder {
        private byte[] buf = new byte[64];
        private int size = HEADER;
        private int count;

        /** Total bytes the finished listpack will have (lpBytes). */
        int bytes() {
            return size + 1;
        }

        int count() {
            return count;
        }

        Builder add(byte[] s) {
            ensure(s.length + 10);
            size = StreamListpack.writeString(buf, size, s);
            count++;
            return this;
        }

        Builder addInt(long v) {
            ensure(9 + 1);
            size = StreamListpack.writeInt(buf, size, v);
            count++;
            return this;
        }

        private void putLE(int at, long v, int n) {
            for (int i = 0; i < n; i++) {
                buf[at + i] = (byte) (v >>> (8 * i));
            }
        }

        private void ensure(int more) {
            if (size + more + 1 > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more + 1));
            }
        }

        byte[] finish() {
            ensure(1);
            buf[size] = (byte) END;
            int total = size + 1;
            putLE(0, total, 4);
            putLE(4, Math.min(count, 0xFFFF), 2);
            return Arrays.copyOf(buf, total);
        }
    }
}
