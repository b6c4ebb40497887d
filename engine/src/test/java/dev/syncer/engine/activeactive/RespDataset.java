package dev.syncer.engine.activeactive;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.activeactive.crdt.Visible;
import dev.syncer.engine.testing.RespClient;

import java.util.List;
import java.util.TreeMap;

/** What a server's clients read in db 0 — every key's type, content and TTL — through RESP, as canonical text. */
final class RespDataset {

    private RespDataset() {
    }

    /** Reads the data back into our value types, to describe it as {@link Visible} does. */
    @SuppressWarnings("unchecked")
    static TreeMap<String, String> read(RespClient redis) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Object k : (List<Object>) redis.call("KEYS", "*")) {
            String key = RespClient.text(k);
            String type = RespClient.text(redis.call("TYPE", key));
            RedisValue v = switch (type) {
                case "string" -> new StringValue((byte[]) redis.call("GET", key));
                case "list" -> {
                    ListValue l = new ListValue();
                    ((List<Object>) redis.call("LRANGE", key, "0", "-1")).forEach(i -> l.addLast((byte[]) i));
                    yield l;
                }
                case "hash" -> {
                    HashValue h = new HashValue();
                    List<Object> flat = (List<Object>) redis.call("HGETALL", key);
                    for (int i = 0; i < flat.size(); i += 2) {
                        h.fields().put(new Key((byte[]) flat.get(i)), (byte[]) flat.get(i + 1));
                    }
                    yield h;
                }
                case "set" -> {
                    SetValue s = new SetValue();
                    ((List<Object>) redis.call("SMEMBERS", key)).forEach(m -> s.members().add(new Key((byte[]) m)));
                    yield s;
                }
                case "zset" -> {
                    ZSetValue z = new ZSetValue();
                    List<Object> flat = (List<Object>) redis.call("ZRANGE", key, "0", "-1", "WITHSCORES");
                    for (int i = 0; i < flat.size(); i += 2) {
                        z.put(new Key((byte[]) flat.get(i)), Double.parseDouble(RespClient.text(flat.get(i + 1))));
                    }
                    yield z;
                }
                default -> throw new AssertionError("unexpected type " + type);
            };
            long at = (Long) redis.call("PEXPIRETIME", key);
            out.put(key, Visible.describe(v, at));
        }
        return out;
    }
}
