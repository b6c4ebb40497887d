package dev.syncer.engine.keyspace;

/** A set of binary-safe members, with random access for SPOP and SRANDMEMBER. */
public final class SetValue extends RedisValue {

    private final MemberSet members;

    public SetValue() {
        this.members = new MemberSet();
    }

    private SetValue(MemberSet members) {
        this.members = members;
    }

    /** The live set: read it freely, mutate it only on a value obtained for writing. */
    public MemberSet members() {
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
        return withMetaOf(new SetValue(new MemberSet(members)));
    }
}
