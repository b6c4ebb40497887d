package dev.syncer.engine.keyspace;

import java.util.Arrays;

/**
 * A small plain string stored with its key in one byte[], instead of a Key, its bytes, a
 * StringValue and the value's bytes: Redis's embstr idea, for the Java heap. Layout: the encoding
 * (2 bits of byte 0), robj.lru (24 bits), the key's length (16 bits), the key, the value.
 *
 * <p>Reads unpack a {@link StringValue} that remembers the entry, so a later change to its
 * encoding or LRU/LFU clock (OBJECT ENCODING's tracking, RESTORE's IDLETIME, a lookup's touch)
 * reaches the stored entry. Values with {@link ValueMeta}, COPY's duplicates and long strings stay
 * objects.
 */
final class PackedString {

    private static final int HEADER = 6;
    /** Longer entries stay objects: unpacking copies the value on every read. */
    static final int MAX_ENTRY = 1024;
    private static final Encoding[] ENCODINGS = {null, Encoding.INT, Encoding.EMBSTR, Encoding.RAW};

    private PackedString() {
    }

    /** The entry for key and s, or null if s must stay an object. */
    static byte[] pack(Key key, StringValue s) {
        byte[] k = key.bytes();
        byte[] v = s.bytes();
        int code = code(s.encoding());
        if (s.meta() != null || s.duplicate || code < 0 || (s.lru & ~0xFFFFFF) != 0
                || HEADER + k.length + v.length > MAX_ENTRY) {
            return null;
        }
        byte[] e = new byte[HEADER + k.length + v.length];
        e[0] = (byte) code;
        lru(e, s.lru);
        e[4] = (byte) (k.length >>> 8);
        e[5] = (byte) k.length;
        System.arraycopy(k, 0, e, HEADER, k.length);
        System.arraycopy(v, 0, e, HEADER + k.length, v.length);
        return e;
    }

    /**
     * Writes s into an existing entry of the same key when it packs to exactly the entry's size
     * (the caller owns the entry: no snapshot shares it); false, entry untouched, otherwise.
     */
    static boolean repack(byte[] e, StringValue s) {
        byte[] v = s.bytes();
        int code = code(s.encoding());
        if (s.meta() != null || s.duplicate || code < 0 || (s.lru & ~0xFFFFFF) != 0
                || HEADER + keyLength(e) + v.length != e.length) {
            return false;
        }
        e[0] = (byte) code;
        lru(e, s.lru);
        System.arraycopy(v, 0, e, e.length - v.length, v.length);
        return true;
    }

    private static int code(Encoding encoding) {
        for (int i = 0; i < ENCODINGS.length; i++) {
            if (ENCODINGS[i] == encoding) {
                return i;
            }
        }
        return -1;
    }

    private static int keyLength(byte[] e) {
        return (e[4] & 0xFF) << 8 | e[5] & 0xFF;
    }

    static boolean hasKey(byte[] e, byte[] key) {
        int n = keyLength(e);
        return n == key.length && Arrays.equals(e, HEADER, HEADER + n, key, 0, n);
    }

    /** The key's hash as {@link Key#hashCode()} computes it (Arrays.hashCode of its bytes), without copying it. */
    static int keyHash(byte[] e) {
        int h = 1;
        for (int i = HEADER, end = HEADER + keyLength(e); i < end; i++) {
            h = 31 * h + e[i];
        }
        return h;
    }

        static Key key(byte[] e) {
        return new Key(Arrays.copyOfRange(e, HEADER, HEADER + keyLength(e)));
    }

    /** A StringValue with the entry's value, encoding and clock, tied to the entry for later changes to those. */
    static StringValue unpack(byte[] e) {
        int keyLength = keyLength(e);
        StringValue s = new StringValue(Arrays.copyOfRange(e, HEADER + keyLength, e.length));
        s.encoding(ENCODINGS[e[0] & 3]);
        s.lru = (e[1] & 0xFF) << 16 | (e[2] & 0xFF) << 8 | e[3] & 0xFF;
        s.memory(memory(e));
        s.packed = e;
        return s;
    }

    /** What the entry counts for in used memory, as ObjectSize.keyAndValue of its key and value. */
    static long memory(byte[] e) {
        int keyLength = keyLength(e);
        return ObjectSize.DICT_ENTRY + ObjectSize.sds(keyLength) + ObjectSize.string(e, HEADER + keyLength, false);
    }

    static void lru(byte[] e, int lru) {
        e[1] = (byte) (lru >>> 16);
        e[2] = (byte) (lru >>> 8);
        e[3] = (byte) lru;
    }

    /** Records a new encoding; one a string cannot have is ignored (it never reaches a packed entry). */
    static void encoding(byte[] e, Encoding encoding) {
        int code = code(encoding);
        if (code >= 0) {
            e[0] = (byte) code;
        }
    }
}
