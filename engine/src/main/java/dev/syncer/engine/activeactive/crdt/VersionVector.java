package dev.syncer.engine.activeactive.crdt;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * For each origin, the greatest timestamp of that origin's writes a removal observed. A removal
 * carrying this vector drops exactly the writes it covers (same origin, timestamp not greater), so
 * a write it did not observe — one made concurrently — survives. Because each origin's deltas are
 * applied in the order that origin made them, observing an origin's timestamp t means having seen
 * all its writes up to t. Join is the entry-wise maximum.
 */
public final class VersionVector {

    private final TreeMap<String, Long> max = new TreeMap<>();

    /** The greatest timestamp covered for origin, or 0 (timestamps are positive). */
    public long get(String origin) {
        Long ts = max.get(origin);
        return ts == null ? 0 : ts;
    }

    public boolean covers(Tag tag) {
        return get(tag.origin()) >= tag.ts();
    }

    /** Raises origin's entry to ts; true if that changed anything. */
    public boolean observe(String origin, long ts) {
        if (ts <= get(origin)) {
            return false;
        }
        max.put(origin, ts);
        return true;
    }

    public boolean observe(Tag tag) {
        return observe(tag.origin(), tag.ts());
    }

    /** Entry-wise maximum; true if this changed. */
    public boolean join(VersionVector other) {
        boolean changed = false;
        for (Map.Entry<String, Long> e : other.max.entrySet()) {
            changed |= observe(e.getKey(), e.getValue());
        }
        return changed;
    }

    /** Drops the entries {@code other} or the time bound already cover; true if any was dropped. */
    boolean dropCovered(VersionVector other, long before) {
        return max.entrySet().removeIf(e -> e.getValue() < before
                || (other != null && other.get(e.getKey()) >= e.getValue()));
    }

    /** The greatest timestamp of any origin, 0 when empty. */
    public long maxTimestamp() {
        long m = 0;
        for (long ts : max.values()) {
            m = Math.max(m, ts);
        }
        return m;
    }

    public boolean isEmpty() {
        return max.isEmpty();
    }

    public int size() {
        return max.size();
    }

    /** Entries by origin, sorted. */
    public SortedMap<String, Long> entries() {
        return Collections.unmodifiableSortedMap(max);
    }

    public VersionVector copy() {
        VersionVector c = new VersionVector();
        c.max.putAll(max);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionVector v && v.max.equals(max);
    }

    @Override
    public int hashCode() {
        return max.hashCode();
    }

    @Override
    public String toString() {
        return max.toString();
    }
}
