package dev.syncer.engine.keyspace;

/**
 * A value in the keyspace. Collection values are mutated in place, except while a point-in-time
 * snapshot may still hold them: {@link Database#getForWrite} then swaps in a private copy first.
 * {@link #epoch} records the keyspace epoch the value was created in, which is all that check needs.
 */
public abstract sealed class RedisValue permits StringValue, ListValue, HashValue, SetValue, ZSetValue {

    long epoch;

    public abstract ValueType type();

    /** A deep copy that shares nothing mutable with this value. */
    protected abstract RedisValue copy();
}
