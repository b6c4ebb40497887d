package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.syncer.engine.activeactive.crdt.KeyState.UNNAMED;

/** Between a {@link KeyState} and the Redis value it shows: the value of a state, the state of a plain value. */
final class StateValues {

    private StateValues() {
    }

    /** The visible Redis value, carrying this state as its metadata; null for a tombstone. */
    static RedisValue materialize(KeyState state) {
        ElementKind kind = state.visibleKind();
        if (kind == null) {
            return null;
        }
        Map<Key, ElementState> map = state.named(kind);
        RedisValue value = switch (kind) {
            case STRING -> new StringValue((byte[]) state.elementValue(kind, UNNAMED));
            case LIST -> {
                ListValue list = new ListValue();
                for (byte[] item : ElementKind.items(state.elementValue(kind, UNNAMED))) {
                    list.addLast(item);
                }
                yield list;
            }
            case HASH -> {
                HashValue hash = new HashValue();
                map.forEach((name, es) -> {
                    if (es.alive()) {
                        hash.fields().put(name, (byte[]) es.value(kind));
                    }
                });
                yield hash;
            }
            case SET -> {
                SetValue set = new SetValue();
                map.forEach((name, es) -> {
                    if (es.alive()) {
                        set.members().add(name);
                    }
                });
                yield set;
            }
            case ZSET -> {
                ZSetValue zset = new ZSetValue();
                map.forEach((name, es) -> {
                    if (es.alive()) {
                        zset.put(name, (Double) es.value(kind));
                    }
                });
                yield zset;
            }
            case EXPIRY -> throw new IllegalStateException("the TTL is not a visible type");
        };
        value.meta(state);
        return value;
    }

    /**
     * The state of a value that has none yet (written before the database became Active-Active, or
     * loaded without its state): every element written once with {@code tag}, and its TTL.
     */
    static KeyState adopt(RedisValue value, long expireAt, Tag tag) {
        KeyState s = new KeyState();
        switch (value) {
            case StringValue v -> s.write(ElementKind.STRING, UNNAMED, tag, v.bytes());
            case ListValue v -> {
                List<byte[]> items = new ArrayList<>(v.size());
                for (int i = 0; i < v.size(); i++) {
                    items.add(v.get(i));
                }
                if (!items.isEmpty()) {
                    s.write(ElementKind.LIST, UNNAMED, tag, List.copyOf(items));
                }
            }
            case HashValue v -> v.fields().forEach((f, b) -> s.write(ElementKind.HASH, f, tag, b));
            case SetValue v -> v.members().forEach(m -> s.write(ElementKind.SET, m, tag, ElementKind.PRESENT));
            case ZSetValue v -> v.forEach((m, score) -> s.write(ElementKind.ZSET, m, tag, score));
            case StreamValue v -> {
                // streams are not kept conflict-free: only the TTL gets a state
            }
        }
        s.write(ElementKind.EXPIRY, UNNAMED, tag, expireAt);
        return s;
    }
}
