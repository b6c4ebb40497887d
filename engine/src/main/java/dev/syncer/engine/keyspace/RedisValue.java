package dev.syncer.engine.keyspace;

/**
 * A value in the keyspace. Collection values are mutated in place, except while a point-in-time
 * snapshot may still hold them: {@link Database#getForWrite} then swaps in a private copy first.
 * {@link #epoch} records the keyspace epoch the value was created in, which is all that check needs.
 *
 * <p>A value may carry {@link ValueMeta} (null for plain values); {@link #copy()} deep-copies it. A
 * {@link StringValue} is immutable, its metadata included: give a new string value new metadata.
 */
public abstract sealed class RedisValue permits StringValue, ListValue, HashValue, SetValue, ZSetValue, StreamValue {

    long epoch;
    private ValueMeta meta;
    private Encoding encoding; // as decided at the last write; null: never decided (see Encodings)
    boolean duplicate; // made by COPY's dupStringObject: never one of Redis's shared integers
    long memory; // bytes this value and its key count for in the database's used memory (ObjectSize)
    int lru; // Redis's 24-bit robj.lru: the LRU clock, or minutes << 8 | counter under LFU (KeyAccess)

    public abstract ValueType type();

    /** A deep copy that shares nothing mutable with this value. */
    protected abstract RedisValue copy();

    /** The metadata another component attached, or null. */
    public ValueMeta meta() {
        return meta;
    }

    public void meta(ValueMeta meta) {
        this.meta = meta;
    }

    /** The encoding redis-server would hold this value in, as decided at its last write; null if never decided. */
    public Encoding encoding() {
        return encoding;
    }

    public void encoding(Encoding encoding) {
        this.encoding = encoding;
    }

    /** robj.lru as DEBUG OBJECT shows it: the LRU clock of the last access, or LFU's minutes and counter. */
    public int lru() {
        return lru;
    }

    /** Sets robj.lru (KeyAccess). */
    void lru(int lru) {
        this.lru = lru;
    }

    /** A duplicate of another key's value (COPY): Redis never makes those shared objects. */
    public boolean isDuplicate() {
        return duplicate;
    }

    /** For {@link #copy()}: gives the copy a deep copy of this value's metadata, and its encoding. */
    protected final <T extends RedisValue> T withMetaOf(T copy) {
        copy.meta(meta == null ? null : meta.copy());
        copy.encoding(encoding);
        copy.lru = lru; // a copy-on-write copy is the same value to Redis: same last access
        copy.memory = memory; // and takes its place in the database's accounting
        return copy;
    }
}
