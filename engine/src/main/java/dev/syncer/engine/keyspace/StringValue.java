package dev.syncer.engine.keyspace;

import java.nio.charset.StandardCharsets;

/**
 * A string value. Its bytes are immutable unless the value {@link #owning owns} them: a write
 * command that made them itself (a copy, a concatenation) may let a later write edit them in place,
 * through {@link Database#editableBytes}, which allows it only while no one else can see them.
 */
public final class StringValue extends RedisValue {

    private final byte[] bytes;
    /** The bytes are this value's alone: no argument, reply, other value or packed entry holds them. */
    boolean owned;
    /** The keyspace's packed entry this value was stored as or read from, or null (see PackedString). */
    byte[] packed;

    public StringValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A value taking over bytes that nothing else holds or will hold (a copy the caller just made),
     * so that, while no snapshot shares the value, a later write may edit them in place.
     */
    public static StringValue owning(byte[] bytes) {
        StringValue s = new StringValue(bytes);
        s.owned = true;
        return s;
    }

    /**
     * Whether a write may edit the bytes in place. Redis edits a string in place once
     * dbUnshareStringValue made it private; here the rule is ownership by generation: the value
     * must own its bytes ({@link #owning}: no argument, reply or COPY holds them), be no packed
     * entry (a read unpacks a copy), carry no metadata (the Active-Active layer's), and be newer
     * than every running snapshot (an older one may be read by it, as copy-on-write collections
     * are). A copy the caller stores instead becomes such a value for the next write.
     */
    boolean editable(long sharedBelowEpoch) {
        return owned && packed == null && meta() == null && epoch() >= sharedBelowEpoch;
    }

    public static StringValue of(String text) {
        return new StringValue(text.getBytes(StandardCharsets.UTF_8));
    }

    public static StringValue of(long number) {
        return new StringValue(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
    }

    /** The raw bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * The bytes for a holder that keeps them past the command (another value, a stored list): a
     * copy when this value may later edit its own in place.
     */
    public byte[] bytesToKeep() {
        return owned ? bytes.clone() : bytes;
    }

    /** The value as a 64-bit integer if it is one in canonical form (Redis's string2ll), else null. */
    public Long asLong() {
        return Numbers.parseLong(bytes);
    }

    @Override
    public void encoding(Encoding encoding) {
        super.encoding(encoding);
        if (packed != null) {
            PackedString.encoding(packed, encoding);
        }
    }

    @Override
    void lru(int lru) {
        super.lru(lru);
        if (packed != null) {
            PackedString.lru(packed, lru);
        }
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    protected RedisValue copy() {
        return this;
    }
}
