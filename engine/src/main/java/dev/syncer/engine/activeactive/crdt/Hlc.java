package dev.syncer.engine.activeactive.crdt;

import java.util.function.LongSupplier;

/**
 * A hybrid logical clock: 64-bit timestamps made of the physical time in milliseconds shifted left
 * by {@value #LOGICAL_BITS} bits plus a logical counter. Every timestamp it issues is strictly greater
 * than every timestamp it issued or observed before, and stays close to the wall clock, so "later"
 * means later in real time whenever the clusters' clocks agree, and never contradicts causality
 * (a write that saw another always carries a greater timestamp).
 *
 * <p>Not thread-safe: one clock per shard, used on the shard's event loop.
 */
public final class Hlc {

    /** Bits of the logical counter; a counter overflow simply carries into the millisecond part. */
    public static final int LOGICAL_BITS = 16;

    private final LongSupplier physicalMillis;
    private long last;

    public Hlc(LongSupplier physicalMillis) {
        this.physicalMillis = physicalMillis;
    }

    /** A new timestamp for a local event: max(wall clock, last + 1). */
    public long next() {
        last = Math.max(ofMillis(physicalMillis.getAsLong()), last + 1);
        return last;
    }

    /** Takes a timestamp seen elsewhere (an applied remote delta) into account. */
    public void observe(long ts) {
        if (ts > last) {
            last = ts;
        }
    }

    /** The greatest timestamp issued or observed so far (0 before any). */
    public long current() {
        return last;
    }

    /**
     * Clock sanity: true when ts lies more than maxDriftMillis ahead of the local wall clock. Such a
     * timestamp, once observed, would drag every later local timestamp with it (up to the 2^62
     * ceiling, after which nothing is accepted), so it must not be observed.
     */
    public static boolean isBeyondDrift(long ts, long nowMillis, long maxDriftMillis) {
        return millisOf(ts) - nowMillis > maxDriftMillis;
    }

    /** The first timestamp of a millisecond. */
    public static long ofMillis(long unixMillis) {
        return unixMillis << LOGICAL_BITS;
    }

    /** The millisecond a timestamp belongs to. */
    public static long millisOf(long ts) {
        return ts >>> LOGICAL_BITS;
    }
}
