package dev.syncer.engine.keyspace;

/**
 * Which encoding redis-server 7.0 would hold a value in: pure decisions, each named after the
 * Redis function it mirrors. A collection leaves its compact encoding when it outgrows the limits
 * and never returns to it (Redis converts on growth only); a value never decided (just loaded from
 * an RDB, as Redis's loader does) is judged by its shape alone.
 */
public final class Encodings {

    /** OBJ_ENCODING_EMBSTR_SIZE_LIMIT: longer strings are raw. */
    static final int EMBSTR_SIZE_LIMIT = 44;
    /** tryObjectEncoding only tries integers up to this length (a long's decimal digits with sign). */
    private static final int MAX_INTEGER_TEXT = 20;

    private Encodings() {
    }

    /** The encoding OBJECT ENCODING reports: the decided one, or the shape's for a value never decided. */
    public static Encoding of(RedisValue value, EncodingLimits limits) {
        return value.encoding() != null ? value.encoding() : afterWrite(value, null, limits);
    }

    /** The encoding after a write, given the one it had before (null if undecided or new). */
    public static Encoding afterWrite(RedisValue value, Encoding before, EncodingLimits limits) {
        return switch (value) {
            case StringValue s -> before == Encoding.RAW ? Encoding.RAW : tryObjectEncoding(s.bytes());
            case ListValue l -> Encoding.QUICKLIST; // Redis 7.0 keeps every list in a quicklist
            case HashValue h -> hashTypeTryConversion(h, before, limits);
            case SetValue s -> setTypeConvert(s, before, limits);
            case ZSetValue z -> zsetTypeConvert(z, before, limits);
            default -> Encoding.STREAM; // the one other type Redis 7.0 has
        };
    }

    /** tryObjectEncoding: a canonical 64-bit integer is "int", up to 44 bytes "embstr", else "raw". */
    public static Encoding tryObjectEncoding(byte[] text) {
        if (text.length <= MAX_INTEGER_TEXT && Numbers.parseLong(text) != null) {
            return Encoding.INT;
        }
        return text.length <= EMBSTR_SIZE_LIMIT ? Encoding.EMBSTR : Encoding.RAW;
    }

    /** hashTypeTryConversion + hashTypeSet's length check: a listpack until a field, value or count is too big. */
    public static Encoding hashTypeTryConversion(HashValue hash, Encoding before, EncodingLimits limits) {
        if (before == Encoding.HASHTABLE || hash.size() > limits.hashMaxListpackEntries()) {
            return Encoding.HASHTABLE;
        }
        return hash.anyLongerThan(limits.hashMaxListpackValue()) ? Encoding.HASHTABLE : Encoding.LISTPACK;
    }

    /** setTypeAdd's conversions: an intset while every member is an integer and the count is within the limit. */
    public static Encoding setTypeConvert(SetValue set, Encoding before, EncodingLimits limits) {
        if (before == Encoding.HASHTABLE || set.size() > limits.setMaxIntsetEntries()) {
            return Encoding.HASHTABLE;
        }
        return set.members().allIntegers() ? Encoding.INTSET : Encoding.HASHTABLE;
    }

    /** zsetAdd's conversion: a listpack until a member or the count is too big. */
    public static Encoding zsetTypeConvert(ZSetValue zset, Encoding before, EncodingLimits limits) {
        if (before == Encoding.SKIPLIST || zset.size() > limits.zsetMaxListpackEntries()) {
            return Encoding.SKIPLIST;
        }
        return zset.anyLongerThan(limits.zsetMaxListpackValue()) ? Encoding.SKIPLIST : Encoding.LISTPACK;
    }
}
