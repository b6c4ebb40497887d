package dev.syncer.engine.keyspace;

import java.nio.charset.StandardCharsets;

/** An immutable string value: commands that change a string store a new one. */
public final class StringValue extends RedisValue {

    private final byte[] bytes;
    /** The keyspace's packed entry this value was stored as or read from, or null (see PackedString). */
    byte[] packed;

    public StringValue(byte[] bytes) {
        this.bytes = bytes;
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
