package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ValueMeta;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.keyspace.ZSetValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The conflict-free state of one key: a join-semilattice. It holds the elements of every kind that
 * were written to the key (normally one kind; concurrent writes of different types may leave several,
 * the one holding the greatest tag is the visible type), the key-level removals of register writes
 * (a version vector, kept after the key is gone so late writes it covers stay suppressed) and the
 * time-based expiry tombstone: every register write with a timestamp below {@link #expiredBefore()}
 * is gone. Counters are removed per element, by the points a removal observed ({@link Counter}).
 *
 * <p>A delta — what one command did — is a small KeyState too; applying it is {@link #join}.
 * The primitives ({@link #write}, {@link #count}, {@link #removeElement}, {@link #removeKey},
 * {@link #expireBefore}) are each the join with a one-item state, so the order they are called in
 * never matters, and calling one twice changes nothing the second time.
 *
 * <p>Not thread-safe. Attached to a live value as its {@link ValueMeta}; copied with it.
 */
public final class KeyState implements ValueMeta {

    /** The name of the single element of a string, a list and the TTL. */
    public static final Key UNNAMED = new Key(new byte[0]);

    private static final ElementKind[] DATA_KINDS = {
        ElementKind.STRING, ElementKind.LIST, ElementKind.HASH, ElementKind.SET, ElementKind.ZSET};

    private static final ElementKind[] ALL_KINDS = ElementKind.values(); // values() copies its array on every call
    private static final int KINDS = ALL_KINDS.length;

    // Per kind (by ordinal) its elements, null when none: an array rather than an EnumMap, one
    // object less per state (a state per key, and one per key of every delta a shard applies).
    @SuppressWarnings("unchecked")
    private final HashMap<Key, ElementState>[] elements = new HashMap[KINDS];

    private final int[] alive = new int[KINDS];
    private VersionVector removed; // key-level removals, null when none
    private long expiredBefore; // time tombstone (exclusive HLC bound), 0 when none

    // ---- primitives ----------------------------------------------------------------------------

    /** A register write. */
    public boolean write(ElementKind kind, Key name, Tag tag, Object payload) {
        checkName(kind, name);
        Write w = new Write(tag, payload);
        return update(kind, name, es -> es.addWrite(kind, w, removed, expiredBefore));
    }

    /** A point of origin's counter series for this element (see {@link Counter}). */
    public boolean count(ElementKind kind, Key name, String origin, Counter point) {
        checkName(kind, name);
        if (!kind.counts()) {
            throw new IllegalArgumentException(kind + " takes no increments");
        }
        return update(kind, name, es -> es.addCounter(origin, point));
    }

    /** An observed removal of one element: the writes it covers, the counter points it observed. */
    public boolean removeElement(ElementKind kind, Key name, VersionVector writes, Map<String, Counter> counters) {
        checkName(kind, name);
        return update(kind, name, es -> es.addRemoved(writes, counters, removed, expiredBefore));
    }

    /** An observed removal of the whole key (every element of every kind, and the TTL). */
    public boolean removeKey(VersionVector observed) {
        boolean changed = false;
        for (Map.Entry<String, Long> e : observed.entries().entrySet()) {
            if (e.getValue() >= expiredBefore) {
                if (removed == null) {
                    removed = new VersionVector();
                }
                changed |= removed.observe(e.getKey(), e.getValue());
            }
        }
        if (changed) {
            pruneAll();
        }
        return changed;
    }

    /** The time tombstone of an expiry: every write with a timestamp below {@code bound} is gone. */
    public boolean expireBefore(long bound) {
        if (bound <= expiredBefore) {
            return false;
        }
        expiredBefore = bound;
        if (removed != null) {
            removed.dropCovered(null, bound);
            if (removed.isEmpty()) {
                removed = null;
            }
        }
        pruneAll();
        return true;
    }

    /**
     * Joins another state (a delta or a full state) into this one and says what changed. Runs for
     * every delta a shard applies: no lambda, iterator wrapper or list per element (the garbage of
     * each write is collected with the whole lab's, in one JVM).
     */
    public Changes join(KeyState other) {
        Changes changes = new Changes();
        if (expireBefore(other.expiredBefore)) {
            changes.markWide();
        }
        if (other.removed != null && removeKey(other.removed)) {
            changes.markWide();
        }
        for (ElementKind kind : ALL_KINDS) { // the order of the EnumMap
            HashMap<Key, ElementState> theirs = other.elements[kind.ordinal()];
            if (theirs == null) {
                continue;
            }
            for (Map.Entry<Key, ElementState> e : theirs.entrySet()) {
                Key name = e.getKey();
                HashMap<Key, ElementState> map = elementsFor(kind);
                ElementState mine = map.get(name);
                boolean existed = mine != null;
                if (!existed) {
                    mine = new ElementState();
                }
                boolean wasAlive = existed && mine.alive();
                boolean changed = mine.join(kind, e.getValue(), removed, expiredBefore);
                settle(kind, name, map, mine, existed, wasAlive);
                if (changed) {
                    changes.element(kind, name);
                }
            }
        }
        return changes;
    }

    private boolean update(ElementKind kind, Key name, Predicate<ElementState> op) {
        HashMap<Key, ElementState> map = elementsFor(kind);
        ElementState es = map.get(name);
        boolean existed = es != null;
        if (!existed) {
            es = new ElementState();
        }
        boolean wasAlive = existed && es.alive();
        boolean changed = op.test(es);
        settle(kind, name, map, es, existed, wasAlive);
        return changed;
    }

    private HashMap<Key, ElementState> elementsFor(ElementKind kind) {
        HashMap<Key, ElementState> map = elements[kind.ordinal()];
        if (map == null) {
            // Most kinds hold one element (a string, a list, the TTL, a delta's field): a table of two,
            // not the default sixteen, which a state per key and a delta per write otherwise allocate.
            map = new HashMap<>(2);
            elements[kind.ordinal()] = map;
        }
        return map;
    }

    /** Keeps {@code es} in the map or drops it (and an emptied map), and counts it alive or not. */
    private void settle(ElementKind kind, Key name, HashMap<Key, ElementState> map, ElementState es, boolean existed,
                        boolean wasAlive) {
        if (es.isEmpty()) {
            map.remove(name);
        } else if (!existed) {
            map.put(name, es);
        }
        if (map.isEmpty()) {
            elements[kind.ordinal()] = null;
        }
        alive[kind.ordinal()] += (es.alive() ? 1 : 0) - (wasAlive ? 1 : 0);
    }

    private void pruneAll() {
        for (ElementKind kind : ALL_KINDS) {
            HashMap<Key, ElementState> map = elements[kind.ordinal()];
            if (map == null) {
                continue;
            }
            for (var it = map.values().iterator(); it.hasNext(); ) {
                ElementState es = it.next();
                boolean wasAlive = es.alive();
                es.prune(removed, expiredBefore);
                if (wasAlive && !es.alive()) {
                    alive[kind.ordinal()]--;
                }
                if (es.isEmpty()) {
                    it.remove();
                }
            }
            if (map.isEmpty()) {
                elements[kind.ordinal()] = null;
            }
        }
    }

    private static void checkName(ElementKind kind, Key name) {
        if (!kind.named() && name.length() != 0) {
            throw new IllegalArgumentException(kind + " has a single unnamed element");
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    /** The visible type: the kind holding the greatest surviving tag; null if nothing survives (a tombstone). */
    public ElementKind visibleKind() {
        ElementKind only = null;
        int kinds = 0;
        for (ElementKind k : DATA_KINDS) {
            if (alive[k.ordinal()] > 0) {
                kinds++;
                only = k;
            }
        }
        if (kinds <= 1) {
            return only;
        }
        Tag best = null;
        ElementKind bestKind = null;
        for (ElementKind k : DATA_KINDS) {
            if (alive[k.ordinal()] == 0) {
                continue;
            }
            for (ElementState es : elements[k.ordinal()].values()) {
                Tag t = es.maxTag();
                if (t != null && (best == null || t.after(best))) {
                    best = t;
                    bestKind = k;
                }
            }
        }
        return bestKind;
    }

    public boolean isAlive() {
        return visibleKind() != null;
    }

    /** Whether the state remembers nothing at all (no element, no removal, no expiry). */
    public boolean isEmpty() {
        return noElements() && removed == null && expiredBefore == 0;
    }

    private boolean noElements() {
        for (HashMap<Key, ElementState> map : elements) {
            if (map != null) {
                return false;
            }
        }
        return true;
    }

    public ElementState element(ElementKind kind, Key name) {
        HashMap<Key, ElementState> map = elements[kind.ordinal()];
        return map == null ? null : map.get(name);
    }

    /** The element's value (see {@link ElementState#value}), or null if it does not survive. */
    public Object elementValue(ElementKind kind, Key name) {
        ElementState es = element(kind, name);
        return es == null ? null : es.value(kind);
    }

    /** Every element of every kind, read-only. */
    public Map<ElementKind, Map<Key, ElementState>> elements() {
        EnumMap<ElementKind, Map<Key, ElementState>> out = new EnumMap<>(ElementKind.class);
        for (ElementKind kind : ALL_KINDS) {
            if (elements[kind.ordinal()] != null) {
                out.put(kind, Collections.unmodifiableMap(elements[kind.ordinal()]));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The elements of one kind, null if none; not to be changed (the per-write path reads it without a view). */
    public Map<Key, ElementState> elementsOf(ElementKind kind) {
        return elements[kind.ordinal()];
    }

    /** The key-level removals, or null. */
    public VersionVector removed() {
        return removed;
    }

    public long expiredBefore() {
        return expiredBefore;
    }

    /** The TTL to show (unix ms), or -1: none, or an instant the key already expired at. */
    public long visibleExpireAt() {
        Object at = elementValue(ElementKind.EXPIRY, UNNAMED);
        if (at == null || (Long) at < 0 || (Long) at < Hlc.millisOf(expiredBefore)) {
            return -1;
        }
        return (Long) at;
    }

    /** Everything this key holds or removed, per origin. */
    public VersionVector observed() {
        VersionVector vv = removed == null ? new VersionVector() : removed.copy();
        for (HashMap<Key, ElementState> map : elements) {
            if (map == null) {
                continue;
            }
            for (ElementState es : map.values()) {
                es.observeInto(vv);
            }
        }
        return vv;
    }

    /**
     * The removal of the whole key as this state observes it, as a delta: the key-level version
     * vector of everything seen, and for each counter the points seen. Empty for an empty state.
     */
    public KeyState observedRemoval() {
        KeyState r = observedCounterRemoval();
        VersionVector vv = observed();
        if (!vv.isEmpty()) {
            r.removeKey(vv);
        }
        return r;
    }

    /** The removal of every counter point this state observes (what an expiry removes of counters). */
    public KeyState observedCounterRemoval() {
        KeyState r = new KeyState();
        for (ElementKind kind : ALL_KINDS) {
            HashMap<Key, ElementState> map = elements[kind.ordinal()];
            if (map != null) {
                map.forEach((name, es) -> {
                    Map<String, Counter> points = es.observedCounters();
                    if (!points.isEmpty()) {
                        r.removeElement(kind, name, null, points);
                    }
                });
            }
        }
        return r;
    }

    /** The removal of one element as this state observes it, as a delta; empty if nothing to remove. */
    public KeyState observedRemoval(ElementKind kind, Key name) {
        KeyState r = new KeyState();
        ElementState es = element(kind, name);
        if (es != null) {
            VersionVector vv = new VersionVector();
            for (Write w : es.writes()) {
                vv.observe(w.tag());
            }
            if (es.removed() != null) {
                vv.join(es.removed());
            }
            Map<String, Counter> points = es.observedCounters();
            if (!vv.isEmpty() || !points.isEmpty()) {
                r.removeElement(kind, name, vv, points);
            }
        }
        return r;
    }

    /** The point origin's counter series for this element reaches by adding amount at ts. */
    public Counter nextCount(ElementKind kind, Key name, String origin, long ts, long amount) {
        ElementState es = element(kind, name);
        return (es == null ? new ElementState() : es).next(kind, origin, ts, amount);
    }

    /**
     * The greatest timestamp anywhere in the state (clocks observe it when it is merged): the
     * greatest of {@link #observed()}, without building that vector (once per applied delta).
     */
    public long maxTimestamp() {
        long max = expiredBefore;
        if (removed != null) {
            max = Math.max(max, removed.maxTimestamp());
        }
        for (HashMap<Key, ElementState> map : elements) {
            if (map == null) {
                continue;
            }
            for (ElementState es : map.values()) {
                max = Math.max(max, es.maxTimestamp());
            }
        }
        return max;
    }

    /** The visible Redis value, carrying this state as its metadata; null for a tombstone. */
    public RedisValue materialize() {
        ElementKind kind = visibleKind();
        if (kind == null) {
            return null;
        }
        Map<Key, ElementState> map = elements[kind.ordinal()];
        RedisValue value = switch (kind) {
            case STRING -> new StringValue((byte[]) elementValue(kind, UNNAMED));
            case LIST -> {
                ListValue list = new ListValue();
                for (byte[] item : ElementKind.items(elementValue(kind, UNNAMED))) {
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
        value.meta(this);
        return value;
    }

    /**
     * The state of a value that has none yet (written before the database became Active-Active, or
     * loaded without its state): every element written once with {@code tag}, and its TTL.
     */
    public static KeyState adopt(RedisValue value, long expireAt, Tag tag) {
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

    @Override
    public KeyState copy() {
        KeyState c = new KeyState();
        for (int k = 0; k < KINDS; k++) {
            HashMap<Key, ElementState> map = elements[k];
            if (map != null) {
                HashMap<Key, ElementState> m = new HashMap<>(map.size() * 4 / 3 + 1);
                map.forEach((name, es) -> m.put(name, es.copy()));
                c.elements[k] = m;
            }
        }
        System.arraycopy(alive, 0, c.alive, 0, alive.length);
        c.removed = removed == null ? null : removed.copy();
        c.expiredBefore = expiredBefore;
        return c;
    }

    @Override
    public String toString() {
        return "KeyState{kinds=" + elements().keySet() + ", removed=" + removed + ", expiredBefore=" + expiredBefore + "}";
    }
}
