package dev.syncer.engine.keyspace;

/** Operations on values that need the package's access to them. */
public final class Values {

    private Values() {
    }

    /**
     * An independent copy of a value for another key (COPY's dupStringObject, setTypeDup...):
     * nothing mutable shared, and no metadata, which belonged to the source key.
     */
    public static RedisValue duplicate(RedisValue value) {
        RedisValue copy = value instanceof StringValue s ? new StringValue(s.bytesToKeep()) : value.copy();
        copy.meta(null);
        copy.duplicate = true;
        copy.lru = 0; // a new object: stamped when stored
        return copy;
    }
}
