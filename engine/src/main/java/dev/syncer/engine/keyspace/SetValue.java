package dev.syncer.engine.keyspace;

import java.util.HashSet;
import java.util.Set;

/** A set of binary-safe members. */
public final class SetValue extends RedisValue {

    private final HashSet<Key> members;

    public SetValue() {
        this.members = new HashSet<>();
    }

    private SetValue(HashSet<Key> members) {
        this.members = members;
    }

    /** The live set: read it freely, mutate it only on a value obtained for writing. */
    public Set<Key> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    protected RedisValue copy() {
        return withMetaOf(new SetValue(new HashSet<>(members)));
    }
}
