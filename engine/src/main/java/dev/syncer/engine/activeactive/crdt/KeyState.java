package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.ValueMeta;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

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
public final class KeyState extends KeyElements implements ValueMeta {

    /** The name of the single element of a string, a list and the TTL. */
    public static final Key UNNAMED = new Key(new byte[0]);

    private static final ElementKind[] DATA_KINDS = {
        ElementKind.STRING, ElementKind.LIST, ElementKind.HASH, ElementKind.SET, ElementKind.ZSET};

    private VersionVector removed; // key-level removals, null when none
    private long expiredBefore; // time tombstone (exclusive HLC bound), 0 when none

    // ---- primitives ----------------------------------------------------------------------------

    /** A register write. */
    public boolean write(ElementKind kind, Key name, Tag tag, Object payload) {
        checkName(kind, name);
        return update(kind, name, new Write(tag, payload));
    }

    /** A point of origin's counter series for this element (see {@link Counter}). */
    public boolean count(ElementKind kind, Key name, String origin, Counter point) {
        checkName(kind, name);
        if (!kind.counts()) {
            throw new IllegalArgumentException(kind + " takes no increments");
        }
        return update(kind, name, (ElementChange) es -> es.addCounter(origin, point));
    }

    /** An observed removal of one element: the writes it covers, the counter points it observed. */
    public boolean removeElement(ElementKind kind, Key name, VersionVector writes, Map<String, Counter> counters) {
        checkName(kind, name);
        return update(kind, name, (ElementChange) es -> es.addRemoved(writes, counters, removed, expiredBefore));
    }

    /** An observed removal of the whole key (every element of every kind, and the TTL). */
    public boolean removeKey(VersionVector observed) {
        boolean changed = false;
        for (int i = 0; i < observed.size(); i++) {
            if (observed.timestamp(i) >= expiredBefore) {
                if (removed == null) {
                    removed = new VersionVector();
                }
                changed |= removed.observe(observed.origin(i), observed.timestamp(i));
            }
        }
        if (changed) {
            pruneElements(removed, expiredBefore);
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
        pruneElements(removed, expiredBefore);
        return true;
    }

    /**
     * Joins another state (a delta or a full state) into this one and says what changed. Runs for
     * every delta a shard applies: no list per element (the garbage of each write is collected
     * with the whole lab's, in one JVM).
     */
    public Changes join(KeyState other) {
        Changes changes = new Changes();
        if (expireBefore(other.expiredBefore)) {
            changes.markWide();
        }
        if (other.removed != null && removeKey(other.removed)) {
            changes.markWide();
        }
        other.forEachElement((kind, name, theirs) -> {
            if (update(kind, name, theirs)) {
                changes.element(kind, name);
            }
        });
        return changes;
    }

    /** What a primitive does to one element's state; true if it changed. */
    @FunctionalInterface
    private interface ElementChange {
        boolean applyTo(ElementState es);
    }

    /**
     * Joins a change into one element's state, made for it if there is none: a register write, the
     * element's state in another key state (a join), or another primitive. Writes (decoding a
     * delta) and joins (applying it) come as they are, with no lambda to allocate.
     */
    private boolean update(ElementKind kind, Key name, Object change) {
        ElementState es = elementAt(kind, name);
        boolean existed = es != null;
        if (!existed) {
            es = new ElementState();
        }
        boolean wasAlive = existed && es.alive();
        boolean changed = switch (change) {
            case Write w -> es.addWrite(kind, w, removed, expiredBefore);
            case ElementState theirs -> es.join(kind, theirs, removed, expiredBefore);
            case ElementChange op -> op.applyTo(es);
            default -> throw new IllegalArgumentException("not an element change: " + change);
        };
        settle(kind, name, es, existed, wasAlive);
        return changed;
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
            if (aliveCount(k) > 0) {
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
            Tag t = aliveCount(k) == 0 ? null : maxTag(k);
            if (t != null && (best == null || t.after(best))) {
                best = t;
                bestKind = k;
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

    public ElementState element(ElementKind kind, Key name) {
        return elementAt(kind, name);
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
            Map<Key, ElementState> map = elementsOf(kind);
            if (map != null) {
                out.put(kind, Collections.unmodifiableMap(map));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The elements of one kind, null if none; not to be changed (the per-write path reads a named
     * kind's map without a view; an unnamed kind's single element comes in a map made for the call).
     */
    public Map<Key, ElementState> elementsOf(ElementKind kind) {
        if (kind.named()) {
            return named(kind);
        }
        ElementState es = single(kind);
        return es == null ? null : Map.of(UNNAMED, es);
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
        forEachElement((kind, name, es) -> es.observeInto(vv));
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
        forEachElement((kind, name, es) -> {
            Map<String, Counter> points = es.observedCounters();
            if (!points.isEmpty()) {
                r.removeElement(kind, name, null, points);
            }
        });
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
        return Math.max(max, elementsMaxTimestamp());
    }

    /** The visible Redis value, carrying this state as its metadata; null for a tombstone. */
    public RedisValue materialize() {
        return StateValues.materialize(this);
    }

    /**
     * The state of a value that has none yet (written before the database became Active-Active, or
     * loaded without its state): every element written once with {@code tag}, and its TTL.
     */
    public static KeyState adopt(RedisValue value, long expireAt, Tag tag) {
        return StateValues.adopt(value, expireAt, tag);
    }

    @Override
    public KeyState copy() {
        KeyState c = new KeyState();
        c.copyElements(this);
        c.removed = removed == null ? null : removed.copy();
        c.expiredBefore = expiredBefore;
        return c;
    }

    @Override
    public String toString() {
        return "KeyState{kinds=" + elements().keySet() + ", removed=" + removed + ", expiredBefore=" + expiredBefore + "}";
    }
}
