package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.testing.StreamEntries;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** A canonical text of a Redis value and TTL, to compare what clients would read. */
public final class Visible {

    private Visible() {
    }

    public static String describe(KeyState s) {
        return describe(s.materialize(), s.visibleExpireAt());
    }

    public static String describe(RedisValue v, long expireAt) {
        if (v == null) {
            return "(none)";
        }
        String ttl = expireAt < 0 ? "" : " ttl=" + expireAt;
        return switch (v) {
            case StringValue s -> "string " + text(s.bytes()) + ttl;
            case ListValue l -> {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    items.add(text(l.get(i)));
                }
                yield "list " + items + ttl;
            }
            case HashValue h -> {
                TreeMap<Key, String> fields = new TreeMap<>();
                h.fields().forEach((f, b) -> fields.put(f, text(b)));
                yield "hash " + fields + ttl;
            }
            case SetValue s -> "set " + new TreeSet<>(s.members()) + ttl;
            case ZSetValue z -> {
                List<String> entries = new ArrayList<>();
                z.forEach((m, score) -> entries.add(m + "=" + score));
                yield "zset " + entries + ttl;
            }
            case StreamValue st -> "stream " + StreamEntries.of(st).keySet() + ttl;
        };
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
