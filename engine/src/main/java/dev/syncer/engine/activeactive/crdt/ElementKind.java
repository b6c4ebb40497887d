package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.ValueType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an element of a key's state is, and the payload its register writes carry:
 * <ul>
 *   <li>{@link #STRING}: the string itself (one unnamed element); payload the bytes; integer counter.</li>
 *   <li>{@link #LIST}: the whole list (one unnamed element); payload the items, never empty.</li>
 *   <li>{@link #HASH}: one field; payload the value bytes; integer counter.</li>
 *   <li>{@link #SET}: one member; no payload (a write means "present").</li>
 *   <li>{@link #ZSET}: one member; payload the score; floating-point counter.</li>
 *   <li>{@link #EXPIRY}: the key's TTL (one unnamed element); payload the unix-ms instant or -1 for none.</li>
 * </ul>
 * Payloads are immutable: byte[] never modified, an unmodifiable List of byte[], Double, Long, or
 * {@link #PRESENT}.
 */
public enum ElementKind {
    STRING(1, ValueType.STRING),
    LIST(2, ValueType.LIST),
    HASH(3, ValueType.HASH),
    SET(4, ValueType.SET),
    ZSET(5, ValueType.ZSET),
    EXPIRY(6, null);

    /** The payload of a set member's write. */
    public static final Object PRESENT = Boolean.TRUE;

    private static final ElementKind[] BY_CODE = {null, STRING, LIST, HASH, SET, ZSET, EXPIRY};

    private final int code;
    private final ValueType valueType;

    ElementKind(int code, ValueType valueType) {
        this.code = code;
        this.valueType = valueType;
    }

    public int code() {
        return code;
    }

    /** The Redis type a key shows when its elements are of this kind; null for EXPIRY. */
    public ValueType valueType() {
        return valueType;
    }

    public static ElementKind of(ValueType type) {
        return switch (type) {
            case STRING -> STRING;
            case LIST -> LIST;
            case HASH -> HASH;
            case SET -> SET;
            case ZSET -> ZSET;
            case STREAM -> throw new IllegalArgumentException("streams are not kept conflict-free");
        };
    }

    static ElementKind byCode(int code, ByteReader in) {
        if (code <= 0 || code >= BY_CODE.length) {
            throw in.malformed("unknown element kind " + code);
        }
        return BY_CODE[code];
    }

    /** Hash fields, set and sorted-set members have names; the other kinds have one unnamed element. */
    public boolean named() {
        return this == HASH || this == SET || this == ZSET;
    }

    /** Whether elements of this kind take counter increments (INCRBY, HINCRBY, ZINCRBY). */
    public boolean counts() {
        return this == STRING || this == HASH || this == ZSET;
    }

    /** A total order on payloads, only to keep joins deterministic if two writes ever share a tag. */
    int comparePayload(Object a, Object b) {
        return switch (this) {
            case STRING, HASH -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case LIST -> compareLists(items(a), items(b));
            case ZSET -> Double.compare((Double) a, (Double) b);
            case EXPIRY -> Long.compare((Long) a, (Long) b);
            case SET -> 0;
        };
    }

    void writePayload(ByteWriter out, Object payload) {
        switch (this) {
            case STRING, HASH -> out.writeBlob((byte[]) payload);
            case LIST -> {
                List<byte[]> items = items(payload);
                out.writeVarLong(items.size());
                for (byte[] item : items) {
                    out.writeBlob(item);
                }
            }
            case ZSET -> out.writeDouble((Double) payload);
            case EXPIRY -> out.writeSignedVarLong((Long) payload);
            case SET -> {
            }
        }
    }

    Object readPayload(ByteReader in) {
        return switch (this) {
            case STRING, HASH -> in.readBlob("value");
            case LIST -> {
                int n = in.readCount("list item", 1);
                if (n == 0) {
                    throw in.malformed("empty list");
                }
                List<byte[]> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(in.readBlob("list item"));
                }
                yield List.copyOf(items);
            }
            case ZSET -> {
                double score = in.readDouble();
                if (Double.isNaN(score)) {
                    throw in.malformed("score is NaN");
                }
                yield score;
            }
            case EXPIRY -> {
                long at = in.readSignedVarLong();
                if (at < -1) {
                    throw in.malformed("invalid expiry " + at);
                }
                yield at;
            }
            case SET -> PRESENT;
        };
    }

    /** a + b for this kind's counters: wrapping integer addition, or floating-point addition of scores' bits. */
    long plus(long a, long b) {
        return this == ZSET ? Double.doubleToLongBits(Double.longBitsToDouble(a) + Double.longBitsToDouble(b)) : a + b;
    }

    /** a - b for this kind's counters. */
    long minus(long a, long b) {
        return this == ZSET ? Double.doubleToLongBits(Double.longBitsToDouble(a) - Double.longBitsToDouble(b)) : a - b;
    }

    /** The counter total of nothing. */
    long zero() {
        return this == ZSET ? Double.doubleToLongBits(0.0) : 0;
    }

    /** Counter totals travel as a long: the amount for integer counters, the IEEE bits for scores. */
    void writeAmount(ByteWriter out, long amount) {
        if (this == ZSET) {
            out.writeLongBits(amount);
        } else {
            out.writeSignedVarLong(amount);
        }
    }

    long readAmount(ByteReader in) {
        if (this == ZSET) {
            long bits = in.readLongBits();
            if (Double.isNaN(Double.longBitsToDouble(bits))) {
                throw in.malformed("counter total is NaN");
            }
            return bits;
        }
        return in.readSignedVarLong();
    }

    /** A counter point: since, ts, total. */
    void writeCounter(ByteWriter out, Counter c) {
        out.writeVarLong(c.since());
        out.writeVarLong(c.ts());
        writeAmount(out, c.total());
    }

    Counter readCounter(ByteReader in) {
        long since = in.readVarLong();
        long ts = in.readTimestamp();
        if (ts <= since) {
            throw in.malformed("counter point ends before it starts");
        }
        return new Counter(since, ts, readAmount(in));
    }

    @SuppressWarnings("unchecked")
    static List<byte[]> items(Object payload) {
        return (List<byte[]>) payload;
    }

    private static int compareLists(List<byte[]> a, List<byte[]> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Arrays.compareUnsigned(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
