package dev.syncer.engine.keyspace;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A sorted set: a member→score map plus the members ordered by (score, member) as Redis orders
 * them (ties broken by binary comparison of the member).
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

    private final HashMap<Key, Double> scores = new HashMap<>();
    private final TreeSet<Entry> sorted = new TreeSet<>(ORDER);

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    public int size() {
        return scores.size();
    }

    public Double score(Key member) {
        return scores.get(member);
    }

    /** Sets member's score; returns true if the member is new. */
    public boolean put(Key member, double score) {
        Double old = scores.put(member, score);
        if (old != null) {
            sorted.remove(new Entry(member, old));
        }
        sorted.add(new Entry(member, score));
        return old == null;
    }

    public boolean remove(Key member) {
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        sorted.remove(new Entry(member, old));
        return true;
    }

    /** Removes and returns the lowest entry (the highest with {@code max}); null when empty. One descent, no iterator. */
    public Entry pollFirst(boolean max) {
        Entry e = max ? sorted.pollLast() : sorted.pollFirst();
        if (e != null) {
            scores.remove(e.member());
        }
        return e;
    }

    /** Members in ascending (score, member) order; read-only. */
    public NavigableSet<Entry> entries() {
        return java.util.Collections.unmodifiableNavigableSet(sorted);
    }

    public Map<Key, Double> scores() {
        return java.util.Collections.unmodifiableMap(scores);
    }

    /** 0-based rank of member in ascending order, or -1. */
    public long rank(Key member) {
        Double score = scores.get(member);
        if (score == null) {
            return -1;
        }
        return sorted.headSet(new Entry(member, score), false).size();
    }

    @Override
    protected RedisValue copy() {
        ZSetValue c = new ZSetValue();
        c.scores.putAll(scores);
        c.sorted.addAll(sorted);
        return withMetaOf(c);
    }
}
