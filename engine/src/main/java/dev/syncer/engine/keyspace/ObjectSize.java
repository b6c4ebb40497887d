package dev.syncer.engine.keyspace;

import java.util.Iterator;

/**
 * How many bytes redis-server would spend on a key and its value: the figure {@code used_memory}
 * and eviction work with. Several shards share one JVM heap, so the heap cannot tell one shard's
 * data from another's; what Redis effectively keeps instead is the allocator's count, changed on
 * every allocation. Here every stored value carries its own estimate, and the database keeps
 * their sum, adjusted whenever a value is stored, written in place or deleted.
 *
 * <p>Sizes follow Redis's layout on 64 bits (robj 16 bytes, dictEntry 24, sds header 3..9)
 * rounded to jemalloc's size classes. A collection is estimated as Redis's objectComputeSize
 * does: the average of a few sampled elements times the element count, so a write to a huge
 * collection costs O(1) to account.
 */
public final class ObjectSize {

    /** objectComputeSize's default sample (MEMORY USAGE without SAMPLES). */
    static final int SAMPLES = 5;
    static final int ROBJ = 16;
    static final int DICT_ENTRY = 24;
    /** Per element of a listpack: its header and back-length bytes. */
    static final int LISTPACK_ENTRY = 2;
    /** OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    static final int EMBSTR_LIMIT = 44;
    /** The longest 64-bit integer's text: a longer string's estimate depends on its length alone. */
    static final int LONGEST_INTEGER = 20;

    private ObjectSize() {
    }

    /** Bytes for a key and its value in the main dict (a TTL's entry in the expires dict is {@link #DICT_ENTRY} more). */
    public static long keyAndValue(Key key, RedisValue value) {
        return DICT_ENTRY + sds(key.bytes().length) + value(value);
    }

    /** MEMORY USAGE: the key's dict entry and sds plus its value sampled up to {@code samples} elements. */
    public static long keyAndValue(Key key, RedisValue value, long samples) {
        return DICT_ENTRY + sds(key.bytes().length) + value(value, samples);
    }

    /** objectComputeSize, with the element sample of {@value #SAMPLES}. */
    public static long value(RedisValue v) {
        return value(v, SAMPLES);
    }

    /** objectComputeSize with a sample of up to {@code samples} elements (MEMORY USAGE ... SAMPLES). */
    public static long value(RedisValue v, long samples) {
        int n = (int) Math.min(samples, Integer.MAX_VALUE);
        return switch (v) {
            case StringValue s -> string(s);
            case ListValue l -> n == SAMPLES // the usual sample: the list keeps it as it changes
                    ? collection(l.size(), l.headSample(), Math.min(SAMPLES, l.size()), ROBJ + 40) // quicklist header
                    : collection(l.size(), listSample(l, n), ROBJ + 40);
            case HashValue h -> collection(h.size(), h.packed() != null ? packedSample(h.packed(), n, true)
                    : tableSample(h.table(), n), ROBJ + 48); // dict header
            case SetValue s -> collection(s.size(), s.data instanceof MemberTable t ? tableSample(t, n)
                    : packedSample((byte[]) s.data, n, false), ROBJ + 48);
            case ZSetValue z -> collection(z.size(), zsetSample(z, n), ROBJ + 48 + 32); // dict + skiplist
            case StreamValue st -> stream(st, n);
        };
    }

    /** An integer below 10000 is a shared object; other integers live in the robj; else embstr or raw sds. */
    static long string(StringValue s) {
        return string(s.bytes(), 0, s.isDuplicate());
    }

    /** {@link #string(StringValue)} of the value held in bytes from {@code from} on (a packed entry's tail). */
    static long string(byte[] bytes, int from, boolean duplicate) {
        int len = bytes.length - from;
        // read in place, every SET asks; longer values are never an integer (no parse for them)
        Long n = len > LONGEST_INTEGER ? null : Numbers.parseLong(bytes, from, bytes.length);
        if (n != null) {
            return n >= 0 && n < 10_000 && !duplicate ? 0 : ROBJ;
        }
        return len <= EMBSTR_LIMIT ? mallocSize(ROBJ + 3 + len + 1) : ROBJ + sds(len);
    }

    /** Elements times their sampled average size, plus the structure's own header. */
    static long collection(long size, long[] sample, long header) {
        return collection(size, sample[0], sample[1], header);
    }

    /** {@link #collection(long, long[], long)} of a sample of {@code sampled} elements holding {@code bytes}. */
    static long collection(long size, long bytes, long sampled, long header) {
        if (size == 0 || sampled == 0) {
            return header;
        }
        return header + size * bytes / sampled;
    }

    /** An sds string of len bytes: sdshdr8/16/32 plus the terminating zero, as allocated. */
    static long sds(int len) {
        int header = len < 256 ? 3 : len < 65536 ? 5 : 9;
        return mallocSize(header + len + 1L);
    }

    /**
     * zmalloc_size under jemalloc: requests round up to a size class (multiples of 8 up to 128,
     * then four classes per power of two).
     */
    static long mallocSize(long n) {
        if (n <= 8) {
            return 8;
        }
        if (n <= 128) {
            return (n + 7) & ~7L;
        }
        long power = Long.highestOneBit(n - 1); // the class group below n
        long step = power / 4;
        return (n + step - 1) / step * step;
    }

    /** Each element as a dictEntry plus its sds, as a hashtable-encoded value holds it. */
    private static long element(int len) {
        return DICT_ENTRY + sds(len);
    }

    private static long[] listSample(ListValue l, int samples) {
        long bytes = 0;
        int n = Math.min(samples, l.size());
        for (int i = 0; i < n; i++) {
            bytes += ListValue.sampleWeight(l.get(i));
        }
        return new long[] {bytes, n};
    }

    /** {@link #tableSample} of a packed hash (field, value pairs) or set, read in place. */
    private static long[] packedSample(byte[] lp, int samples, boolean pairs) {
        long bytes = 0;
        int n = 0;
        for (int off = 0; off < lp.length && n < samples; n++) {
            bytes += element(Listpack.length(lp, off));
            off = Listpack.next(lp, off);
            if (pairs) {
                bytes += sds(Listpack.length(lp, off));
                off = Listpack.next(lp, off);
            }
        }
        return new long[] {bytes, n};
    }

    /**
     * The first members of a table set, or fields and values of a table hash, read from its arrays:
     * no view, no iterator (every SADD, SPOP and HSET asks).
     */
    private static long[] tableSample(MemberTable t, int samples) {
        long bytes = 0;
        int n = Math.min(samples, t.size);
        for (int i = 0; i < n; i++) {
            bytes += element(t.members[i].length) + (t.values == null ? 0 : sds(t.values[i].length));
        }
        return new long[] {bytes, n};
    }

    private static long[] zsetSample(ZSetValue z, int samples) {
        // a listpack entry and its score, or a skiplist node with one level
        return new long[] {z.sumFirstMembers(samples, len -> element(len) + 32), Math.min(samples, z.size())};
    }

    /**
     * objectComputeSize's stream part: the stream and radix tree headers, then the listpacks: all
     * of them when the sample covers every node, else the sampled nodes' average for all but the
     * last node plus the last node's real size; 64 bytes per group.
     */
    private static long stream(StreamValue st, int samples) {
        int nodes = st.nodes().size();
        long size = ROBJ + 64 + st.groups().size() * 64L + 48L * nodes;
        // the usual sample with the tail past it: remembered, as appends leave those nodes as they are
        boolean kept = samples == SAMPLES && nodes > samples + 1;
        long lpBytes = kept ? st.headSample() : -1;
        int sampled = Math.min(samples, nodes);
        if (lpBytes < 0) {
            lpBytes = 0;
            Iterator<StreamNode> it = st.nodes().values().iterator();
            for (int i = 0; i < sampled; i++) {
                lpBytes += mallocSize(it.next().bytes()); // zmalloc_size: the allocation, not lpBytes
            }
            if (kept) {
                st.headSample(lpBytes);
            }
        }
        if (nodes <= sampled) {
            return size + lpBytes;
        }
        return size + lpBytes / Math.max(1, sampled) * (nodes - 1) + mallocSize(st.lastNode().bytes());
    }
}
