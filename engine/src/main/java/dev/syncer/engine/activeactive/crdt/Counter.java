package dev.syncer.engine.activeactive.crdt;

/**
 * One origin's increments of one element, summed: the series that origin started after its
 * timestamp {@code since} (everything of its before that had been removed), last incremented at
 * {@code ts}, adding up to {@code total} (an integer, or a score's IEEE bits). Each increment ships
 * the new point of its origin's series, so joining keeps the latest point (the greatest
 * {@code ts}): a counter costs the same whatever the number of increments.
 *
 * <p>A removal records the points it observed; the increments it did not observe are what the
 * series gained since (see {@link ElementState#contribution}).
 */
public record Counter(long since, long ts, long total) {

    public Counter {
        if (since < 0 || ts <= since) {
            throw new IllegalArgumentException("a counter point needs 0 <= since < ts: " + since + ", " + ts);
        }
    }

    /** The later of two points of one origin's series (ties broken deterministically). */
    static Counter later(Counter a, Counter b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int c = Long.compare(a.ts, b.ts);
        if (c == 0) {
            c = Long.compare(a.since, b.since);
        }
        if (c == 0) {
            c = Long.compare(a.total, b.total);
        }
        return c >= 0 ? a : b;
    }
}
