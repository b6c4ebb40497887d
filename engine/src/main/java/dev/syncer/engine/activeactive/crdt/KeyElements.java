package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;

import java.util.HashMap;
import java.util.Map;

/**
 * The elements of one key's state, by kind, and how many of each kind are alive (the visible type
 * is decided from them). A string, a list and the TTL have a single unnamed element: each sits in
 * a field of its own. Hash fields, set and sorted-set members are named: a map per kind, made on
 * first use. A register or counter key (a string and its TTL) held its two elements in two
 * single-entry maps, with a table and a node each, and an array of maps and one of counts: a string
 * key applied from another cluster took 552 bytes of heap with its value, 313 without them (100k
 * keys), and every applied delta's state made them too (2,925 bytes allocated per SET applied, 2,203).
 *
 * <p>{@link KeyState} extends it rather than holding it: one object per key state, not two.
 */
abstract sealed class KeyElements permits KeyState {

    /** What a walk over the elements is given, one element at a time. */
    @FunctionalInterface
    interface ElementVisitor {
        void visit(ElementKind kind, Key name, ElementState es);
    }

    static final ElementKind[] ALL_KINDS = ElementKind.values(); // values() copies its array on every call

    private ElementState string;
    private ElementState list;
    private ElementState expiry;
    private HashMap<Key, ElementState> hash;
    private HashMap<Key, ElementState> set;
    private HashMap<Key, ElementState> zset;
    private int hashAlive;
    private int setAlive;
    private int zsetAlive;

    /** The unnamed element of a kind that has one, null if none. */
    final ElementState single(ElementKind kind) {
        return switch (kind) {
            case STRING -> string;
            case LIST -> list;
            case EXPIRY -> expiry;
            case HASH, SET, ZSET -> throw new IllegalArgumentException(kind + " elements have names");
        };
    }

    private void single(ElementKind kind, ElementState es) {
        switch (kind) {
            case STRING -> string = es;
            case LIST -> list = es;
            case EXPIRY -> expiry = es;
            case HASH, SET, ZSET -> throw new IllegalArgumentException(kind + " elements have names");
        }
    }

    /** The elements of a named kind, null if none (or if the kind is not named); not to be changed. */
    final HashMap<Key, ElementState> named(ElementKind kind) {
        return switch (kind) {
            case HASH -> hash;
            case SET -> set;
            case ZSET -> zset;
            case STRING, LIST, EXPIRY -> null;
        };
    }

    private void named(ElementKind kind, HashMap<Key, ElementState> map) {
        switch (kind) {
            case HASH -> hash = map;
            case SET -> set = map;
            case ZSET -> zset = map;
            case STRING, LIST, EXPIRY -> throw new IllegalArgumentException(kind + " has a single unnamed element");
        }
    }

    /** The element's state, or null. */
    final ElementState elementAt(ElementKind kind, Key name) {
        if (!kind.named()) {
            return name.length() == 0 ? single(kind) : null;
        }
        HashMap<Key, ElementState> map = named(kind);
        return map == null ? null : map.get(name);
    }

    /** Whether the state holds any element of this kind. */
    final boolean holds(ElementKind kind) {
        return kind.named() ? named(kind) != null : single(kind) != null;
    }

    final boolean noElements() {
        return string == null && list == null && expiry == null && hash == null && set == null && zset == null;
    }

    /** How many elements of the kind are alive. */
    final int aliveCount(ElementKind kind) {
        return switch (kind) {
            case HASH -> hashAlive;
            case SET -> setAlive;
            case ZSET -> zsetAlive;
            case STRING, LIST, EXPIRY -> {
                ElementState es = single(kind);
                yield es != null && es.alive() ? 1 : 0;
            }
        };
    }

    private void countAlive(ElementKind kind, int change) {
        switch (kind) {
            case HASH -> hashAlive += change;
            case SET -> setAlive += change;
            case ZSET -> zsetAlive += change;
            case STRING, LIST, EXPIRY -> {
                // a single element's liveness is read from it
            }
        }
    }

    /**
     * Keeps {@code es} (found, or made for this change) or drops it once it remembers nothing (and
     * an emptied map with it), and counts it alive or not.
     */
    final void settle(ElementKind kind, Key name, ElementState es, boolean existed, boolean wasAlive) {
        if (!kind.named()) {
            single(kind, es.isEmpty() ? null : es);
            return;
        }
        HashMap<Key, ElementState> map = named(kind);
        if (es.isEmpty()) {
            if (existed) {
                map.remove(name);
                if (map.isEmpty()) {
                    named(kind, null);
                }
            }
        } else if (!existed) {
            if (map == null) {
                // most named kinds of a delta hold one element: a table of two, not the default sixteen
                map = new HashMap<>(2);
                named(kind, map);
            }
            map.put(name, es);
        }
        countAlive(kind, (es.alive() ? 1 : 0) - (wasAlive ? 1 : 0));
    }

    /** Drops from every element what the key-level removals and the time tombstone cover. */
    final void pruneElements(VersionVector keyRemoved, long before) {
        for (ElementKind kind : ALL_KINDS) {
            if (!kind.named()) {
                ElementState es = single(kind);
                if (es != null) {
                    es.prune(keyRemoved, before);
                    if (es.isEmpty()) {
                        single(kind, null);
                    }
                }
                continue;
            }
            HashMap<Key, ElementState> map = named(kind);
            if (map == null) {
                continue;
            }
            for (var it = map.values().iterator(); it.hasNext(); ) {
                ElementState es = it.next();
                boolean wasAlive = es.alive();
                es.prune(keyRemoved, before);
                if (wasAlive && !es.alive()) {
                    countAlive(kind, -1);
                }
                if (es.isEmpty()) {
                    it.remove();
                }
            }
            if (map.isEmpty()) {
                named(kind, null);
            }
        }
    }

    /** Every element, kind by kind in their order (a named kind's in its map's order). */
    final void forEachElement(ElementVisitor visitor) {
        for (ElementKind kind : ALL_KINDS) {
            if (!kind.named()) {
                ElementState es = single(kind);
                if (es != null) {
                    visitor.visit(kind, KeyState.UNNAMED, es);
                }
                continue;
            }
            HashMap<Key, ElementState> map = named(kind);
            if (map != null) {
                for (Map.Entry<Key, ElementState> e : map.entrySet()) {
                    visitor.visit(kind, e.getKey(), e.getValue());
                }
            }
        }
    }

    /** The greatest tag of anything surviving among the kind's elements, or null. */
    final Tag maxTag(ElementKind kind) {
        if (!kind.named()) {
            ElementState es = single(kind);
            return es == null ? null : es.maxTag();
        }
        Tag best = null;
        HashMap<Key, ElementState> map = named(kind);
        if (map != null) {
            for (ElementState es : map.values()) {
                Tag t = es.maxTag();
                if (t != null && (best == null || t.after(best))) {
                    best = t;
                }
            }
        }
        return best;
    }

    /** The greatest timestamp of the elements (once per applied delta: no visitor to allocate). */
    final long elementsMaxTimestamp() {
        long max = 0;
        for (ElementKind kind : ALL_KINDS) {
            if (!kind.named()) {
                ElementState es = single(kind);
                max = es == null ? max : Math.max(max, es.maxTimestamp());
                continue;
            }
            HashMap<Key, ElementState> map = named(kind);
            if (map != null) {
                for (ElementState es : map.values()) {
                    max = Math.max(max, es.maxTimestamp());
                }
            }
        }
        return max;
    }

    /** Makes this (empty) state's elements copies of {@code from}'s. */
    final void copyElements(KeyElements from) {
        string = from.string == null ? null : from.string.copy();
        list = from.list == null ? null : from.list.copy();
        expiry = from.expiry == null ? null : from.expiry.copy();
        hash = copy(from.hash);
        set = copy(from.set);
        zset = copy(from.zset);
        hashAlive = from.hashAlive;
        setAlive = from.setAlive;
        zsetAlive = from.zsetAlive;
    }

    private static HashMap<Key, ElementState> copy(HashMap<Key, ElementState> map) {
        if (map == null) {
            return null;
        }
        HashMap<Key, ElementState> m = new HashMap<>(map.size() * 4 / 3 + 1);
        map.forEach((name, es) -> m.put(name, es.copy()));
        return m;
    }
}
