package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Encoding;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a value with its type byte in the encoding redis-server 7.0 would hold it in under its
 * default thresholds (rdbSaveObjectType + rdbSaveObject): lists as quicklist 2 with nodes cut as
 * RPUSH fills them ({@link Quicklist}, under the list-max-listpack-size given), small hashes and
 * sorted sets as listpacks, all-integer sets as intsets, the rest as hashtables and skiplists. A value whose encoding its
 * writes decided ({@link RedisValue#encoding()}, under the configured thresholds) is written in it.
 */
final class ValueEncoder {

    static final int HASH_MAX_LISTPACK_ENTRIES = 512;
    static final int HASH_MAX_LISTPACK_VALUE = 64;
    static final int SET_MAX_INTSET_ENTRIES = 512;
    static final int ZSET_MAX_LISTPACK_ENTRIES = 128;
    static final int ZSET_MAX_LISTPACK_VALUE = 64;

    private final RdbOutput out;
    private final int listFill;

    ValueEncoder(RdbOutput out) {
        this(out, Quicklist.DEFAULT_FILL);
    }

    /** With the list-max-listpack-size lists are cut into nodes by. */
    ValueEncoder(RdbOutput out, int listFill) {
        this.out = out;
        this.listFill = listFill;
    }

    /** The type byte, then the value (a DUMP payload's body). */
    void write(RedisValue value) throws IOException {
        writeKeyed(null, value);
    }

    /** The type byte, the key (unless null), then the value (rdbSaveKeyValuePair's tail). */
    void writeKeyed(byte[] key, RedisValue value) throws IOException {
        switch (value) {
            case StringValue s -> {
                header(RdbType.STRING, key);
                out.string(s.bytes());
            }
            case ListValue l -> list(key, l);
            case SetValue s -> set(key, s);
            case ZSetValue z -> zset(key, z);
            case HashValue h -> hash(key, h);
            case StreamValue st -> {
                header(RdbType.STREAM_LISTPACKS_2, key);
                StreamRdb.write(out, st);
            }
        }
    }

    private void header(RdbType type, byte[] key) throws IOException {
        out.u8(type.id);
        if (key != null) {
            out.string(key);
        }
    }

    private void list(byte[] key, ListValue list) throws IOException {
        header(RdbType.LIST_QUICKLIST_2, key);
        List<Quicklist.Node> nodes = Quicklist.nodes(list, listFill, Quicklist.DEFAULT_PACKED_THRESHOLD);
        out.length(nodes.size());
        for (Quicklist.Node node : nodes) {
            out.length(node.plain() ? 1 : 2);
            out.string(node.data());
        }
    }

    private void set(byte[] key, SetValue set) throws IOException {
        long[] ints = compact(set, Encoding.INTSET, set.size() <= SET_MAX_INTSET_ENTRIES) ? integers(set) : null;
        if (ints != null) {
            header(RdbType.SET_INTSET, key);
            out.string(Intset.encode(ints));
            return;
        }
        header(RdbType.SET, key);
        out.length(set.size());
        for (Key m : set.members()) {
            out.string(m.bytes());
        }
    }

    /**
     * Whether to write the compact form: the encoding the value holds as its writes decided it
     * under the settings then in force (rdbSaveObject writes what the server holds), or, for a
     * value never decided, its shape under the default thresholds.
     */
    private static boolean compact(RedisValue value, Encoding compactForm, boolean byDefaultShape) {
        return value.encoding() == null ? byDefaultShape : value.encoding() == compactForm;
    }

    /** The members as integers if every one is a canonical int64 (isSdsRepresentableAsLongLong). */
    private static long[] integers(SetValue set) {
        long[] ints = new long[set.size()];
        int i = 0;
        for (Key m : set.members()) {
            Long v = Numbers.parseLong(m.bytes());
            if (v == null) {
                return null;
            }
            ints[i++] = v;
        }
        return ints;
    }

    private void zset(byte[] key, ZSetValue zset) throws IOException {
        if (compact(zset, Encoding.LISTPACK,
                zset.size() <= ZSET_MAX_LISTPACK_ENTRIES && maxMemberLength(zset) <= ZSET_MAX_LISTPACK_VALUE)) {
            header(RdbType.ZSET_LISTPACK, key);
            Listpack.Builder lp = new Listpack.Builder();
            for (Iterator<ZSetValue.Entry> it = zset.from(0, false); it.hasNext(); ) {
                ZSetValue.Entry e = it.next();
                lp.add(e.member().bytes());
                lp.add(ScoreText.format(e.score()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            out.string(lp.finish());
            return;
        }
        header(RdbType.ZSET_2, key);
        out.length(zset.size());
        Iterator<ZSetValue.Entry> highestFirst = zset.from(zset.size() - 1, true);
        while (highestFirst.hasNext()) {
            ZSetValue.Entry e = highestFirst.next();
            out.string(e.member().bytes());
            out.binaryDouble(e.score());
        }
    }

    private static int maxMemberLength(ZSetValue zset) {
        int[] max = {0};
        zset.forEach((m, score) -> max[0] = Math.max(max[0], m.length()));
        return max[0];
    }

    private void hash(byte[] key, HashValue hash) throws IOException {
        if (compact(hash, Encoding.LISTPACK, hash.size() <= HASH_MAX_LISTPACK_ENTRIES && fitsListpack(hash))) {
            header(RdbType.HASH_LISTPACK, key);
            Listpack.Builder lp = new Listpack.Builder();
            for (Map.Entry<Key, byte[]> e : hash.fields().entrySet()) {
                lp.add(e.getKey().bytes());
                lp.add(e.getValue());
            }
            out.string(lp.finish());
            return;
        }
        header(RdbType.HASH, key);
        out.length(hash.size());
        for (Map.Entry<Key, byte[]> e : hash.fields().entrySet()) {
            out.string(e.getKey().bytes());
            out.string(e.getValue());
        }
    }

    private static boolean fitsListpack(HashValue hash) {
        for (Map.Entry<Key, byte[]> e : hash.fields().entrySet()) {
            if (e.getKey().length() > HASH_MAX_LISTPACK_VALUE || e.getValue().length > HASH_MAX_LISTPACK_VALUE) {
                return false;
            }
        }
        return true;
    }
}
