package dev.syncer.engine.keyspace;

import java.util.HashMap;
import java.util.Map;

/** A hash: field to value. Values are never modified in place, so a copy may share them. */
public final class HashValue extends RedisValue {

    private final HashMap<Key, byte[]> fields;

    public HashValue() {
        this.fields = new HashMap<>();
    }

    private HashValue(HashMap<Key, byte[]> fields) {
        this.fields = fields;
    }

    /** The live map: read it freely, mutate it only on a value obtained for writing. */
    public Map<Key, byte[]> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    @Override
    protected RedisValue copy() {
        return withMetaOf(new HashValue(new HashMap<>(fields)));
    }
}
