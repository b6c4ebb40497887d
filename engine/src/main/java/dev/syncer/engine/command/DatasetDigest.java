package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Doubles;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The dataset digest of Redis 7.0's DEBUG DIGEST (debug.c {@code computeDatasetDigest}), computed
 * the same way so that a shard and a real redis-server holding the same data give the same 40 hex
 * digits. Order-free collections (the keys of a db, set members, hash fields, sorted-set members)
 * are combined with XOR of SHA-1s; ordered data (a list, the parts of one element) with
 * {@code mixDigest}, which feeds the running digest back into SHA-1. A key with a TTL adds the
 * text "!!expire!!", not the time; logically expired keys still present are included, as in Redis.
 */
public final class DatasetDigest {

    private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha1;

    private DatasetDigest() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** DEBUG DIGEST of the whole keyspace: 20 bytes, all zero for an empty one. */
    public static byte[] of(Keyspace keyspace) {
        DatasetDigest d = new DatasetDigest();
        byte[] result = new byte[20];
        for (int j = 0; j < keyspace.databaseCount(); j++) {
            Database db = keyspace.db(j);
            if (db.size() == 0) {
                continue;
            }
            d.mix(result, bigEndian(j)); // the same data in another db digests differently
            db.forEach((key, value, expireAt) -> {
                byte[] entry = new byte[20];
                d.mix(entry, key.bytes());
                d.xorObject(entry, value, expireAt);
                d.xor(result, entry);
            });
        }
        return result;
    }

    /** DEBUG DIGEST-VALUE of one key: the value's digest (no key name), all zero when missing. */
    public static byte[] ofValue(Database db, Key key) {
        byte[] result = new byte[20];
        RedisValue v = db.peek(key);
        if (v != null) {
            new DatasetDigest().xorObject(result, v, db.expireAt(key));
        }
        return result;
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Redis's xorObjectDigest. */
    private void xorObject(byte[] digest, RedisValue value, long expireAt) {
        mix(digest, bigEndian(typeCode(value)));
        switch (value) {
            case StringValue s -> mix(digest, s.bytes());
            case ListValue l -> {
                for (int i = 0; i < l.size(); i++) {
                    mix(digest, l.get(i));
                }
            }
            case SetValue s -> {
                for (Key m : s.members()) {
                    xor(digest, m.bytes());
                }
            }
            case ZSetValue z -> {
                z.forEach((member, score) -> {
                    byte[] element = new byte[20];
                    mix(element, member.bytes());
                    mix(element, Doubles.format(score).getBytes(StandardCharsets.US_ASCII));
                    xor(digest, element);
                });
            }
            case HashValue h -> {
                for (Map.Entry<Key, byte[]> e : h.fields().entrySet()) {
                    byte[] element = new byte[20];
                    mix(element, e.getKey().bytes());
                    mix(element, e.getValue());
                    xor(digest, element);
                }
            }
            case StreamValue st -> {
                for (StreamValue.Cursor c = st.cursor(StreamId.MIN, StreamId.MAX, false); c.next(); ) {
                    // the ID as "ms.seq" (debug.c's "%U.%U"), then each field and value in order
                    StreamId id = c.id();
                    mix(digest, (Long.toUnsignedString(id.ms()) + "." + Long.toUnsignedString(id.seq()))
                            .getBytes(StandardCharsets.US_ASCII));
                    for (byte[] part : c.fieldsAndValues()) {
                        mix(digest, part);
                    }
                }
            }
        }
        if (expireAt != -1) {
            xor(digest, EXPIRE_MARK);
        }
    }

    /** Redis's object type numbers (OBJ_STRING ... OBJ_HASH), which the digest includes. */
    private static int typeCode(RedisValue v) {
        return switch (v.type()) {
            case STRING -> 0;
            case LIST -> 1;
            case SET -> 2;
            case ZSET -> 3;
            case HASH -> 4;
            case STREAM -> 6;
        };
    }

    /** Redis's xorDigest: digest ^= SHA1(data), so the order of the parts does not matter. */
    private void xor(byte[] digest, byte[] data) {
        byte[] hash = sha1.digest(data);
        for (int i = 0; i < 20; i++) {
            digest[i] ^= hash[i];
        }
    }

    /** Redis's mixDigest: digest = SHA1(digest ^ SHA1(data)), so the order matters. */
    private void mix(byte[] digest, byte[] data) {
        xor(digest, data);
        byte[] next = sha1.digest(digest);
        System.arraycopy(next, 0, digest, 0, 20);
    }

    private static byte[] bigEndian(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
