package dev.syncer.engine.syncer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand. Clusters of one simulated deployment share a base time and may each
 * see it with an offset ({@link #skewed}), as real clusters' clocks differ.
 */
final class ManualClock extends Clock {

    private final AtomicLong base;
    private final long offset;

    ManualClock(long millis) {
        this(new AtomicLong(millis), 0);
    }

    private ManualClock(AtomicLong base, long offset) {
        this.base = base;
        this.offset = offset;
    }

    /** The same time seen {@code offset} ms ahead (negative: behind); moves with this clock. */
    ManualClock skewed(long offset) {
        return new ManualClock(base, this.offset + offset);
    }

    void advance(long delta) {
        base.addAndGet(delta);
    }

    @Override
    public long millis() {
        return base.get() + offset;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
