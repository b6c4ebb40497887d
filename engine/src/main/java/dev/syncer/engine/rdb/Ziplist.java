package dev.syncer.engine.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Ziplists (ziplist.c), written by Redis 2.6 to 6.2 inside types 10, 12, 13 and 14:
 * <pre>
 *   &lt;u32 LE zlbytes&gt; &lt;u32 LE zltail: offset of the last entry&gt; &lt;u16 LE zllen, 65535 = unknown&gt; entry* 0xFF
 *   entry = &lt;prevlen: 1 byte &lt; 254, or 0xFE + u32 LE&gt; &lt;encoding&gt; &lt;data&gt;
 *   00pppppp string, 6-bit length     01pppppp qqqqqqqq string, 14-bit length (big-endian)
 *   10000000 + u32 BE length, string  C0 int16, D0 int32, E0 int64, F0 int24, FE int8 (LE)
 *   F1..FD immediate 0..12
 * </pre>
 * Decoding checks the header's size, tail and count and each entry's prevlen.
 */
final class Ziplist {

    private static final int HEADER = 10;

    private Ziplist() {
    }

    static List<byte[]> decode(byte[] zl) throws EncodingException {
        if (zl.length < HEADER + 1) {
            throw new EncodingException("ziplist of " + zl.length + " bytes is shorter than its header");
        }
        long total = Blobs.le(zl, 0, 4);
        if (total != zl.length) {
            throw new EncodingException("ziplist header says " + total + " bytes but the blob has " + zl.length);
        }
        long tail = Blobs.le(zl, 4, 4);
        int declared = (int) Blobs.le(zl, 8, 2);
        List<byte[]> out = new ArrayList<>(Math.min(declared, 1024));
        int last = zl.length - 1;
        int p = HEADER;
        int prevEntry = HEADER;
        int prevLen = 0;
        while (p < last) {
            int start = p;
            int prevlenField = zl[p] & 0xff;
            long storedPrev;
            if (prevlenField < 254) {
                storedPrev = prevlenField;
                p += 1;
            } else if (prevlenField == 254) {
                Blobs.need(zl, p, 5, "ziplist prevlen");
                storedPrev = Blobs.le(zl, p + 1, 4);
                p += 5;
            } else {
                throw new EncodingException("ziplist ends at byte " + p + " of " + zl.length);
            }
            if (storedPrev != prevLen) {
                throw new EncodingException("ziplist entry at byte " + start + " has prevlen " + storedPrev + ", expected " + prevLen);
            }
            Blobs.need(zl, p, 1, "ziplist entry");
            int e = zl[p] & 0xff;
            byte[] value;
            switch (e >>> 6) {
                case 0 -> {
                    int n = e & 0x3f;
                    Blobs.need(zl, p + 1, n, "ziplist string");
                    value = Blobs.slice(zl, p + 1, n);
                    p += 1 + n;
                }
                case 1 -> {
                    Blobs.need(zl, p, 2, "ziplist string header");
                    int n = (e & 0x3f) << 8 | (zl[p + 1] & 0xff);
                    Blobs.need(zl, p + 2, n, "ziplist string");
                    value = Blobs.slice(zl, p + 2, n);
                    p += 2 + n;
                }
                case 2 -> {
                    if (e != 0x80) {
                        throw new EncodingException("bad ziplist encoding 0x" + Integer.toHexString(e) + " at byte " + p);
                    }
                    Blobs.need(zl, p, 5, "ziplist string header");
                    long n = (zl[p + 1] & 0xffL) << 24 | (zl[p + 2] & 0xff) << 16 | (zl[p + 3] & 0xff) << 8 | (zl[p + 4] & 0xff);
                    Blobs.need(zl, p + 5, n, "ziplist string");
                    value = Blobs.slice(zl, p + 5, (int) n);
                    p += 5 + (int) n;
                }
                default -> {
                    int bytes = switch (e) {
                        case 0xC0 -> 2;
                        case 0xD0 -> 4;
                        case 0xE0 -> 8;
                        case 0xF0 -> 3;
                        case 0xFE -> 1;
                        default -> 0;
                    };
                    if (bytes > 0) {
                        Blobs.need(zl, p + 1, bytes, "ziplist integer");
                        value = Blobs.decimal(Blobs.signed(Blobs.le(zl, p + 1, bytes), bytes * 8));
                        p += 1 + bytes;
                    } else if (e >= 0xF1 && e <= 0xFD) {
                        value = Blobs.decimal((e & 0x0f) - 1);
                        p += 1;
                    } else {
                        throw new EncodingException("bad ziplist encoding 0x" + Integer.toHexString(e) + " at byte " + p);
                    }
                }
            }
            if (p > last) {
                throw new EncodingException("ziplist entry at byte " + start + " runs into the end byte");
            }
            out.add(value);
            prevLen = p - start;
            prevEntry = start;
        }
        if ((zl[last] & 0xff) != 0xFF) {
            throw new EncodingException("ziplist has no end byte");
        }
        if (tail != prevEntry) {
            throw new EncodingException("ziplist header says the last entry is at byte " + tail + " but it is at " + prevEntry);
        }
        if (declared != 0xFFFF && declared != out.size()) {
            throw new EncodingException("ziplist header says " + declared + " entries but holds " + out.size());
        }
        return out;
    }
}
