package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.activeactive.crdt.Delta;
import dev.syncer.engine.activeactive.crdt.ElementKind;
import dev.syncer.engine.activeactive.crdt.KeyState;
import dev.syncer.engine.activeactive.crdt.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.ToIntFunction;

/**
 * The delta one client command builds in an Active-Active database. A command first looks up the
 * keys it needs ({@link #value}), then records its effect as CRDT operations, then {@link #commit}s:
 * the delta is joined locally through the same path remote deltas take, and propagated as one
 * {@code CRDT.APPLY}. Removals observe the key's state as it was before the command.
 *
 * <p>Register writes to the same element within one command keep the last one (MSET k a k b sets
 * b), as Redis applies them in order.
 */
final class Effect {

    private record Slot(Key key, ElementKind kind, Key name) {
    }

    private final ActiveActive aa;
    private final CommandContext ctx;
    private final int db;
    private Delta delta;
    private final Map<Slot, Object> registers = new LinkedHashMap<>();

    Effect(ActiveActive aa, CommandContext ctx) {
        this.aa = aa;
        this.ctx = ctx;
        this.db = ctx.session().db();
    }

    /** The key's live value, null if missing or expired; a plain value is adopted first. */
    RedisValue value(Key key) {
        if (delta != null) {
            throw new IllegalStateException("look keys up before recording the effect");
        }
        return aa.adoptIfPlain(ctx, key, aa.store().live(db, key));
    }

    /** The key's live value if it has the expected type, null if missing; WRONGTYPE otherwise. */
    <T extends RedisValue> T value(Key key, Class<T> type) {
        RedisValue v = value(key);
        if (v != null && !type.isInstance(v)) {
            throw CommandError.wrongType();
        }
        return type.cast(v);
    }

    private KeyState current(Key key) {
        KeyState s = aa.store().state(db, key);
        return s == null ? new KeyState() : s;
    }

    private KeyState delta(Key key) {
        if (delta == null) {
            delta = new Delta(aa.nextTag());
        }
        return delta.key(key);
    }

    private Tag tag() {
        return delta.tag();
    }

    /** A register write that supersedes what this element held (its earlier writes and increments). */
    void register(Key key, ElementKind kind, Key name, Object payload) {
        removeObserved(key, kind, name);
        registers.put(new Slot(key, kind, name), payload);
    }

    /** A set member's add: add-wins, so nothing it observed needs removing. */
    void addMember(Key key, Key member) {
        delta(key);
        registers.put(new Slot(key, ElementKind.SET, member), ElementKind.PRESENT);
    }

    /**
     * A counter increment (an integer, or a score's IEEE bits): this cluster's series for the
     * element moves to its next point. Concurrent increments of other clusters add up with it.
     */
    void increment(Key key, ElementKind kind, Key name, long amount) {
        KeyState d = delta(key);
        d.count(kind, name, tag().origin(), current(key).nextCount(kind, name, tag().origin(), tag().ts(), amount));
    }

    /** Observed removal of elements; removing the last one removes the key, as Redis deletes empty keys. */
    void removeElements(Key key, ElementKind kind, List<Key> names, boolean emptiesKey) {
        if (emptiesKey) {
            removeKey(key);
            return;
        }
        for (Key name : names) {
            removeObserved(key, kind, name);
        }
    }

    private void removeObserved(Key key, ElementKind kind, Key name) {
        delta(key).join(current(key).observedRemoval(kind, name));
    }

    /** Observed removal of the whole key: every element of every type, and its TTL. */
    void removeKey(Key key) {
        delta(key).join(current(key).observedRemoval());
        registers.keySet().removeIf(s -> s.key().equals(key));
    }

    /** The key's TTL register: an instant in unix ms, or -1 for none. */
    void expiry(Key key, long at) {
        delta(key);
        registers.put(new Slot(key, ElementKind.EXPIRY, KeyState.UNNAMED), at);
    }

    /** A key this command creates starts without a TTL, as in Redis (a TTL register write of "none"). */
    void created(Key key) {
        expiry(key, -1);
    }

    /**
     * HDEL, SREM, ZREM: removes the distinct elements named from argument 2 on that the key holds,
     * and replies how many (0 for a missing key).
     */
    static <T extends RedisValue> void removeNamed(ActiveActive aa, CommandContext ctx, Class<T> type, ElementKind kind,
                                                   BiPredicate<T, Key> present, ToIntFunction<T> size) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        T value = e.value(key, type);
        Set<Key> removed = new LinkedHashSet<>();
        for (int i = 2; value != null && i < ctx.args().count(); i++) {
            Key name = ctx.args().key(i);
            if (present.test(value, name)) {
                removed.add(name);
            }
        }
        if (!removed.isEmpty()) {
            e.removeElements(key, kind, new ArrayList<>(removed), removed.size() == size.applyAsInt(value));
            e.commit();
        }
        ctx.reply().integer(removed.size());
    }

    /** Applies the delta locally and propagates it; nothing happens if the command recorded nothing. */
    void commit() {
        if (delta == null) {
            return;
        }
        registers.forEach((slot, payload) -> delta.key(slot.key()).write(slot.kind(), slot.name(), tag(), payload));
        aa.commit(ctx, delta);
    }
}
