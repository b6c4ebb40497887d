package dev.syncer.engine.activeactive.crdt;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * For each origin, the greatest timestamp of that origin's writes a removal observed. A removal
 * carrying this vector drops exactly the writes it covers (same origin, timestamp not greater), so
 * a write it did not observe — one made concurrently — survives. Because each origin's deltas are
 * applied in the order that origin made them, observing an origin's timestamp t means having seen
 * all its writes up to t. Join is the entry-wise maximum.
 *
 * <p>The entries are two arrays sorted by origin, exactly as long as there are origins (a few:
 * one per cluster): a key overwritten keeps its key-level removals as one of these for good, and
 * every SET, DEL or emptying write's delta carries one, so a tree map with an entry and a boxed
 * timestamp per origin cost about 50 bytes more per key and per applied delta.
 */
public final class VersionVector {

    private static final String[] NO_ORIGINS = {};
    private static final long[] NO_STAMPS = {};

    private String[] origins = NO_ORIGINS;
    private long[] stamps = NO_STAMPS;

    /** The greatest timestamp covered for origin, or 0 (timestamps are positive). */
    public long get(String origin) {
        int i = indexOf(origin);
        return i >= 0 ? stamps[i] : 0;
    }

    public boolean covers(Tag tag) {
        return get(tag.origin()) >= tag.ts();
    }

    /** Raises origin's entry to ts; true if that changed anything. */
    public boolean observe(String origin, long ts) {
        int i = indexOf(origin);
        if (i >= 0) {
            if (ts <= stamps[i]) {
                return false;
            }
            stamps[i] = ts;
            return true;
        }
        if (ts <= 0) {
            return false;
        }
        int at = -i - 1;
        String[] o = new String[origins.length + 1];
        long[] s = new long[o.length];
        System.arraycopy(origins, 0, o, 0, at);
        System.arraycopy(stamps, 0, s, 0, at);
        o[at] = origin;
        s[at] = ts;
        System.arraycopy(origins, at, o, at + 1, origins.length - at);
        System.arraycopy(stamps, at, s, at + 1, stamps.length - at);
        origins = o;
        stamps = s;
        return true;
    }

    public boolean observe(Tag tag) {
        return observe(tag.origin(), tag.ts());
    }

    /** Entry-wise maximum; true if this changed. */
    public boolean join(VersionVector other) {
        boolean changed = false;
        for (int i = 0; i < other.origins.length; i++) {
            changed |= observe(other.origins[i], other.stamps[i]);
        }
        return changed;
    }

    /** Drops the entries {@code other} or the time bound already cover; true if any was dropped. */
    boolean dropCovered(VersionVector other, long before) {
        int kept = 0;
        for (int i = 0; i < origins.length; i++) {
            if (!(stamps[i] < before || (other != null && other.get(origins[i]) >= stamps[i]))) {
                origins[kept] = origins[i];
                stamps[kept] = stamps[i];
                kept++;
            }
        }
        if (kept == origins.length) {
            return false;
        }
        origins = kept == 0 ? NO_ORIGINS : Arrays.copyOf(origins, kept);
        stamps = kept == 0 ? NO_STAMPS : Arrays.copyOf(stamps, kept);
        return true;
    }

    /** The greatest timestamp of any origin, 0 when empty. */
    public long maxTimestamp() {
        long m = 0;
        for (long ts : stamps) {
            m = Math.max(m, ts);
        }
        return m;
    }

    public boolean isEmpty() {
        return origins.length == 0;
    }

    public int size() {
        return origins.length;
    }

    /** The origin of the {@code i}th entry, in origin order. */
    public String origin(int i) {
        return origins[i];
    }

    /** The timestamp of the {@code i}th entry. */
    public long timestamp(int i) {
        return stamps[i];
    }

    /** Entries by origin, sorted, in a map made for the call (the per-write paths read them by index). */
    public SortedMap<String, Long> entries() {
        TreeMap<String, Long> map = new TreeMap<>();
        for (int i = 0; i < origins.length; i++) {
            map.put(origins[i], stamps[i]);
        }
        return Collections.unmodifiableSortedMap(map);
    }

    public VersionVector copy() {
        VersionVector c = new VersionVector();
        c.origins = origins.length == 0 ? NO_ORIGINS : origins.clone();
        c.stamps = stamps.length == 0 ? NO_STAMPS : stamps.clone();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionVector v && Arrays.equals(v.origins, origins) && Arrays.equals(v.stamps, stamps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(origins) + Arrays.hashCode(stamps);
    }

    @Override
    public String toString() {
        return entries().toString();
    }

    /** Where origin's entry is, or -(insertion point + 1): a scan, there are a few origins. */
    private int indexOf(String origin) {
        for (int i = 0; i < origins.length; i++) {
            int c = origins[i].compareTo(origin);
            if (c == 0) {
                return i;
            }
            if (c > 0) {
                return -(i + 1);
            }
        }
        return -(origins.length + 1);
    }
}
