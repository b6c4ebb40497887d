package dev.syncer.engine.keyspace;

/**
 * A set of binary-safe members, with random access for SPOP and SRANDMEMBER. The value holds the
 * members itself and {@link MemberSet} is a view of them with the set's logic: a small set is one
 * object and its packed array. One field holds either form and a byte the packed count, so the
 * object is 32 bytes (48 with a field per form's array, count and modification count).
 */
public final class SetValue extends RedisValue {

    // MemberSet's state, see there
    Object data = Listpack.EMPTY; // the packed members (a Listpack array) while small, else a MemberTable
    byte packedSize; // members of the packed array, unsigned (at most MemberSet.PACKED_MAX_MEMBERS)

    public SetValue() {
    }

    /** A copy sharing the packed array (never modified), or with copies of the table's arrays. */
    private SetValue(SetValue other) {
        data = other.data instanceof MemberTable t ? new MemberTable(t) : other.data;
        packedSize = other.packedSize;
    }

    /** The live set: read it freely, mutate it only on a value obtained for writing. */
    public MemberSet members() {
        return new MemberSet(this);
    }

    public int size() {
        return data instanceof MemberTable t ? t.size : packedSize & 0xFF;
    }

    /** The packed members, or null once the set is a table. */
    byte[] packed() {
        return data instanceof byte[] lp ? lp : null;
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
