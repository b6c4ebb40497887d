package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads one value of a given RDB type into a keyspace value (Redis's rdbLoadObject), for every
 * encoding Redis 2.6 to 7.2 writes. Collections with no elements come back as null (streams, which Redis keeps empty, do not) (Redis skips
 * such keys with a warning); duplicate members, NaN scores and lying blobs are errors.
 */
final class ValueDecoder {

    private static final int QUICKLIST_NODE_PLAIN = 1;
    private static final int QUICKLIST_NODE_PACKED = 2;

    private final RdbInput in;

    ValueDecoder(RdbInput in) {
        this.in = in;
    }

    /** The value of a supported type, or null if it has no elements. */
    RedisValue read(RdbType type) throws IOException {
        return switch (type) {
            case STRING -> new StringValue(in.string());
            case LIST -> plainList();
            case SET -> plainSet();
            case ZSET, ZSET_2 -> plainZSet(type == RdbType.ZSET_2);
            case HASH -> plainHash();
            case HASH_ZIPMAP -> hash(blob(Zipmap::decode, "zipmap"));
            case LIST_ZIPLIST -> list(blob(Ziplist::decode, "ziplist"));
            case SET_INTSET -> intset();
            case ZSET_ZIPLIST -> zset(blob(Ziplist::decode, "ziplist"));
            case HASH_ZIPLIST -> hash(blob(Ziplist::decode, "ziplist"));
            case LIST_QUICKLIST, LIST_QUICKLIST_2 -> quicklist(type == RdbType.LIST_QUICKLIST_2);
            case HASH_LISTPACK -> hash(blob(Listpack::decode, "listpack"));
            case ZSET_LISTPACK -> zset(blob(Listpack::decode, "listpack"));
            case SET_LISTPACK -> set(blob(Listpack::decode, "listpack"));
            case STREAM_LISTPACKS, STREAM_LISTPACKS_2, STREAM_LISTPACKS_3 -> new StreamRdb(in).read(type);
            default -> throw in.corrupt("unsupported value type " + type.id + " (" + type.typeName + ")");
        };
    }

    private interface BlobDecoder<T> {
        T decode(byte[] blob) throws EncodingException;
    }

    /** Reads a string holding an encoded blob and decodes it, blaming the blob's offset on failure. */
    private <T> T blob(BlobDecoder<T> decoder, String what) throws IOException {
        long at = in.offset();
        byte[] blob = in.string();
        try {
            return decoder.decode(blob);
        } catch (EncodingException e) {
            throw in.corrupt("bad " + what + " (" + e.getMessage() + ")", at);
        }
    }

    private ListValue plainList() throws IOException {
        long n = in.length();
        ListValue list = new ListValue();
        for (long i = 0; i < n; i++) {
            list.addLast(in.string());
        }
        return n == 0 ? null : list;
    }

    private ListValue list(List<byte[]> elements) {
        if (elements.isEmpty()) {
            return null;
        }
        ListValue list = new ListValue();
        for (byte[] e : elements) {
            list.addLast(e);
        }
        return list;
    }

    private ListValue quicklist(boolean v2) throws IOException {
        long nodes = in.length();
        ListValue list = new ListValue();
        for (long i = 0; i < nodes; i++) {
            long container = QUICKLIST_NODE_PACKED;
            long at = in.offset();
            if (v2) {
                container = in.length();
                if (container != QUICKLIST_NODE_PACKED && container != QUICKLIST_NODE_PLAIN) {
                    throw in.corrupt("quicklist node container " + container + " (1 or 2 expected)", at);
                }
            }
            if (container == QUICKLIST_NODE_PLAIN) {
                byte[] element = in.string();
                if (element.length == 0) {
                    throw in.corrupt("empty plain quicklist node", at);
                }
                list.addLast(element);
                continue;
            }
            List<byte[]> elements = v2 ? blob(Listpack::decode, "listpack") : blob(Ziplist::decode, "ziplist");
            for (byte[] e : elements) {
                list.addLast(e); // empty nodes are skipped, as quicklistAppendListpack's caller does
            }
        }
        return list.size() == 0 ? null : list;
    }

    private SetValue plainSet() throws IOException {
        long n = in.length();
        SetValue set = new SetValue();
        for (long i = 0; i < n; i++) {
            long at = in.offset();
            if (!set.members().add(new Key(in.string()))) {
                throw in.corrupt("duplicate set member", at);
            }
        }
        return n == 0 ? null : set;
    }

    private SetValue set(List<byte[]> members) throws RdbException {
        SetValue set = new SetValue();
        for (byte[] m : members) {
            if (!set.members().add(new Key(m))) {
                throw in.corrupt("duplicate set member in listpack");
            }
        }
        return set.size() == 0 ? null : set;
    }

    private SetValue intset() throws IOException {
        long[] members = blob(Intset::decode, "intset");
        SetValue set = new SetValue();
        for (long m : members) {
            set.members().add(new Key(Blobs.decimal(m)));
        }
        return set.size() == 0 ? null : set;
    }

    private ZSetValue plainZSet(boolean binaryScores) throws IOException {
        long n = in.length();
        ZSetValue zset = new ZSetValue();
        for (long i = 0; i < n; i++) {
            long at = in.offset();
            Key member = new Key(in.string());
            double score = binaryScores ? in.binaryDouble() : in.textDouble();
            addScored(zset, member, score, at);
        }
        return n == 0 ? null : zset;
    }

    private ZSetValue zset(List<byte[]> pairs) throws RdbException {
        if (pairs.size() % 2 != 0) {
            throw in.corrupt("sorted set blob holds an odd number of elements");
        }
        ZSetValue zset = new ZSetValue();
        for (int i = 0; i < pairs.size(); i += 2) {
            Double score = ScoreText.parse(pairs.get(i + 1));
            if (score == null) {
                throw in.corrupt("sorted set blob has a score that is not a number");
            }
            addScored(zset, new Key(pairs.get(i)), score, in.offset());
        }
        return zset.size() == 0 ? null : zset;
    }

    private void addScored(ZSetValue zset, Key member, double score, long at) throws RdbException {
        if (Double.isNaN(score)) {
            throw in.corrupt("sorted set score is NaN", at);
        }
        if (!zset.put(member, score)) {
            throw in.corrupt("duplicate sorted set member", at);
        }
    }

    private HashValue plainHash() throws IOException {
        long n = in.length();
        HashValue hash = new HashValue();
        Map<Key, byte[]> fields = hash.fields();
        for (long i = 0; i < n; i++) {
            long at = in.offset();
            Key field = new Key(in.string());
            if (fields.put(field, in.string()) != null) {
                throw in.corrupt("duplicate hash field", at);
            }
        }
        return n == 0 ? null : hash;
    }

    private HashValue hash(List<byte[]> pairs) throws RdbException {
        if (pairs.size() % 2 != 0) {
            throw in.corrupt("hash blob holds an odd number of elements");
        }
        HashValue hash = new HashValue();
        for (int i = 0; i < pairs.size(); i += 2) {
            if (hash.fields().put(new Key(pairs.get(i)), pairs.get(i + 1)) != null) {
                throw in.corrupt("duplicate hash field in blob");
            }
        }
        return hash.size() == 0 ? null : hash;
    }
}
