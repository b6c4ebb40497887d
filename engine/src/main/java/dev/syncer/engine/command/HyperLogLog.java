package dev.syncer.engine.command;

import java.util.Arrays;

/**
 * A HyperLogLog in Redis 7.0's exact byte layout (hyperloglog.c), being edited: a 16-byte header
 * ("HYLL", encoding, 3 unused bytes, the cached cardinality little-endian with bit 63 meaning
 * "stale"), then either 16384 6-bit registers packed LSB-first (dense, 12288 bytes) or the sparse
 * run-length opcodes of {@link HllSparse}. Elements are hashed with MurmurHash64A and seed
 * 0xadc83b19; the estimate is Ertl's improved estimator, as Redis's {@code hllCount}. Same input, same bytes, same numbers as a real Redis.
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
    private static final long SEED = 0xadc83b19L;

    byte[] buf; // the bytes, from 0 to len (HllSparse edits them too)
    int len;

    private HyperLogLog(byte[] bytes) {
        this.buf = bytes;
        this.len = bytes.length;
    }

    /** An editable copy of a string value's bytes (the value itself stays untouched). */
    static HyperLogLog of(byte[] value) {
        return new HyperLogLog(Arrays.copyOf(value, value.length));
    }

    /**
     * The value's own bytes, not a copy: read where they are (counting, merging, PFDEBUG), or
     * edited where they are only when the keyspace says no one else can see them
     * (Database#editableBytes) and the edit keeps their length (dense registers, the cached
     * cardinality). A sparse edit or a conversion to dense works on a new buffer.
     */
    static HyperLogLog inPlace(byte[] value) {
        return new HyperLogLog(value);
    }

    /** Redis's createHLLObject: sparse, every register zero (one XZERO), cached cardinality 0. */
    static HyperLogLog empty() {
        byte[] b = new byte[HEADER + ((REGISTERS + HllSparse.XZERO_MAX_LEN - 1) / HllSparse.XZERO_MAX_LEN) * 2];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[4] = SPARSE;
        int p = HEADER;
        for (int left = REGISTERS; left > 0; left -= HllSparse.XZERO_MAX_LEN) {
            int run = Math.min(HllSparse.XZERO_MAX_LEN, left) - 1;
            b[p++] = (byte) ((run >> 8) | HllSparse.XZERO_BIT);
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
     * Whether an element whose {@link #patLen} is pat would raise a register of the valid dense
     * bytes, read where they are (no copy, no HyperLogLog).
     */
    static boolean denseGrows(byte[] dense, long pat) {
        return (int) (pat >>> 32) > register(dense, DENSE_SIZE, (int) pat);
    }

    /** Adds an element: 1 if a register grew, 0 if not, -1 if the sparse form is corrupt. */
    int add(byte[] element, int sparseMaxBytes) {
        long pat = patLen(element);
        return set((int) pat, (int) (pat >>> 32), sparseMaxBytes);
    }

    /** Raises register index to count if lower (promoting to dense when needed); 1, 0 or -1 as add. */
    int set(int index, int count, int sparseMaxBytes) {
        if (encoding() == DENSE) {
            return denseSet(index, count) ? 1 : 0;
        }
        return HllSparse.set(this, index, count, sparseMaxBytes);
    }

    // ---------------------------------------------------------------- dense

    private int register(int regnum) {
        return register(buf, len, regnum);
    }

    /** Redis's HLL_DENSE_GET_REGISTER on the dense bytes buf[0, len). */
    private static int register(byte[] buf, int len, int regnum) {
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

    /** Redis's hllSparseToDense; false (nothing changed) if the sparse form is corrupt. */
    boolean toDense() {
        if (encoding() == DENSE) {
            return true;
        }
        HyperLogLog dense = new HyperLogLog(new byte[DENSE_SIZE]);
        System.arraycopy(buf, 0, dense.buf, 0, HEADER);
        dense.buf[4] = DENSE;
        if (!HllSparse.forEachRegister(this, dense::setRegister)) {
            return false;
        }
        buf = dense.buf;
        len = dense.len;
        return true;
    }

    int promote(int index, int count) {
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
        return HllSparse.forEachRegister(this, (i, value) -> max[i] = Math.max(max[i], value));
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
        HllSparse.walk(this, (kind, value, run) -> {
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
