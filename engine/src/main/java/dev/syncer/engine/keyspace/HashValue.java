package dev.syncer.engine.keyspace;

import java.util.Map;

/**
 * A hash: field to value. Fields keep the order they were added in, as a small hash (a listpack)
 * keeps them in Redis: HGETALL, HKEYS and HSCAN of a small hash answer in Redis's order.
 *
 * <p>A small hash is held packed, fields and values alternating in one {@link Listpack} array, as
 * Redis holds it in a listpack; once it outgrows {@link #PACKED_MAX_FIELDS} fields or an element
 * outgrows {@link #PACKED_MAX_LENGTH} bytes it becomes a table for good (Redis never converts
 * back either): a {@link MemberTable} carrying the values, fields and values as byte arrays by
 * position with no object per field, whose order is insertion order until a removal moves the
 * last field into the freed place (a Redis hashtable has no order either). What OBJECT ENCODING reports is decided apart from this (see {@link Encodings}).
 *
 * <p>HSET over a field with a value of the same length edits the bytes where they lie, as Redis
 * overwrites a listpack entry or a dict entry's sds: nothing new is kept, nothing is left behind.
 * The rule that makes this safe is ownership: the packed array and every value in the table are
 * this hash's alone. {@link #put} and {@link #set} store copies of a caller's bytes, {@link #copy}
 * (copy-on-write under a snapshot, COPY) copies them, a reader that keeps a value past its command
 * copies it (SORT ... STORE), and a hash carrying metadata (the Active-Active layer's, which holds
 * its own references to the values) is never edited in place.
 */
public final class HashValue extends RedisValue {

    /** Fields a packed hash may hold: a lookup scans them, so it stays short. */
    static final int PACKED_MAX_FIELDS = 128;
    /** The longest field or value a packed hash holds (hash-max-listpack-value's default). */
    static final int PACKED_MAX_LENGTH = 64;

    // One field holds either form and a byte the packed count: the object is 32 bytes, not 40.
    private Object data = Listpack.EMPTY; // field, value, field, value... (a Listpack array), else a MemberTable with values
    private byte packedSize; // fields of the packed array, unsigned (at most PACKED_MAX_FIELDS)

    public HashValue() {
    }

    private HashValue(Object data, int packedSize) {
        this.data = data;
        this.packedSize = (byte) packedSize;
    }

    /** The table, or null while the hash is packed. */
    MemberTable table() {
        return data instanceof MemberTable t ? t : null;
    }

    /**
     * The fields as a map: read it freely, mutate it only on a value obtained for writing. It is a
     * view that makes a {@link Key} and an entry per field it hands out; prefer {@link #get},
     * {@link #set}, {@link #put}, {@link #remove} and {@link #containsKey}, which allocate nothing of the kind.
     */
    public Map<Key, byte[]> fields() {
        return new HashFields(this);
    }

    public int size() {
        return data instanceof MemberTable t ? t.size : packedSize & 0xFF;
    }

    /** The value of a field, or null. */
    public byte[] get(Key field) {
        if (data instanceof MemberTable t) {
            int at = t.positionOf(field.bytes(), field.hashCode());
            return at < 0 ? null : t.values[at];
        }
        byte[] packed = (byte[]) data;
        int at = Listpack.find(packed, field.bytes(), 2);
        return at < 0 ? null : Listpack.element(packed, Listpack.next(packed, at));
    }

    public boolean containsKey(Key field) {
        return data instanceof MemberTable t ? t.slotOf(field.bytes(), field.hashCode()) >= 0
                : Listpack.find((byte[]) data, field.bytes(), 2) >= 0;
    }

    /** Sets a field (a field already there keeps its place); returns its previous value, or null. */
    public byte[] put(Key field, byte[] value) {
        if (data instanceof byte[] packed) {
            int at = Listpack.find(packed, field.bytes(), 2);
            byte[] old = at < 0 ? null : Listpack.element(packed, Listpack.next(packed, at));
            if (putPacked(packed, field.bytes(), value, at)) {
                return old;
            }
            toTable(packed);
        }
        MemberTable t = (MemberTable) data;
        byte[] copy = value.clone();
        int at = t.add(field.bytes(), field.hashCode(), copy);
        if (at < 0) {
            return null;
        }
        byte[] old = t.values[at];
        t.values[at] = copy;
        return old;
    }

    /** {@link #set(byte[], byte[])} of a field held as a key. */
    public boolean set(Key field, byte[] value) {
        return set(field.bytes(), value);
    }

    /**
     * HSET's write: sets a field and says whether it is new. A value as long as the field's old one
     * is copied over it in place (see the class comment), so an overwrite allocates nothing. A new
     * field's bytes are kept as given (never modified, as a {@link Key}'s), the value's copied.
     */
    public boolean set(byte[] field, byte[] value) {
        if (data instanceof byte[] packed) {
            int at = Listpack.find(packed, field, 2);
            if (putPacked(packed, field, value, at)) {
                return at < 0;
            }
            toTable(packed);
        }
        MemberTable t = (MemberTable) data;
        int at = t.add(field, MemberTable.hash(field), null); // one probe: found, or added without its value yet
        if (at < 0) {
            t.values[~at] = value.clone();
            return true;
        }
        byte[] old = t.values[at];
        if (old.length == value.length && meta() == null) {
            System.arraycopy(value, 0, old, 0, value.length);
        } else {
            t.values[at] = value.clone();
        }
        return false;
    }

    /** Sets the field found at {@code at} (a new one if negative) in the packed array; false if it needs a table. */
    private boolean putPacked(byte[] packed, byte[] field, byte[] value, int at) {
        if (value.length > PACKED_MAX_LENGTH) {
            return false;
        }
        if (at >= 0) {
            int v = Listpack.next(packed, at);
            if (Listpack.length(packed, v) == value.length) {
                System.arraycopy(value, 0, packed, Listpack.data(packed, v), value.length); // the array is ours alone
            } else {
                data = Listpack.replace(packed, v, Listpack.next(packed, v), value);
            }
            return true;
        }
        int size = packedSize & 0xFF;
        if (size < PACKED_MAX_FIELDS && field.length <= PACKED_MAX_LENGTH) {
            data = Listpack.replace(packed, packed.length, packed.length, field, value);
            packedSize = (byte) (size + 1);
            return true;
        }
        return false;
    }

    /** Removes a field; returns its value, or null if it was not there. */
    public byte[] remove(Key field) {
        if (data instanceof MemberTable t) {
            int slot = t.slotOf(field.bytes(), field.hashCode());
            if (slot < 0) {
                return null;
            }
            byte[] old = t.values[t.positionAt(slot)];
            t.removeAt(slot);
            return old;
        }
        byte[] packed = (byte[]) data;
        int at = Listpack.find(packed, field.bytes(), 2);
        if (at < 0) {
            return null;
        }
        int v = Listpack.next(packed, at);
        byte[] old = Listpack.element(packed, v);
        data = Listpack.replace(packed, at, Listpack.next(packed, v));
        packedSize--;
        return old;
    }

    /** Removes every field: the hash is packed and empty again. */
    void clear() {
        data = Listpack.EMPTY;
        packedSize = 0;
    }

    /** Whether a field or a value is longer than limit bytes (hashTypeTryConversion's length check). */
    boolean anyLongerThan(long limit) {
        if (data instanceof MemberTable t) {
            for (int i = 0; i < t.size; i++) {
                if (t.members[i].length > limit || t.values[i].length > limit) {
                    return true;
                }
            }
            return false;
        }
        if (limit >= PACKED_MAX_LENGTH) {
            return false;
        }
        byte[] packed = (byte[]) data;
        for (int off = 0; off < packed.length; off = Listpack.next(packed, off)) {
            if (Listpack.length(packed, off) > limit) {
                return true;
            }
        }
        return false;
    }

    /** The packed fields and values, or null once the hash is a table. */
    byte[] packed() {
        return data instanceof byte[] packed ? packed : null;
    }

    /** Makes the table, fields and values in the packed order. */
    private void toTable(byte[] packed) {
        int size = packedSize & 0xFF;
        int capacity = Math.max(4, size + (size >> 1) + 1);
        byte[][] fields = new byte[capacity][];
        byte[][] values = new byte[capacity][];
        int i = 0;
        for (int off = 0; off < packed.length; i++) {
            int v = Listpack.next(packed, off);
            fields[i] = Listpack.element(packed, off);
            values[i] = Listpack.element(packed, v);
            off = Listpack.next(packed, v);
        }
        data = new MemberTable(fields, values, size);
        packedSize = 0;
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    @Override
    protected RedisValue copy() {
        if (data instanceof byte[] packed) {
            return withMetaOf(new HashValue(packed.clone(), packedSize)); // its own bytes to edit
        }
        return withMetaOf(new HashValue(new MemberTable((MemberTable) data), 0)); // its own values to edit
    }
}
