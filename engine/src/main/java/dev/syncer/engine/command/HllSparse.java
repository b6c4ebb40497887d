package dev.syncer.engine.command;

import java.util.Arrays;

/**
 * The sparse representation of a {@link HyperLogLog} (hyperloglog.c's hllSparse*): run-length
 * opcodes ZERO (00xxxxxx, 1..64 zero registers), XZERO (01xxxxxx xxxxxxxx, 1..16384 zero
 * registers) and VAL (1vvvvvxx, 1..4 registers of value 1..32), walked, decoded and edited in
 * the HyperLogLog's buffer as Redis edits its sds.
 */
final class HllSparse {

    static final int XZERO_BIT = 0x40;
    private static final int VAL_BIT = 0x80;
    private static final int VAL_MAX_VALUE = 32;
    private static final int VAL_MAX_LEN = 4;
    private static final int ZERO_MAX_LEN = 64;
    static final int XZERO_MAX_LEN = 16384;
    private static final int HEADER = HyperLogLog.HEADER;
    private static final int REGISTERS = HyperLogLog.REGISTERS;

    private HllSparse() {
    }

    private static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    private static boolean isXZero(int op) {
        return (op & 0xc0) == XZERO_BIT;
    }

    private static int zeroLen(int op) {
        return (op & 0x3f) + 1;
    }

    /** An XZERO's length; a truncated one reads the byte past the end as 0, as Redis reads its sds terminator. */
    private static int xzeroLen(HyperLogLog h, int p) {
        int low = p + 1 < h.len ? h.buf[p + 1] & 0xff : 0;
        return (((h.buf[p] & 0x3f) << 8) | low) + 1;
    }

    private static int valValue(int op) {
        return ((op >> 2) & 0x1f) + 1;
    }

    private static int valLen(int op) {
        return (op & 0x3) + 1;
    }

    private static byte val(int value, int length) {
        return (byte) (((value - 1) << 2 | (length - 1)) | VAL_BIT);
    }

    /** Writes a ZERO or XZERO run of length at n, returning the bytes written. */
    private static int zeros(byte[] out, int n, int length) {
        if (length > ZERO_MAX_LEN) {
            out[n] = (byte) (((length - 1) >> 8) | XZERO_BIT);
            out[n + 1] = (byte) (length - 1);
            return 2;
        }
        out[n] = (byte) (length - 1);
        return 1;
    }

    /** Receives one sparse opcode: its kind ('z' ZERO, 'Z' XZERO, 'v' VAL), value and run length. */
    @FunctionalInterface
    interface OpcodeVisitor {
        /** False stops the walk. */
        boolean visit(char kind, int value, int run);
    }

    /** Walks the sparse opcodes in order (a truncated XZERO reads a 0 past the end, as Redis does). */
    static void walk(HyperLogLog h, OpcodeVisitor visitor) {
        int p = HEADER;
        while (p < h.len) {
            int op = h.buf[p] & 0xff;
            boolean more;
            if (isZero(op)) {
                more = visitor.visit('z', 0, zeroLen(op));
                p++;
            } else if (isXZero(op)) {
                more = visitor.visit('Z', 0, xzeroLen(h, p));
                p += 2;
            } else {
                more = visitor.visit('v', valValue(op), valLen(op));
                p++;
            }
            if (!more) {
                return;
            }
        }
    }

    /** Receives a register's index and value. */
    @FunctionalInterface
    interface RegisterConsumer {
        void accept(int index, int value);
    }

    /**
     * Hands every register a VAL opcode sets to the consumer (index, value), stopping at any opcode
     * that runs past the last register, as hllSparseToDense and hllMerge do; true if the
     * opcodes cover exactly the 16384 registers.
     */
    static boolean forEachRegister(HyperLogLog h, RegisterConsumer consumer) {
        int[] idx = {0};
        walk(h, (kind, value, run) -> {
            if (run + idx[0] > REGISTERS) {
                idx[0] = REGISTERS + 1; // past the last register (runs adding up beyond 2^31 included): corrupt
                return false;
            }
            if (kind == 'v') {
                for (int k = 0; k < run; k++) {
                    consumer.accept(idx[0] + k, value);
                }
            }
            idx[0] += run;
            return true;
        });
        return idx[0] == REGISTERS;
    }

    private static void ensureRoom(HyperLogLog h, int extra) {
        if (h.len + extra > h.buf.length) {
            h.buf = Arrays.copyOf(h.buf, Math.max(h.len + extra, h.buf.length * 2));
        }
    }

    /** Redis's hllSparseSet, case by case (A to D), then the merge of adjacent equal VALs. */
    static int set(HyperLogLog h, int index, int count, int sparseMaxBytes) {
        if (count > VAL_MAX_VALUE) {
            return h.promote(index, count);
        }
        ensureRoom(h, 3);
        int p = HEADER;
        int end = h.len;
        int first = 0;
        int prev = -1;
        int span = 0;
        while (p < end) {
            int op = h.buf[p] & 0xff;
            int oplen = 1;
            if (isZero(op)) {
                span = zeroLen(op);
            } else if ((op & VAL_BIT) != 0) {
                span = valLen(op);
            } else {
                span = xzeroLen(h, p);
                oplen = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += oplen;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        int op = h.buf[p] & 0xff;
        boolean zero = isZero(op);
        boolean xzero = isXZero(op);
        boolean isVal = !zero && !xzero;
        int next = xzero ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        int runlen = zero ? zeroLen(op) : xzero ? xzeroLen(h, p) : valLen(op);
        if (isVal) {
            if (valValue(op) >= count) {
                return 0; // case A
            }
            if (runlen == 1) {
                h.buf[p] = val(count, 1); // case B
                return mergeAndInvalidate(h, prev, end);
            }
        }
        if (zero && runlen == 1) {
            h.buf[p] = val(count, 1); // case C
            return mergeAndInvalidate(h, prev, end);
        }
        byte[] seq = new byte[5]; // case D: split the opcode in up to three
        int n = 0;
        int last = first + span - 1;
        if (zero || xzero) {
            if (index != first) {
                n += zeros(seq, n, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                n += zeros(seq, n, last - index);
            }
        } else {
            int current = valValue(op);
            if (index != first) {
                seq[n++] = val(current, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                seq[n++] = val(current, last - index);
            }
        }
        int oldLen = xzero ? 2 : 1;
        int delta = n - oldLen;
        if (delta > 0 && h.len + delta > sparseMaxBytes) {
            return h.promote(index, count);
        }
        if (delta != 0 && next >= 0) {
            System.arraycopy(h.buf, next, h.buf, next + delta, end - next);
        }
        h.len += delta;
        System.arraycopy(seq, 0, h.buf, p, n);
        end += delta;
        return mergeAndInvalidate(h, prev, end);
    }

    /** Step 4 of hllSparseSet: merge adjacent VALs of equal value, scanning 5 opcodes from prev. */
    private static int mergeAndInvalidate(HyperLogLog h, int prev, int end) {
        int p = prev >= 0 ? prev : HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int op = h.buf[p] & 0xff;
            if (isXZero(op)) {
                p += 2;
                continue;
            } else if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < end && (h.buf[p + 1] & VAL_BIT) != 0) {
                int v1 = valValue(op);
                int v2 = valValue(h.buf[p + 1] & 0xff);
                if (v1 == v2) {
                    int merged = valLen(op) + valLen(h.buf[p + 1] & 0xff);
                    if (merged <= VAL_MAX_LEN) {
                        h.buf[p + 1] = val(v1, merged);
                        System.arraycopy(h.buf, p + 1, h.buf, p, end - p - 1);
                        h.len--;
                        end--;
                        continue;
                    }
                }
            }
            p++;
        }
        h.invalidateCache();
        return 1;
    }

    /** PFDEBUG DECODE's text: "z:h.len", "Z:h.len", "v:value,h.len" per opcode, blank-separated. */
    static String decode(HyperLogLog h) {
        StringBuilder s = new StringBuilder();
        walk(h, (kind, value, run) -> {
            s.append(kind).append(':');
            if (kind == 'v') {
                s.append(value).append(',');
            }
            s.append(run).append(' ');
            return true;
        });
        return s.toString().strip();
    }
}
