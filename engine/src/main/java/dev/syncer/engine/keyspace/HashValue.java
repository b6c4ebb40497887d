package dev.syncer.engine.keyspace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hash: field to value. Fields keep the order they were added in, as a small hash (a listpack)
 * keeps them in Redis: HGETALL, HKEYS and HSCAN of a small hash answer in Redis's order.
 *
 * <p>A small hash is held packed, fields and values alternating in one {@link Listpack} array, as
 * Redis holds it in a listpack; once it outgrows {@link #PACKED_MAX_FIELDS} fields or an element
 * outgrows {@link #PACKED_MAX_LENGTH} bytes it becomes a table for good (Redis never converts
 * back either). What OBJECT ENCODING reports is decided apart from this (see {@link Encodings}).
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
    private Object data = Listpack.EMPTY; // field, value, field, value... (a Listpack array), else the table
    private byte packedSize; // fields of the packed array, unsigned (at most PACKED_MAX_FIELDS)

    public HashValue() {
    }

    private HashValue(Object data, int packedSize) {
        this.data = data;
        this.packedSize = (byte) packedSize;
    }

    @SuppressWarnings("unchecked")
    private LinkedHashMap<Key, byte[]> table() {
        return (LinkedHashMap<Key, byte[]>) data;
    }

    /**
     * The fields as a map: read it freely, mutate it only on a value obtained for writing. While
     * the hash is packed this is a view that decodes an entry when it is read; prefer
     * {@link #get}, {@link #put}, {@link #remove} and {@link #containsKey}, which never allocate a view.
     */
    public Map<Key, byte[]> fields() {
        return data instanceof byte[] ? new PackedFields(this) : table();
    }

    public int size() {
        return data instanceof byte[] ? packedSize & 0xFF : table().size();
    }

    /** The value of a field, or null. */
    public byte[] get(Key field) {
        if (!(data instanceof byte[] packed)) {
            return table().get(field);
        }
        int at = Listpack.find(packed, field.bytes(), 2);
        return at < 0 ? null : Listpack.element(packed, Listpack.next(packed, at));
    }

    public boolean containsKey(Key field) {
        return data instanceof byte[] packed ? Listpack.find(packed, field.bytes(), 2) >= 0 : table().containsKey(field);
    }

    /** Sets a field (a field already there keeps its place); returns its previous value, or null. */
    public byte[] put(Key field, byte[] value) {
        if (data instanceof byte[] packed) {
            int at = Listpack.find(packed, field.bytes(), 2);
            byte[] old = at < 0 ? null : Listpack.element(packed, Listpack.next(packed, at));
            if (putPacked(packed, field, value, at)) {
                return old;
            }
            toTable(packed);
        }
        return table().put(field, value.clone());
    }

    /**
     * HSET's write: sets a field and says whether it is new. A value as long as the field's old one
     * is copied over it in place (see the class comment), so an overwrite allocates nothing.
     */
    public boolean set(Key field, byte[] value) {
        if (data instanceof byte[] packed) {
            int at = Listpack.find(packed, field.bytes(), 2);
            if (putPacked(packed, field, value, at)) {
                return at < 0;
            }
            toTable(packed);
        }
        LinkedHashMap<Key, byte[]> table = table();
        byte[] old = table.get(field);
        if (old != null && old.length == value.length && meta() == null) {
            System.arraycopy(value, 0, old, 0, value.length);
            return false;
        }
        return table.put(field, value.clone()) == null;
    }

    /** Sets the field found at {@code at} (a new one if negative) in the packed array; false if it needs a table. */
    private boolean putPacked(byte[] packed, Key field, byte[] value, int at) {
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
        if (size < PACKED_MAX_FIELDS && field.length() <= PACKED_MAX_LENGTH) {
            data = Listpack.replace(packed, packed.length, packed.length, field.bytes(), value);
            packedSize = (byte) (size + 1);
            return true;
        }
        return false;
    }

    /** Removes a field; returns its value, or null if it was not there. */
    public byte[] remove(Key field) {
        if (!(data instanceof byte[] packed)) {
            return table().remove(field);
        }
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

    /** Whether a field or a value is longer than limit bytes (hashTypeTryConversion's length check). */
    boolean anyLongerThan(long limit) {
        if (!(data instanceof byte[] packed)) {
            for (Map.Entry<Key, byte[]> e : table().entrySet()) {
                if (e.getKey().length() > limit || e.getValue().length > limit) {
                    return true;
                }
            }
            return false;
        }
        if (limit >= PACKED_MAX_LENGTH) {
            return false;
        }
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

    private void toTable(byte[] packed) {
        LinkedHashMap<Key, byte[]> t = LinkedHashMap.newLinkedHashMap((packedSize & 0xFF) + 1);
        for (int off = 0; off < packed.length; ) {
            int v = Listpack.next(packed, off);
            t.put(new Key(Listpack.element(packed, off)), Listpack.element(packed, v));
            off = Listpack.next(packed, v);
        }
        data = t;
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
        LinkedHashMap<Key, byte[]> t = LinkedHashMap.newLinkedHashMap(table().size());
        table().forEach((field, value) -> t.put(field, value.clone()));
        return withMetaOf(new HashValue(t, 0));
    }
}
