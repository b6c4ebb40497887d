package dev.syncer.engine.command;

import java.util.Arrays;

/**
 * A HyperLogLog in Redis 7.0's exact byte layout (hyperloglog.c), being edited: a 16-byte header
 * ("HYLL", encoding, 3 unused bytes, the cached cardinality little-endian with bit 63 meaning
 * "stale"), then either 16384 6-bit registers packed LSB-first (dense, 12288 bytes) or the sparse
 * run-length opcodes ZERO (00xxxxxx), XZERO (01xxxxxx xxxxxxxx) and VAL (1vvvvvxx). Elements are
 * hashed with MurmurHash64A and seed 0xadc83b19; the estimate is Ertl's improved estimator, as
 * Redis's {@code hllCount}. Same input, same bytes, same numbers as a real Redis.
 */
final class HyperLogLog {

    static final int HEADER = 16;
    static final int P = 14;
    static final int Q = 64 - P;
    static final int REGISTERS = 1 << P;
    static final int BITS = 6;
    static final int REGISTER_MAX = (1 << BITS) - 1;
    static final int DENSE_SIZE = HEADER + (REGISTERS * BITS + 7) / 8;
    static final int DENSE = 0;
    static final int SPARSE = 1;
    private static final int XZERO_BIT = 0x40;
    private static final int VAL_BIT = 0x80;
    private static final int VAL_MAX_VALUE = 32;
    private static final int VAL_MAX_LEN = 4;
    private static final int ZERO_MAX_LEN = 64;
    private static final int XZERO_MAX_LEN = 16384;
    private static final long SEED = 0xadc83b19L;

    private byte[] buf;
    private int len;

    private HyperLogLog(byte[] bytes) {
        this.buf = bytes;
        this.len = bytes.length;
    }

    /** An editable copy of a string value's bytes (the value itself stays untouched). */
    static HyperLogLog of(byte[] value) {
        return new HyperLogLog(Arrays.copyOf(value, value.length));
    }

    /**
     * The value's own bytes edited where they are: only for a dense one (its length never changes),
     * and only when the keyspace says no one else can see them (Database#editableBytes).
     */
    static HyperLogLog inPlace(byte[] dense) {
        return new HyperLogLog(dense);
    }

    /** Redis's createHLLObject: sparse, every register zero (one XZERO), cached cardinality 0. */
    static HyperLogLog empty() {
        byte[] b = new byte[HEADER + ((REGISTERS + XZERO_MAX_LEN - 1) / XZERO_MAX_LEN) * 2];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[4] = SPARSE;
        int p = HEADER;
        for (int left = REGISTERS; left > 0; left -= XZERO_MAX_LEN) {
            int run = Math.min(XZERO_MAX_LEN, left) - 1;
            b[p++] = (byte) ((run >> 8) | XZERO_BIT);
            b[p++] = (byte) run;
        }
        return new HyperLogLog(b);
    }

    /** Redis's isHLLObjectOrReply check: header, known encoding, exact dense length. */
    static boolean isValid(byte[] s) {
        return s.length >= HEADER && s[0] == 'H' && s[1] == 'Y' && s[2] == 'L' && s[3] == 'L'
                && (s[4] & 0xff) <= SPARSE && (s[4] != DENSE || s.length == DENSE_SIZE);
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    /** The bytes without a copy when they fill the buffer (a dense one): the HLL is not edited afterwards. */
    byte[] take() {
        return len == buf.length ? buf : bytes();
    }

    int encoding() {
        return buf[4];
    }

    boolean cacheValid() {
        return (buf[15] & 0x80) == 0;
    }

    long cachedCardinality() {
        long card = 0;
        for (int i = 7; i >= 0; i--) {
            card = (card << 8) | (buf[8 + i] & 0xff);
        }
        return card;
    }

    void cache(long card) {
        for (int i = 0; i < 8; i++) {
            buf[8 + i] = (byte) (card >>> (8 * i));
        }
    }

    void invalidateCache() {
        buf[15] |= (byte) 0x80;
    }

    // ---------------------------------------------------------------- hashing

    /** Redis's hllPatLen, packed: register index in the low 32 bits, run length (1..Q+1) above. */
    static long patLen(byte[] element) {
        long hash = MurmurHash64A.hash(element, SEED);
        int index = (int) (hash & (REGISTERS - 1));
        hash >>>= P;
        hash |= 1L << Q;
        int count = Long.numberOfTrailingZeros(hash) + 1;
        return ((long) count << 32) | index;
    }

    /**
     * Whether adding element to a valid dense value would raise a register, read in place (no
     * copy): PFADD of elements already counted, the common case once an HLL is dense, then costs
     * no 12 KB copy of the value.
     */
    static boolean denseGrows(byte[] dense, byte[] element) {
        long pat = patLen(element);
        return (int) (pat >>> 32) > new HyperLogLog(dense).register((int) pat);
    }

    /** Adds an element: 1 if a register grew, 0 if not, -1 if the sparse form is corrupt. */
    int add(byte[] element, int sparseMaxBytes) {
        long pat = patLen(element);
        int index = (int) pat;
        int count = (int) (pat >>> 32);
        return set(index, count, sparseMaxBytes);
    }

    /** Raises register index to count if lower (promoting to dense when needed); 1, 0 or -1 as add. */
    int set(int index, int count, int sparseMaxBytes) {
        if (encoding() == DENSE) {
            return denseSet(index, count) ? 1 : 0;
        }
        return sparseSet(index, count, sparseMaxBytes);
    }

    // ---------------------------------------------------------------- dense

    private int register(int regnum) {
        int at = HEADER + regnum * BITS / 8;
        int fb = regnum * BITS & 7;
        int b0 = buf[at] & 0xff;
        int b1 = at + 1 < len ? buf[at + 1] & 0xff : 0;
        return ((b0 >> fb) | (b1 << (8 - fb))) & REGISTER_MAX;
    }

    private void setRegister(int regnum, int value) {
        int at = HEADER + regnum * BITS / 8;
        int fb = regnum * BITS & 7;
        int fb8 = 8 - fb;
        buf[at] = (byte) ((buf[at] & ~(REGISTER_MAX << fb)) | (value << fb));
        if (at + 1 < len) {
            buf[at + 1] = (byte) ((buf[at + 1] & ~(REGISTER_MAX >> fb8)) | (value >> fb8));
        }
    }

    private boolean denseSet(int index, int count) {
        if (count > register(index)) {
            setRegister(index, count);
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- sparse

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
    private int xzeroLen(int p) {
        int low = p + 1 < len ? buf[p + 1] & 0xff : 0;
        return (((buf[p] & 0x3f) << 8) | low) + 1;
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

    /** Redis's hllSparseToDense; false (nothing changed) if the sparse form is corrupt. */
    boolean toDense() {
        if (encoding() == DENSE) {
            return true;
        }
        HyperLogLog dense = new HyperLogLog(new byte[DENSE_SIZE]);
        System.arraycopy(buf, 0, dense.buf, 0, HEADER);
        dense.buf[4] = DENSE;
        if (!forEachSparseRegister(dense::setRegister)) {
            return false;
        }
        buf = dense.buf;
        len = dense.len;
        return true;
    }

    /** Receives one sparse opcode: its kind ('z' ZERO, 'Z' XZERO, 'v' VAL), value and run length. */
    @FunctionalInterface
    private interface OpcodeVisitor {
        /** False stops the walk. */
        boolean visit(char kind, int value, int run);
    }

    /** Walks the sparse opcodes in order (a truncated XZERO reads a 0 past the end, as Redis does). */
    private void walkSparse(OpcodeVisitor visitor) {
        int p = HEADER;
        while (p < len) {
            int op = buf[p] & 0xff;
            boolean more;
            if (isZero(op)) {
                more = visitor.visit('z', 0, zeroLen(op));
                p++;
            } else if (isXZero(op)) {
                more = visitor.visit('Z', 0, xzeroLen(p));
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
    private interface RegisterConsumer {
        void accept(int index, int value);
    }

    /**
     * Hands every register a VAL opcode sets to the consumer (index, value), stopping at any opcode
     * that runs past the last register, as hllSparseToDense and hllMerge do; true if the
     * opcodes cover exactly the 16384 registers.
     */
    private boolean forEachSparseRegister(RegisterConsumer consumer) {
        int[] idx = {0};
        walkSparse((kind, value, run) -> {
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

    private void ensureRoom(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + extra, buf.length * 2));
        }
    }

    /** Redis's hllSparseSet, case by case (A to D), then the merge of adjacent equal VALs. */
    private int sparseSet(int index, int count, int sparseMaxBytes) {
        if (count > VAL_MAX_VALUE) {
            return promote(index, count);
        }
        ensureRoom(3);
        int p = HEADER;
        int end = len;
        int first = 0;
        int prev = -1;
        int span = 0;
        while (p < end) {
            int op = buf[p] & 0xff;
            int oplen = 1;
            if (isZero(op)) {
                span = zeroLen(op);
            } else if ((op & VAL_BIT) != 0) {
                span = valLen(op);
            } else {
                span = xzeroLen(p);
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
        int op = buf[p] & 0xff;
        boolean zero = isZero(op);
        boolean xzero = isXZero(op);
        boolean isVal = !zero && !xzero;
        int next = xzero ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        int runlen = zero ? zeroLen(op) : xzero ? xzeroLen(p) : valLen(op);
        if (isVal) {
            if (valValue(op) >= count) {
                return 0; // case A
            }
            if (runlen == 1) {
                buf[p] = val(count, 1); // case B
                return mergeAndInvalidate(prev, end);
            }
        }
        if (zero && runlen == 1) {
            buf[p] = val(count, 1); // case C
            return mergeAndInvalidate(prev, end);
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
        if (delta > 0 && len + delta > sparseMaxBytes) {
            return promote(index, count);
        }
        if (delta != 0 && next >= 0) {
            System.arraycopy(buf, next, buf, next + delta, end - next);
        }
        len += delta;
        System.arraycopy(seq, 0, buf, p, n);
        end += delta;
        return mergeAndInvalidate(prev, end);
    }

    /** Step 4 of hllSparseSet: merge adjacent VALs of equal value, scanning 5 opcodes from prev. */
    private int mergeAndInvalidate(int prev, int end) {
        int p = prev >= 0 ? prev : HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int op = buf[p] & 0xff;
            if (isXZero(op)) {
                p += 2;
                continue;
            } else if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < end && (buf[p + 1] & VAL_BIT) != 0) {
                int v1 = valValue(op);
                int v2 = valValue(buf[p + 1] & 0xff);
                if (v1 == v2) {
                    int merged = valLen(op) + valLen(buf[p + 1] & 0xff);
                    if (merged <= VAL_MAX_LEN) {
                        buf[p + 1] = val(v1, merged);
                        System.arraycopy(buf, p + 1, buf, p, end - p - 1);
                        len--;
                        end--;
                        continue;
                    }
                }
            }
            p++;
        }
        invalidateCache();
        return 1;
    }

    private int promote(int index, int count) {
        if (!toDense()) {
            return -1;
        }
        denseSet(index, count);
        return 1;
    }

    // ---------------------------------------------------------------- counting and merging

    /** Redis's hllMerge: max[i] = MAX(max[i], register i); false if the sparse form is corrupt. */
    boolean mergeInto(int[] max) {
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                max[i] = Math.max(max[i], register(i));
            }
            return true;
        }
        return forEachSparseRegister((i, value) -> max[i] = Math.max(max[i], value));
    }

    /** The register histogram (index: register value); null if the sparse form is corrupt. */
    int[] histogram() {
        int[] histo = new int[64];
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                histo[register(i)]++;
            }
            return histo;
        }
        int[] idx = {0};
        walkSparse((kind, value, run) -> {
            if (run + idx[0] > REGISTERS) {
                idx[0] = REGISTERS + 1; // hllSparseSum's overflow check: the walk stops, the HLL is corrupt
                return false;
            }
            idx[0] += run;
            histo[value] += run;
            return true;
        });
        return idx[0] == REGISTERS ? histo : null;
    }

    /** Every register's value (PFDEBUG GETREG on a dense HLL). */
    int[] registers() {
        int[] out = new int[REGISTERS];
        for (int i = 0; i < REGISTERS; i++) {
            out[i] = register(i);
        }
        return out;
    }

    /** PFDEBUG DECODE's text: "z:len", "Z:len", "v:value,len" per opcode, blank-separated. */
    String decode() {
        StringBuilder s = new StringBuilder();
        walkSparse((kind, value, run) -> {
            s.append(kind).append(':');
            if (kind == 'v') {
                s.append(value).append(',');
            }
            s.append(run).append(' ');
            return true;
        });
        return s.toString().strip();
    }

    /** Test hooks for PFSELFTEST: direct register access on a dense HLL. */
    static HyperLogLog denseForTest() {
        HyperLogLog h = empty();
        h.toDense();
        return h;
    }

    int registerForTest(int regnum) {
        return register(regnum);
    }

    void setRegisterForTest(int regnum, int value) {
        setRegister(regnum, value);
    }
}
