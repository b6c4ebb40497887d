package dev.syncer.engine.syncer.crdt;

import dev.syncer.engine.keyspace.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of one element (the string, a hash field, a set or sorted-set member, the list, the TTL):
 * the latest register write of each origin, the counter increments not yet superseded, and the
 * removals observed for this element (a version vector). Only surviving writes are kept: anything a
 * removal covers is dropped when the removal is joined, and an increment is dropped once a register
 * write of the same origin is at least as late (any removal covering that write covers it too).
 *
 * <p>The element's value is the payload of its greatest surviving write (by {@link Tag}), plus —
 * for counters — the increments later than that write, summed in tag order.
 */
public final class ElementState {

    private static final Write[] NO_WRITES = {};

    private Write[] writes = NO_WRITES; // at most one per origin, sorted by origin
    private TreeMap<Tag, Long> increments; // null when none
    private VersionVector removed; // null when none

    /** Whether anything of the element survives (a write or an increment). */
    public boolean alive() {
        return writes.length > 0 || (increments != null && !increments.isEmpty());
    }

    boolean isEmpty() {
        return !alive() && (removed == null || removed.isEmpty());
    }

    public List<Write> writes() {
        return List.of(writes);
    }

    public SortedMap<Tag, Long> increments() {
        return increments == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(increments);
    }

    /** The element-level removals observed, or null. */
    public VersionVector removed() {
        return removed;
    }

    /** The greatest surviving register write, or null. */
    public Write winner() {
        Write best = null;
        for (Write w : writes) {
            if (best == null || w.tag().after(best.tag())) {
                best = w;
            }
        }
        return best;
    }

    /** The greatest tag of anything surviving, or null. */
    Tag maxTag() {
        Write w = winner();
        Tag best = w == null ? null : w.tag();
        if (increments != null && !increments.isEmpty() && (best == null || increments.lastKey().after(best))) {
            best = increments.lastKey();
        }
        return best;
    }

    boolean covered(Tag tag, VersionVector keyRemoved, long before) {
        return tag.ts() < before || (keyRemoved != null && keyRemoved.covers(tag))
                || (removed != null && removed.covers(tag));
    }

    /** Joins a register write; true if the state changed. */
    boolean addWrite(ElementKind kind, Write w, VersionVector keyRemoved, long before) {
        if (covered(w.tag(), keyRemoved, before)) {
            return false;
        }
        int i = indexOf(w.tag().origin());
        if (i >= 0) {
            Write old = writes[i];
            int c = Long.compare(w.tag().ts(), old.tag().ts());
            if (c < 0 || (c == 0 && kind.comparePayload(w.payload(), old.payload()) <= 0)) {
                return false;
            }
            writes = writes.clone();
            writes[i] = w;
        } else {
            int at = -i - 1;
            Write[] grown = new Write[writes.length + 1];
            System.arraycopy(writes, 0, grown, 0, at);
            grown[at] = w;
            System.arraycopy(writes, at, grown, at + 1, writes.length - at);
            writes = grown;
        }
        if (increments != null) {
            String origin = w.tag().origin();
            increments.keySet().removeIf(t -> t.origin().equals(origin) && t.ts() <= w.tag().ts());
        }
        return true;
    }

    /** Joins a counter increment (an amount, or a score's IEEE bits); true if the state changed. */
    boolean addIncrement(Tag tag, long amount, VersionVector keyRemoved, long before) {
        if (covered(tag, keyRemoved, before)) {
            return false;
        }
        int i = indexOf(tag.origin());
        if (i >= 0 && writes[i].tag().ts() >= tag.ts()) {
            return false;
        }
        if (increments == null) {
            increments = new TreeMap<>();
        }
        Long old = increments.get(tag);
        if (old != null && old >= amount) {
            return false;
        }
        increments.put(tag, amount);
        return true;
    }

    /** Joins an observed removal for this element; true if the state changed. */
    boolean addRemoved(VersionVector observed, VersionVector keyRemoved, long before) {
        boolean changed = false;
        for (Map.Entry<String, Long> e : observed.entries().entrySet()) {
            long ts = e.getValue();
            if (ts < before || (keyRemoved != null && keyRemoved.get(e.getKey()) >= ts)) {
                continue; // the key-level removal already covers it
            }
            if (removed == null) {
                removed = new VersionVector();
            }
            changed |= removed.observe(e.getKey(), ts);
        }
        if (changed) {
            prune(keyRemoved, before);
        }
        return changed;
    }

    /** Drops what the removals cover; true if anything was dropped. */
    boolean prune(VersionVector keyRemoved, long before) {
        boolean changed = false;
        int kept = 0;
        for (Write w : writes) {
            if (!covered(w.tag(), keyRemoved, before)) {
                kept++;
            }
        }
        if (kept < writes.length) {
            Write[] survivors = new Write[kept];
            int j = 0;
            for (Write w : writes) {
                if (!covered(w.tag(), keyRemoved, before)) {
                    survivors[j++] = w;
                }
            }
            writes = kept == 0 ? NO_WRITES : survivors;
            changed = true;
        }
        if (increments != null) {
            changed |= increments.keySet().removeIf(t -> covered(t, keyRemoved, before));
            if (increments.isEmpty()) {
                increments = null;
            }
        }
        if (removed != null) {
            removed.dropCovered(keyRemoved, before); // redundant entries only: not a change
            if (removed.isEmpty()) {
                removed = null;
            }
        }
        return changed;
    }

    /** Adds every tag this element holds, and its removals, to {@code out}. */
    void observeInto(VersionVector out) {
        for (Write w : writes) {
            out.observe(w.tag());
        }
        if (increments != null) {
            for (Tag t : increments.keySet()) {
                out.observe(t);
            }
        }
        if (removed != null) {
            out.join(removed);
        }
    }

    /**
     * The element's value: for strings and hash fields the bytes, for members of sorted sets the
     * score, for set members {@link ElementKind#PRESENT}, for lists the items, for the TTL the
     * instant; null if nothing survives.
     */
    public Object value(ElementKind kind) {
        if (!alive()) {
            return null;
        }
        Write w = winner();
        SortedMap<Tag, Long> later = increments == null ? Collections.emptySortedMap()
                : w == null ? increments : increments.tailMap(w.tag(), false);
        return switch (kind) {
            case STRING, HASH -> integerValue(w == null ? null : (byte[]) w.payload(), later);
            case ZSET -> scoreValue(w == null ? 0.0 : (Double) w.payload(), later);
            case SET -> ElementKind.PRESENT;
            case LIST, EXPIRY -> w == null ? null : w.payload();
        };
    }

    /**
     * Base plus later increments, wrapping on overflow (order-independent, so every replica gets the
     * same bits); a base that is not an integer shows as is, its concurrent increments ignored.
     */
    private static byte[] integerValue(byte[] base, SortedMap<Tag, Long> later) {
        if (later.isEmpty()) {
            return base;
        }
        Long n = base == null ? Long.valueOf(0) : Numbers.parseLong(base);
        if (n == null) {
            return base;
        }
        long sum = n;
        for (long amount : later.values()) {
            sum += amount;
        }
        return Long.toString(sum).getBytes(StandardCharsets.US_ASCII);
    }

    /** Base plus later increments summed in tag order (so the floating-point result is the same everywhere), skipping any that would give NaN. */
    private static Double scoreValue(double base, SortedMap<Tag, Long> later) {
        double score = base;
        for (long bits : later.values()) {
            double next = score + Double.longBitsToDouble(bits);
            if (!Double.isNaN(next)) {
                score = next;
            }
        }
        return score;
    }

    ElementState copy() {
        ElementState c = new ElementState();
        c.writes = writes; // never mutated in place: replaced on change
        c.increments = increments == null ? null : new TreeMap<>(increments);
        c.removed = removed == null ? null : removed.copy();
        return c;
    }

    private int indexOf(String origin) {
        int lo = 0;
        int hi = writes.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = writes[mid].tag().origin().compareTo(origin);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
