package dev.syncer.engine.keyspace;

import java.nio.charset.StandardCharsets;

/**
 * Elements of a Redis listpack (listpack.c) as a stream node holds them, read and written in place:
 * each element is its encoding and data followed by a backlen (the size of both, 1..5 bytes), so a
 * node walks forwards and backwards. Canonical integer text becomes an integer element exactly as
 * lpAppend makes it, so a node's bytes are the listpack Redis would have (the RDB's listpack
 * builder writes its elements here too).
 * <pre>
 *   0xxxxxxx 7-bit uint | 10xxxxxx string &lt; 64 | 110xxxxx 13-bit int | 1110xxxx string &lt; 4096
 *   F0 u32 string | F1..F4 int16/24/32/64 (little-endian)
 * </pre>
 */
public final class StreamListpack {

    /** The listpack header: total bytes (u32) and element count (u16), both little-endian. */
    static final int HEADER = 6;
    static final int END = 0xFF;

    private StreamListpack() {
    }

    /** Size of an integer element with its backlen (lpEncodeIntegerGetType). */
    static int intSize(long v) {
        if (v >= 0 && v <= 127) {
            return 2;
        } else if (v >= -4096 && v <= 4095) {
            return 3;
        } else if (v >= -32768 && v <= 32767) {
            return 4;
        } else if (v >= -8388608 && v <= 8388607) {
            return 5;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return 6;
        }
        return 10;
    }

    /** Size of the element lpAppend makes of these bytes (an integer when they are int64 text). */
    static int stringSize(byte[] s) {
        long v = Numbers.parse(s, 0, s.length);
        if (isInteger(s, v)) {
            return intSize(v);
        }
        int n = s.length;
        int entry = (n < 64 ? 1 : n < 4096 ? 2 : 5) + n;
        return entry + backlenSize(entry);
    }

    /**
     * Whether s, parsed as {@code parsed}, is int64 text: the sentinel is also Long.MIN_VALUE's own
     * value, whose text has 20 bytes, so other strings (most values) are not parsed a second time.
     */
    private static boolean isInteger(byte[] s, long parsed) {
        return parsed != Numbers.NOT_A_LONG || s.length == 20 && Numbers.isLong(s);
    }

    static int backlenSize(long l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    /** Writes an integer element at {@code at}; returns where the next element starts. */
    public static int writeInt(byte[] buf, int at, long v) {
        int len;
        if (v >= 0 && v <= 127) {
            buf[at] = (byte) v;
            len = 1;
        } else if (v >= -4096 && v <= 4095) {
            long u = v < 0 ? (1 << 13) + v : v;
            buf[at] = (byte) (0xC0 | (u >>> 8));
            buf[at + 1] = (byte) u;
            len = 2;
        } else {
            int bytes = v >= -32768 && v <= 32767 ? 2 : v >= -8388608 && v <= 8388607 ? 3
                    : v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? 4 : 8;
            buf[at] = (byte) (bytes == 2 ? 0xF1 : bytes == 3 ? 0xF2 : bytes == 4 ? 0xF3 : 0xF4);
            for (int i = 0; i < bytes; i++) {
                buf[at + 1 + i] = (byte) (v >>> (8 * i));
            }
            len = 1 + bytes;
        }
        return at + len + writeBacklen(buf, at + len, len);
    }

    /** Writes the element lpAppend makes of these bytes; returns where the next element starts. */
    public static int writeString(byte[] buf, int at, byte[] s) {
        long v = Numbers.parse(s, 0, s.length);
        if (isInteger(s, v)) {
            return writeInt(buf, at, v);
        }
        int n = s.length;
        int header;
        if (n < 64) {
            buf[at] = (byte) (0x80 | n);
            header = 1;
        } else if (n < 4096) {
            buf[at] = (byte) (0xE0 | (n >>> 8));
            buf[at + 1] = (byte) n;
            header = 2;
        } else {
            buf[at] = (byte) 0xF0;
            for (int i = 0; i < 4; i++) {
                buf[at + 1 + i] = (byte) (n >>> (8 * i));
            }
            header = 5;
        }
        System.arraycopy(s, 0, buf, at + header, n);
        int len = header + n;
        return at + len + writeBacklen(buf, at + len, len);
    }

    /** lpEncodeBacklen: most significant 7 bits first; every byte after the first has bit 7 set. */
    private static int writeBacklen(byte[] buf, int at, int l) {
        int n = backlenSize(l);
        for (int i = 0; i < n; i++) {
            int bits = l >>> (7 * (n - 1 - i)) & 127;
            buf[at + i] = (byte) (i == 0 ? bits : bits | 128);
        }
        return n;
    }

    /** Size of the encoding and data of the element at {@code at} (without its backlen). */
    private static int encodedLength(byte[] lp, int at) {
        int b = lp[at] & 0xff;
        if ((b & 0x80) == 0) {
            return 1;
        } else if ((b & 0xC0) == 0x80) {
            return 1 + (b & 0x3f);
        } else if ((b & 0xE0) == 0xC0) {
            return 2;
        } else if ((b & 0xF0) == 0xE0) {
            return 2 + ((b & 0x0f) << 8 | lp[at + 1] & 0xff);
        } else if (b == 0xF0) {
            return 5 + (lp[at + 1] & 0xff | (lp[at + 2] & 0xff) << 8 | (lp[at + 3] & 0xff) << 16 | (lp[at + 4] & 0xff) << 24);
        }
        return 1 + intBytes(b);
    }

    private static int intBytes(int b) {
        return b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8;
    }

    /** Where the element after the one at {@code at} starts. */
    static int next(byte[] lp, int at) {
        int len = encodedLength(lp, at);
        return at + len + backlenSize(len);
    }

    /** Where the element ending just before {@code end} starts (lpDecodeBacklen). */
    static int previous(byte[] lp, int end) {
        int p = end - 1;
        long len = 0;
        int shift = 0;
        while (true) {
            int b = lp[p];
            len |= (long) (b & 127) << shift;
            if ((b & 128) == 0) {
                break;
            }
            shift += 7;
            p--;
        }
        return (int) (p - len);
    }

    /** Whether the element at {@code at} is an integer (not a string). */
    private static boolean isIntElement(int b) {
        return (b & 0x80) == 0 || (b & 0xE0) == 0xC0 || b >= 0xF1 && b <= 0xF4;
    }

    /** The integer element at {@code at} (a node's counters, flags and deltas are always integers). */
    static long integer(byte[] lp, int at) {
        int b = lp[at] & 0xff;
        if ((b & 0x80) == 0) {
            return b;
        } else if ((b & 0xE0) == 0xC0) {
            int u = (b & 0x1f) << 8 | lp[at + 1] & 0xff;
            return u >= 1 << 12 ? u - (1 << 13) : u;
        } else if (b >= 0xF1 && b <= 0xF4) {
            int bytes = intBytes(b);
            long v = 0;
            for (int i = bytes - 1; i >= 0; i--) {
                v = v << 8 | lp[at + 1 + i] & 0xff;
            }
            int unused = 64 - 8 * bytes;
            return v << unused >> unused;
        }
        throw new IllegalStateException("stream node element at " + at + " is not an integer");
    }

    /** The element at {@code at} as bytes, integers as their decimal text. */
    static byte[] element(byte[] lp, int at) {
        int b = lp[at] & 0xff;
        if (isIntElement(b)) {
            return Long.toString(integer(lp, at)).getBytes(StandardCharsets.US_ASCII);
        }
        int header = (b & 0xC0) == 0x80 ? 1 : (b & 0xF0) == 0xE0 ? 2 : 5;
        int from = at + header;
        return java.util.Arrays.copyOfRange(lp, from, at + encodedLength(lp, at));
    }

    /** Total bytes the element at {@code at} takes, backlen included. */
    static int size(byte[] lp, int at) {
        return next(lp, at) - at;
    }
}
