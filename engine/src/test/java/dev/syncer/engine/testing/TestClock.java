package dev.syncer.engine.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand, so expiry is exact and needs no waiting. Shards that should disagree
 * about the time, as real clusters' clocks do, get {@link #skewed} views of one clock.
 */
public final class TestClock extends Clock {

    private final AtomicLong millis;
    private final long offset;

    public TestClock(long startMillis) {
        this(new AtomicLong(startMillis), 0);
    }

    private TestClock(AtomicLong millis, long offset) {
        this.millis = millis;
        this.offset = offset;
    }

    /** This clock seen {@code offset} ms ahead (negative: behind); it moves when this one moves. */
    public TestClock skewed(long offset) {
        return new TestClock(millis, this.offset + offset);
    }

    public void advance(long ms) {
        millis.addAndGet(ms);
    }

    public void set(long ms) {
        millis.set(ms - offset);
    }

    @Override
    public long millis() {
        return millis.get() + offset;
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
