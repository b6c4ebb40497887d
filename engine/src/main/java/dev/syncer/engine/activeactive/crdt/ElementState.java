package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of one element (the string, a hash field, a set or sorted-set member, the list, the TTL):
 * <ul>
 *   <li>register writes: the latest of each origin; removals of them are a version vector (a write
 *   is removed when an observed removal covers its origin and timestamp);</li>
 *   <li>counters (strings and hash fields: integers; sorted-set members: the score): each origin's
 *   latest point ({@link Counter}); removals of them are the points they observed.</li>
 * </ul>
 * Only what survives is kept: covered writes are dropped when the removal is joined, and so is a
 * counter point a removal has fully observed (the removal's point is kept: it is what later points
 * of that origin's series are measured from).
 *
 * <p>The value: the payload of the greatest surviving register write (by {@link Tag}), plus, for
 * counters, what each origin's series gained since the last point a removal observed.
 */
public final class ElementState {

    private static final Write[] NO_WRITES = {};

    // The surviving register writes, at most one per origin, sorted by origin: the Write itself when
    // there is one (nearly every element: a string, a TTL, a field last written by one cluster),
    // else an array; an array of one cost 16 bytes more per element kept and per element applied.
    private Object writes = NO_WRITES;
    private VersionVector removed; // removals of writes, null when none
    private TreeMap<String, Counter> counters; // per origin, never fully removed; null when none
    private TreeMap<String, Counter> counted; // per origin, the latest point a removal observed; null when none

    /** Whether anything of the element survives (a write or an increment). */
    public boolean alive() {
        return writeCount() > 0 || counters != null;
    }

    boolean isEmpty() {
        return !alive() && removed == null && counted == null;
    }

    public List<Write> writes() {
        return writes instanceof Write w ? List.of(w) : List.of((Write[]) writes);
    }

    private int writeCount() {
        return writes instanceof Write ? 1 : ((Write[]) writes).length;
    }

    private Write writeAt(int i) {
        return writes instanceof Write w ? w : ((Write[]) writes)[i];
    }

    /** Keeps these writes (a new array, never changed after), as one Write when there is one. */
    private void writes(Write[] all) {
        writes = all.length == 0 ? NO_WRITES : all.length == 1 ? all[0] : all;
    }

    /** The element-level removals of writes, or null. */
    public VersionVector removed() {
        return removed;
    }

    /** Each origin's latest counter point still partly surviving. */
    public SortedMap<String, Counter> counters() {
        return counters == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(counters);
    }

    /** Each origin's latest counter point a removal observed. */
    public SortedMap<String, Counter> counted() {
        return counted == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(counted);
    }

    /** The greatest surviving register write, or null. */
    public Write winner() {
        Write best = null;
        for (int i = 0; i < writeCount(); i++) {
            Write w = writeAt(i);
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
        if (counters != null) {
            for (Map.Entry<String, Counter> c : counters.entrySet()) {
                Tag t = new Tag(c.getValue().ts(), c.getKey());
                if (best == null || t.after(best)) {
                    best = t;
                }
            }
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
            Write old = writeAt(i);
            int c = Long.compare(w.tag().ts(), old.tag().ts());
            if (c < 0 || (c == 0 && kind.comparePayload(w.payload(), old.payload()) <= 0)) {
                return false;
            }
            if (writes instanceof Write) {
                writes = w;
            } else {
                Write[] all = ((Write[]) writes).clone();
                all[i] = w;
                writes = all;
            }
        } else if (writeCount() == 0) {
            writes = w;
        } else {
            int at = -i - 1;
            int n = writeCount();
            Write[] grown = new Write[n + 1];
            for (int j = 0; j < n; j++) {
                grown[j < at ? j : j + 1] = writeAt(j);
            }
            grown[at] = w;
            writes = grown;
        }
        return true;
    }

    /** Joins a point of origin's counter series; true if the state changed. */
    boolean addCounter(String origin, Counter point) {
        Counter seen = counted == null ? null : counted.get(origin);
        if (seen != null && seen.ts() >= point.ts()) {
            return false; // a removal observed it already
        }
        Counter old = counters == null ? null : counters.get(origin);
        if (Counter.later(old, point) == old) {
            return false;
        }
        if (counters == null) {
            counters = new TreeMap<>();
        }
        counters.put(origin, point);
        return true;
    }

    /** Joins an observed removal: of writes (a version vector) and of counters (the points observed). */
    boolean addRemoved(VersionVector writesSeen, Map<String, Counter> countersSeen, VersionVector keyRemoved,
                       long before) {
        boolean changed = false;
        if (writesSeen != null) {
            for (int i = 0; i < writesSeen.size(); i++) {
                String origin = writesSeen.origin(i);
                long ts = writesSeen.timestamp(i);
                if (ts < before || (keyRemoved != null && keyRemoved.get(origin) >= ts)) {
                    continue; // the key-level removal already covers it
                }
                if (removed == null) {
                    removed = new VersionVector();
                }
                changed |= removed.observe(origin, ts);
            }
        }
        if (countersSeen != null) {
            for (Map.Entry<String, Counter> e : countersSeen.entrySet()) {
                Counter old = counted == null ? null : counted.get(e.getKey());
                if (Counter.later(old, e.getValue()) != old) {
                    if (counted == null) {
                        counted = new TreeMap<>();
                    }
                    counted.put(e.getKey(), e.getValue());
                    changed = true;
                }
            }
        }
        if (changed) {
            prune(keyRemoved, before);
        }
        return changed;
    }

    /** Drops the writes the removals cover and the counter points they fully observed; true if any. */
    boolean prune(VersionVector keyRemoved, long before) {
        boolean changed = false;
        int n = writeCount();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (!covered(writeAt(i).tag(), keyRemoved, before)) {
                kept++;
            }
        }
        if (kept < n) {
            Write[] survivors = new Write[kept];
            int j = 0;
            for (int i = 0; i < n; i++) {
                if (!covered(writeAt(i).tag(), keyRemoved, before)) {
                    survivors[j++] = writeAt(i);
                }
            }
            writes(survivors);
            changed = true;
        }
        if (counters != null && counted != null) {
            changed |= counters.entrySet().removeIf(e -> {
                Counter seen = counted.get(e.getKey());
                return seen != null && seen.ts() >= e.getValue().ts();
            });
            if (counters.isEmpty()) {
                counters = null;
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

    /** Adds every tag this element holds or removed to {@code out}. */
    void observeInto(VersionVector out) {
        for (int i = 0; i < writeCount(); i++) {
            out.observe(writeAt(i).tag());
        }
        if (removed != null) {
            out.join(removed);
        }
        forEachPoint(counters, out);
        forEachPoint(counted, out);
    }

    /** The greatest timestamp {@link #observeInto} would add, without a vector to add it to. */
    long maxTimestamp() {
        long max = 0;
        for (int i = 0; i < writeCount(); i++) {
            max = Math.max(max, writeAt(i).tag().ts());
        }
        if (removed != null) {
            max = Math.max(max, removed.maxTimestamp());
        }
        return Math.max(max, Math.max(maxPoint(counters), maxPoint(counted)));
    }

    private static long maxPoint(Map<String, Counter> points) {
        long max = 0;
        if (points != null) {
            for (Counter c : points.values()) {
                max = Math.max(max, c.ts());
            }
        }
        return max;
    }

    /** Joins everything of {@code theirs} (see {@link KeyState#join}); true if this changed. */
    boolean join(ElementKind kind, ElementState theirs, VersionVector keyRemoved, long before) {
        boolean c = (theirs.removed != null || theirs.counted != null)
                && addRemoved(theirs.removed, theirs.counted, keyRemoved, before);
        for (int i = 0; i < theirs.writeCount(); i++) {
            c |= addWrite(kind, theirs.writeAt(i), keyRemoved, before);
        }
        if (theirs.counters != null) {
            for (Map.Entry<String, Counter> point : theirs.counters.entrySet()) {
                c |= addCounter(point.getKey(), point.getValue());
            }
        }
        return c;
    }

    private static void forEachPoint(Map<String, Counter> points, VersionVector out) {
        if (points != null) {
            points.forEach((origin, c) -> out.observe(origin, c.ts()));
        }
    }

    /** The counter points a removal of this element observes: per origin the latest known. */
    Map<String, Counter> observedCounters() {
        TreeMap<String, Counter> out = new TreeMap<>();
        if (counted != null) {
            out.putAll(counted);
        }
        if (counters != null) {
            counters.forEach((o, c) -> out.merge(o, c, Counter::later));
        }
        return out;
    }

    /**
     * What origin's series adds to the value: all of it if no removal observed a point of it,
     * nothing if a removal observed its latest point, else what it gained since the observed point.
     */
    static long contribution(ElementKind kind, Counter point, Counter seen) {
        if (seen == null || seen.ts() <= point.since()) {
            return point.total();
        }
        if (seen.ts() >= point.ts()) {
            return kind.zero();
        }
        return kind.minus(point.total(), seen.total());
    }

    /** The next point of origin's series after adding amount, started afresh if a removal observed all of it. */
    Counter next(ElementKind kind, String origin, long ts, long amount) {
        Counter last = counters == null ? null : counters.get(origin);
        Counter seen = counted == null ? null : counted.get(origin);
        if (last == null) {
            return new Counter(seen == null ? 0 : Math.min(seen.ts(), ts - 1), ts, amount);
        }
        return new Counter(last.since(), ts, kind.plus(last.total(), amount));
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
        return switch (kind) {
            case STRING, HASH -> integerValue(kind, w == null ? null : (byte[]) w.payload());
            case ZSET -> scoreValue(w == null ? 0.0 : (Double) w.payload());
            case SET -> ElementKind.PRESENT;
            case LIST, EXPIRY -> w == null ? null : w.payload();
        };
    }

    /**
     * The register plus the counters, wrapping on overflow (so every replica gets the same bits,
     * whatever the order the increments came in); a register that is not an integer shows as is,
     * the counters concurrent with it ignored.
     */
    private byte[] integerValue(ElementKind kind, byte[] base) {
        if (counters == null) {
            return base;
        }
        Long n = base == null ? Long.valueOf(0) : Numbers.parseLong(base);
        if (n == null) {
            return base;
        }
        long sum = n;
        for (Map.Entry<String, Counter> c : counters.entrySet()) {
            sum += contribution(kind, c.getValue(), counted == null ? null : counted.get(c.getKey()));
        }
        return Long.toString(sum).getBytes(StandardCharsets.US_ASCII);
    }

    /** The register's score plus each origin's counter, added in origin order (the same result everywhere), skipping one that would give NaN. */
    private Double scoreValue(double base) {
        double score = base;
        if (counters != null) {
            for (Map.Entry<String, Counter> c : counters.entrySet()) {
                long bits = contribution(ElementKind.ZSET, c.getValue(), counted == null ? null : counted.get(c.getKey()));
                double next = score + Double.longBitsToDouble(bits);
                if (!Double.isNaN(next)) {
                    score = next;
                }
            }
        }
        return score;
    }

    ElementState copy() {
        ElementState c = new ElementState();
        c.writes = writes; // never mutated in place: replaced on change
        c.removed = removed == null ? null : removed.copy();
        c.counters = counters == null ? null : new TreeMap<>(counters);
        c.counted = counted == null ? null : new TreeMap<>(counted);
        return c;
    }

    private int indexOf(String origin) {
        int lo = 0;
        int hi = writeCount() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = writeAt(mid).tag().origin().compareTo(origin);
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
