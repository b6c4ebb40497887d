package dev.syncer.engine.rdb;

/**
 * LZF as Redis uses it for RDB strings (lzf_c.c / lzf_d.c with Redis's lzfP.h: HLOG 16,
 * VERY_FAST, CHECK_INPUT). The compressor follows the same match search and the same "does the
 * output still fit" checks, so the decision to store a string compressed and the compressed bytes
 * are the ones redis-server produces.
 *
 * <p>Format: {@code 000LLLLL} + L+1 literal bytes; {@code LLLooooo oooooooo} a back reference of
 * L+2 bytes at distance o+1; {@code 111ooooo LLLLLLLL oooooooo} the same with length L+9.
 *
 * <p>An instance keeps its hash table between calls (one per writer thread); stale entries from
 * earlier inputs are told apart by a moving base, so no table clearing per string.
 */
final class Lzf {

    private static final int HLOG = 16;
    private static final int HSIZE = 1 << HLOG;
    private static final int MAX_LIT = 1 << 5;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    /** The largest expansion a valid stream can encode: 264 bytes from a 3-byte reference. */
    static final int MAX_RATIO = 88;

    private final int[] table = new int[HSIZE];
    private int base = 1;

    private static int idx(int h) {
        return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
    }

    /**
     * Compresses in[0, inLen) into out[0, outLen); returns the compressed size, or 0 when the
     * result would not fit in outLen bytes (Redis then stores the string as it is).
     * {@code out} must have room for outLen + 1 bytes.
     */
    int compress(byte[] in, int inLen, byte[] out, int outLen) {
        if (inLen == 0 || outLen == 0) {
            return 0;
        }
        if (base > Integer.MAX_VALUE - inLen - 2) {
            java.util.Arrays.fill(table, 0);
            base = 1;
        }
        int b = base;
        base += inLen + 1;
        int ip = 0;
        int op = 1; // the control byte of the first literal run
        int lit = 0;
        int inEnd = inLen;
        int hval = inLen < 2 ? 0 : (in[0] & 0xff) << 8 | (in[1] & 0xff);
        while (ip < inEnd - 2) {
            hval = hval << 8 | (in[ip + 2] & 0xff);
            int slot = idx(hval);
            int stored = table[slot];
            table[slot] = b + ip;
            int ref = stored > b ? stored - b : -1; // -1: empty, or left over from another input
            int off;
            if (ref > 0 && ref < ip && (off = ip - ref - 1) < MAX_OFF
                    && in[ref + 2] == in[ip + 2] && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]) {
                int len = 2;
                int maxLen = Math.min(inEnd - ip - len, MAX_REF);
                if (op + 3 + 1 >= outLen && op - (lit == 0 ? 1 : 0) + 3 + 1 >= outLen) {
                    return 0;
                }
                out[op - lit - 1] = (byte) (lit - 1); // close the literal run
                if (lit == 0) {
                    op--; // drop the empty run's control byte
                }
                len = matchLength(in, ref, ip, maxLen);
                len -= 2; // now the number of octets minus one
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >>> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // start a new run
                ip += len + 1;
                if (ip >= inEnd - 2) {
                    break;
                }
                // VERY_FAST: rehash the two positions before ip
                ip -= 2;
                hval = (in[ip] & 0xff) << 8 | (in[ip + 1] & 0xff);
                hval = hval << 8 | (in[ip + 2] & 0xff);
                table[idx(hval)] = b + ip;
                ip++;
                hval = hval << 8 | (in[ip + 2] & 0xff);
                table[idx(hval)] = b + ip;
                ip++;
            } else {
                if (op >= outLen) {
                    return 0;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > outLen) {
            return 0;
        }
        while (ip < inEnd) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1);
        if (lit == 0) {
            op--;
        }
        return op;
    }

    /**
     * Length of the match at ref/ip (3 bytes already equal), as lzf_compress's loop counts it: with
     * more than 16 bytes to go it first compares 16 bytes unrolled, without the maxLen bound, so
     * a match may end up to two bytes past maxLen (still within the input).
     */
    private static int matchLength(byte[] in, int ref, int ip, int maxLen) {
        int len = 2;
        if (maxLen > 16) {
            for (int k = 0; k < 16; k++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxLen && in[ref + len] == in[ip + len]);
        return len;
    }

    /**
     * Decompresses in[0, inLen) into out, which must be exactly the expected size; returns false
     * when the data is not a valid LZF stream of exactly that size (lzf_decompress's E2BIG/EINVAL).
     */
    static boolean decompress(byte[] in, int inLen, byte[] out) {
        return decompress(in, 0, inLen, out);
    }

    /** As {@link #decompress(byte[], int, byte[])}, from {@code in[from..from+inLen)}. */
    static boolean decompress(byte[] in, int from, int inLen, byte[] out) {
        int ip = from;
        int op = 0;
        int outLen = out.length;
        inLen += from; // from here: the end of the input
        while (ip < inLen) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < (1 << 5)) {
                int n = ctrl + 1;
                if (op + n > outLen || ip + n > inLen) {
                    return false;
                }
                System.arraycopy(in, ip, out, op, n);
                ip += n;
                op += n;
            } else {
                int len = ctrl >>> 5;
                if (len == 7) {
                    if (ip >= inLen) {
                        return false;
                    }
                    len += in[ip++] & 0xff;
                }
                if (ip >= inLen) {
                    return false;
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                len += 2;
                if (op + len > outLen || ref < 0) {
                    return false;
                }
                // an overlapping reference repeats the bytes from ref to op: copied in doubling runs
                // (a run of one byte, as padding compresses to, is one copy of its length, not a byte loop)
                while (len > 0) {
                    int n = Math.min(op - ref, len);
                    System.arraycopy(out, ref, out, op, n);
                    op += n;
                    len -= n;
                }
            }
        }
        return op == outLen;
    }
}
