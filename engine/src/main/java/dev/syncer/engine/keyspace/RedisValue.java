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

    // Every small collection carries these fields, so they are kept narrow: ints and bytes, not
    // longs and references (a small hash's object 40 bytes instead of 56, compact headers).
    private static final Encoding[] ENCODINGS = Encoding.values();

    private int epoch; // the keyspace epoch the value was created in (see epoch(long))
    private int memory; // bytes this value and its key count for in used memory (see memory(long))
    int lru; // Redis's 24-bit robj.lru: the LRU clock, or minutes << 8 | counter under LFU (KeyAccess)
    private ValueMeta meta;
    private byte encoding; // ordinal + 1 of the one decided at the last write; 0: never decided (see Encodings)
    boolean duplicate; // made by COPY's dupStringObject: never one of Redis's shared integers

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
        return encoding == 0 ? null : ENCODINGS[encoding - 1];
    }

    public void encoding(Encoding encoding) {
        this.encoding = (byte) (encoding == null ? 0 : encoding.ordinal() + 1);
    }

    /** The keyspace epoch the value was created in (Database's copy-on-write check). */
    long epoch() {
        return epoch;
    }

    /**
     * Records the epoch; one past an int's range (2^31 snapshots, never reached) is kept as the
     * largest int, which only makes the value look shared: copied once more, never written unsafely.
     */
    void epoch(long epoch) {
        this.epoch = (int) Math.min(epoch, Integer.MAX_VALUE);
    }

    /** The bytes this value and its key count for in the database's used memory (ObjectSize). */
    long memory() {
        return memory;
    }

    /**
     * Records the estimate, at most 2 GB: the database adds and subtracts what {@link #memory()}
     * returns, so its sum stays exact for everything below that and never drifts above it.
     */
    void memory(long bytes) {
        this.memory = (int) Math.min(bytes, Integer.MAX_VALUE);
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
        RedisValue c = copy;
        c.meta = meta == null ? null : meta.copy();
        c.encoding = encoding;
        c.lru = lru; // a copy-on-write copy is the same value to Redis: same last access
        c.memory = memory; // and takes its place in the database's accounting
        return copy;
    }
}
