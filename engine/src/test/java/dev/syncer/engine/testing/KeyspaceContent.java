package dev.syncer.engine.testing;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The logical content of a dataset in one comparable form, whatever it came from: our keyspace,
 * a real redis-server (read back over RESP) or a reference manifest. Bytes are held as ISO-8859-1
 * text (lossless); sets and hashes are sorted so that they compare unordered; lists and sorted
 * sets keep their order; scores are doubles.
 */
public final class KeyspaceContent {

    /** One key: its TYPE name, expiry in unix ms (-1 for none) and value. */
    public record Entry(String type, long expireAt, Object value) {
    }

    /** A sorted-set member and its score. */
    public record Scored(String member, double score) {
    }

    private KeyspaceContent() {
    }

    public static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** db index → key → entry, for the non-empty databases; call on the keyspace's thread. */
    public static Map<Integer, Map<String, Entry>> of(Keyspace keyspace) {
        Map<Integer, Map<String, Entry>> out = new TreeMap<>();
        for (int db = 0; db < keyspace.databaseCount(); db++) {
            Database d = keyspace.db(db);
            Map<String, Entry> keys = new TreeMap<>();
            d.forEach((key, value, expireAt) -> keys.put(text(key.bytes()), entry(value, expireAt)));
            if (!keys.isEmpty()) {
                out.put(db, keys);
            }
        }
        return out;
    }

    public static Entry entry(RedisValue value, long expireAt) {
        return switch (value) {
            case StringValue s -> new Entry("string", expireAt, text(s.bytes()));
            case ListValue l -> {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    items.add(text(l.get(i)));
                }
                yield new Entry("list", expireAt, items);
            }
            case SetValue s -> {
                TreeSet<String> members = new TreeSet<>();
                for (Key k : s.members()) {
                    members.add(text(k.bytes()));
                }
                yield new Entry("set", expireAt, members);
            }
            case HashValue h -> {
                TreeMap<String, String> fields = new TreeMap<>();
                h.fields().forEach((f, v) -> fields.put(text(f.bytes()), text(v)));
                yield new Entry("hash", expireAt, fields);
            }
            case ZSetValue z -> {
                List<Scored> items = new ArrayList<>();
                z.forEach((m, score) -> items.add(new Scored(text(m.bytes()), score)));
                yield new Entry("zset", expireAt, items);
            }
            case StreamValue st -> {
                List<Object> items = new ArrayList<>();
                StreamEntries.of(st).forEach((id, fv) -> {
                    List<String> parts = new ArrayList<>();
                    for (byte[] p : fv) {
                        parts.add(text(p));
                    }
                    items.add(List.of(id.toString(), parts));
                });
                yield new Entry("stream", expireAt, items);
            }
        };
    }

    /** Reads every key of every database of a Redis-compatible server over RESP (SCAN, TYPE, PEXPIRETIME...). */
    public static Map<Integer, Map<String, Entry>> of(RespClient redis, int databases) {
        Map<Integer, Map<String, Entry>> out = new TreeMap<>();
        for (int db = 0; db < databases; db++) {
            redis.call("SELECT", Integer.toString(db));
            Map<String, Entry> keys = new TreeMap<>();
            String cursor = "0";
            do {
                List<Object> reply = Json.array(redis.call("SCAN", cursor, "COUNT", "1000"));
                cursor = text((byte[]) reply.get(0));
                for (Object k : Json.array(reply.get(1))) {
                    byte[] key = (byte[]) k;
                    keys.put(text(key), read(redis, key));
                }
            } while (!cursor.equals("0"));
            if (!keys.isEmpty()) {
                out.put(db, keys);
            }
        }
        redis.call("SELECT", "0");
        return out;
    }

    private static Entry read(RespClient redis, byte[] key) {
        String type = (String) redis.callBytes(b("TYPE"), key);
        long ttl = (Long) redis.callBytes(b("PEXPIRETIME"), key);
        long expireAt = ttl < 0 ? -1 : ttl;
        Object value = switch (type) {
            case "string" -> text((byte[]) redis.callBytes(b("GET"), key));
            case "list" -> texts(redis.callBytes(b("LRANGE"), key, b("0"), b("-1")));
            case "set" -> new TreeSet<>(texts(redis.callBytes(b("SMEMBERS"), key)));
            case "hash" -> {
                List<String> flat = texts(redis.callBytes(b("HGETALL"), key));
                TreeMap<String, String> m = new TreeMap<>();
                for (int i = 0; i < flat.size(); i += 2) {
                    m.put(flat.get(i), flat.get(i + 1));
                }
                yield m;
            }
            case "zset" -> {
                List<String> flat = texts(redis.callBytes(b("ZRANGE"), key, b("0"), b("-1"), b("WITHSCORES")));
                List<Scored> items = new ArrayList<>();
                for (int i = 0; i < flat.size(); i += 2) {
                    items.add(new Scored(flat.get(i), score(flat.get(i + 1))));
                }
                yield items;
            }
            case "stream" -> {
                List<Object> items = new ArrayList<>();
                for (Object e : Json.array(redis.callBytes(b("XRANGE"), key, b("-"), b("+")))) {
                    List<Object> pair = Json.array(e);
                    items.add(List.of(text((byte[]) pair.get(0)), texts(pair.get(1))));
                }
                yield items;
            }
            default -> throw new IllegalStateException("type " + type);
        };
        return new Entry(type, expireAt, value);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> texts(Object reply) {
        List<String> out = new ArrayList<>();
        for (Object o : Json.array(reply)) {
            out.add(text((byte[]) o));
        }
        return out;
    }

    /** A score as Redis prints it ("inf", "-inf", "1.5", "0.10000000000000001"). */
    public static double score(String s) {
        return switch (s) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /**
     * The "expected_after_load_as_master" part of a reference manifest in this form. Values are JSON
     * strings when printable UTF-8, else {"b64": ...}; binary key names are that object as JSON text.
     */
    public static Map<Integer, Map<String, Entry>> fromManifest(Map<String, Object> expected) {
        Map<Integer, Map<String, Entry>> out = new TreeMap<>();
        for (Map.Entry<String, Object> db : expected.entrySet()) {
            Map<String, Entry> keys = new TreeMap<>();
            for (Map.Entry<String, Object> k : Json.object(db.getValue()).entrySet()) {
                Map<String, Object> e = Json.object(k.getValue());
                String type = (String) e.get("type");
                Object at = e.get("expire_at_ms");
                keys.put(manifestKey(k.getKey()), new Entry(type, at == null ? -1 : ((Number) at).longValue(),
                        manifestValue(type, e.get("value"))));
            }
            out.put(Integer.parseInt(db.getKey()), keys);
        }
        return out;
    }

    /** A manifest key or member name: plain text, or {"b64": ...} serialised as JSON text. */
    public static String manifestKey(String name) {
        if (name.startsWith("{\"b64\"")) {
            return bytes(Json.parse(name));
        }
        return text(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A manifest value string: plain text or {"b64": ...}, as ISO-8859-1 text of its bytes. */
    public static String bytes(Object v) {
        if (v instanceof Map<?, ?> m) {
            return text(Base64.getDecoder().decode((String) m.get("b64")));
        }
        return text(((String) v).getBytes(StandardCharsets.UTF_8));
    }

    private static Object manifestValue(String type, Object v) {
        switch (type) {
            case "string":
                return bytes(v);
            case "list": {
                List<String> items = new ArrayList<>();
                for (Object o : Json.array(v)) {
                    items.add(bytes(o));
                }
                return items;
            }
            case "set": {
                TreeSet<String> members = new TreeSet<>();
                for (Object o : Json.array(v)) {
                    members.add(bytes(o));
                }
                return members;
            }
            case "hash": {
                TreeMap<String, String> fields = new TreeMap<>();
                for (Map.Entry<String, Object> f : Json.object(v).entrySet()) {
                    fields.put(manifestKey(f.getKey()), bytes(f.getValue()));
                }
                return fields;
            }
            case "zset": {
                List<Scored> items = new ArrayList<>();
                for (Object o : Json.array(v)) {
                    List<Object> pair = Json.array(o);
                    items.add(new Scored(bytes(pair.get(0)), score((String) pair.get(1))));
                }
                return items;
            }
            case "stream": {
                List<Object> items = new ArrayList<>();
                for (Object o : Json.array(Json.object(v).get("entries"))) {
                    List<Object> pair = Json.array(o);
                    List<String> parts = new ArrayList<>();
                    for (Object p : Json.array(pair.get(1))) {
                        parts.add(bytes(p));
                    }
                    items.add(List.of((String) pair.get(0), parts));
                }
                return items;
            }
            default:
                return v;
        }
    }
}
