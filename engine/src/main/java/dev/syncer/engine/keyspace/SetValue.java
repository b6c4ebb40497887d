package dev.syncer.engine.keyspace;

import java.util.Arrays;

/**
 * A set of binary-safe members, with random access for SPOP and SRANDMEMBER. The value holds the
 * members itself and {@link MemberSet} is a view of them with the set's logic: a small set is one
 * object and its packed array (32 bytes fewer than a value wrapping a set object).
 */
public final class SetValue extends RedisValue {

    // MemberSet's state, see there
    byte[] packed = Listpack.EMPTY; // the members while small; null once a table
    Key[] members; // null while packed
    int size;
    int[] table; // position + 1 of a member (0: empty slot), linear probing; null while packed
    int modCount;

    public SetValue() {
    }

    /** A copy sharing the packed array (never modified), or with copies of the table's arrays. */
    private SetValue(SetValue other) {
        packed = other.packed;
        size = other.size;
        if (packed == null) {
            members = Arrays.copyOf(other.members, other.size);
            table = other.table.clone();
        }
    }

    /** The live set: read it freely, mutate it only on a value obtained for writing. */
    public MemberSet members() {
        return new MemberSet(this);
    }

    public int size() {
        return size;
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    protected RedisValue copy() {
        return withMetaOf(new SetValue(this));
    }
}
