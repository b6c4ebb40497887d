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

    /** For {@link #copy()}: gives the copy a deep copy of this value's metadata. */
    protected final <T extends RedisValue> T withMetaOf(T copy) {
        copy.meta(meta == null ? null : meta.copy());
        return copy;
    }
}
