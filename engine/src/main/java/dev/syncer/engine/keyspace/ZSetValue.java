package dev.syncer.engine.keyspace;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A sorted set: a member→score map plus the members ordered by (score, member) as Redis orders
 * them (ties broken by binary comparison of the member).
 *
 * <p>A small sorted set is held packed ({@link PackedZSet}, as Redis holds it in a listpack) until a
 * new member would not fit; then it becomes the map and the tree for good. While packed,
 * {@link #entries()} and {@link #scores()} decode a snapshot at each call.
 */
public final class ZSetValue extends RedisValue {

    /** One member with its score, in the sorted order. */
    public record Entry(Key member, double score) {
    }

    /** By score, then member bytes; written out (no chained lambdas) as every ZADD runs it ~2 log n times. */
    public static final Comparator<Entry> ORDER = (a, b) -> {
        int byScore = Double.compare(a.score, b.score);
        return byScore != 0 ? byScore : a.member.compareTo(b.member);
    };

    private PackedZSet packed = new PackedZSet(); // null once the map and the tree below
    private HashMap<Key, Double> scores;
    private TreeSet<Entry> sorted;

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    public int size() {
        return packed != null ? packed.size() : scores.size();
    }

    public Double score(Key member) {
        return packed != null ? packed.score(member) : scores.get(member);
    }

    /** Sets member's score; returns true if the member is new. */
    public boolean put(Key member, double score) {
        if (packed != null) {
            int added = packed.put(member, score);
            if (added >= 0) {
                return added == 1;
            }
            unpack();
        }
        Double old = scores.put(member, score);
        if (old != null) {
            sorted.remove(new Entry(member, old));
        }
        sorted.add(new Entry(member, score));
        return old == null;
    }

    public boolean remove(Key member) {
        if (packed != null) {
            return packed.remove(member);
        }
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        sorted.remove(new Entry(member, old));
        return true;
    }

    /** Removes and returns the lowest entry (the highest with {@code max}); null when empty. One descent, no iterator. */
    public Entry pollFirst(boolean max) {
        if (packed != null) { // at most a few dozen members: decoding them is cheap
            if (packed.size() == 0) {
                return null;
            }
            NavigableSet<Entry> all = packed.toTree();
            Entry e = max ? all.last() : all.first();
            packed.remove(e.member());
            return e;
        }
        Entry e = max ? sorted.pollLast() : sorted.pollFirst();
        if (e != null) {
            scores.remove(e.member());
        }
        return e;
    }

    /** Members in ascending (score, member) order; read-only. */
    public NavigableSet<Entry> entries() {
        return java.util.Collections.unmodifiableNavigableSet(packed != null ? packed.toTree() : sorted);
    }

    public Map<Key, Double> scores() {
        return java.util.Collections.unmodifiableMap(packed != null ? packed.toMap() : scores);
    }

    /** The packed form, or null once the set is a map and a tree. */
    PackedZSet packed() {
        return packed;
    }

    /** Whether a member is longer than limit bytes (zsetTypeConvert's length check). */
    boolean anyLongerThan(long limit) {
        if (packed != null) {
            return packed.anyLongerThan(limit);
        }
        for (Key m : scores.keySet()) {
            if (m.length() > limit) {
                return true;
            }
        }
        return false;
    }

    private void unpack() {
        scores = HashMap.newHashMap(packed.size() + 1);
        sorted = new TreeSet<>(ORDER);
        packed.forEach(e -> {
            scores.put(e.member(), e.score());
            sorted.add(e);
        });
        packed = null;
    }

    /** 0-based rank of member in ascending order, or -1. */
    public long rank(Key member) {
        if (packed != null) {
            return packed.rank(member);
        }
        Double score = scores.get(member);
        if (score == null) {
            return -1;
        }
        return sorted.headSet(new Entry(member, score), false).size();
    }

    @Override
    protected RedisValue copy() {
        ZSetValue c = new ZSetValue();
        if (packed != null) {
            c.packed = new PackedZSet(packed);
        } else {
            c.packed = null;
            c.scores = new HashMap<>(scores);
            c.sorted = new TreeSet<>(sorted);
        }
        return withMetaOf(c);
    }
}
