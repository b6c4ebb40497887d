package dev.syncer.engine.keyspace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hash: field to value. Values are never modified in place, so a copy may share them. Fields keep
 * the order they were added in, as a small hash (a listpack) keeps them in Redis: HGETALL, HKEYS and
 * HSCAN of a small hash answer in Redis's order.
 */
public final class HashValue extends RedisValue {

    private final LinkedHashMap<Key, byte[]> fields;

    public HashValue() {
        this.fields = new LinkedHashMap<>();
    }

    private HashValue(LinkedHashMap<Key, byte[]> fields) {
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
        return withMetaOf(new HashValue(new LinkedHashMap<>(fields)));
    }
}
