package dev.syncer.engine.keyspace;

import java.util.concurrent.Executor;

/**
 * A point-in-time view of a keyspace, readable from another thread while the shard keeps serving
 * writes. Redis forks for this; we copy instead, lazily and in small pieces:
 * <ul>
 *   <li>each database is split into segments; a segment is frozen (its maps copied) either by a
 *   background batch on the event loop or just before the loop first writes to it;</li>
 *   <li>collection values are shared with the frozen copies and protected by copy-on-write
 *   ({@link Database#getForWrite}).</li>
 * </ul>
 * So the snapshot reflects exactly the instant {@link Keyspace#beginSnapshot} ran, no pause is
 * longer than copying one segment, and memory grows only by what changes while it is read.
 */
public final class Snapshot implements AutoCloseable {

    private static final int SEGMENTS_PER_BATCH = 64;

    private final Keyspace keyspace;
    private final long epoch;
    private final Executor loop;
    private final Segment[][] frozen;
    private final boolean[][] captured; // touched on the loop thread only
    private final long[] sizes;
    private final long[] expiresSizes;
    private int nextBatchStart; // loop thread only: flat index db * SEGMENTS + segment
    private volatile boolean closed;

    Snapshot(Keyspace keyspace, long epoch, Executor loop) {
        this.keyspace = keyspace;
        this.epoch = epoch;
        this.loop = loop;
        int dbs = keyspace.databaseCount();
        this.frozen = new Segment[dbs][Database.SEGMENTS];
        this.captured = new boolean[dbs][Database.SEGMENTS];
        this.sizes = new long[dbs];
        this.expiresSizes = new long[dbs];
        for (int d = 0; d < dbs; d++) {
            sizes[d] = keyspace.db(d).size();
            expiresSizes[d] = keyspace.db(d).expiresSize();
        }
    }

    long epoch() {
        return epoch;
    }

    public int databaseCount() {
        return sizes.length;
    }

    /** Keys in database db at the snapshot's instant (expired-but-present ones included). */
    public long size(int db) {
        return sizes[db];
    }

    public long expiresSize(int db) {
        return expiresSizes[db];
    }

    void scheduleCapture() {
        loop.execute(this::captureBatch);
    }

    private void captureBatch() {
        if (closed) {
            return;
        }
        int total = frozen.length * Database.SEGMENTS;
        int end = Math.min(total, nextBatchStart + SEGMENTS_PER_BATCH);
        for (int i = nextBatchStart; i < end; i++) {
            captureIfNeeded(i / Database.SEGMENTS, i % Database.SEGMENTS);
        }
        nextBatchStart = end;
        if (end < total) {
            loop.execute(this::captureBatch);
        }
    }

    /** Loop thread: freeze segment s of db unless already done. */
    void captureIfNeeded(int db, int s) {
        if (captured[db][s]) {
            return;
        }
        captured[db][s] = true;
        Segment live = keyspace.db(db).segmentForRead(s);
        Segment copy = live == null || live.size() == 0 ? new Segment() : live.freeze();
        synchronized (this) {
            frozen[db][s] = copy;
            notifyAll();
        }
    }

    /**
     * Visits every key of database db as it was at the snapshot's instant; any thread. Blocks while
     * segments are still being frozen by the event loop.
     */
    public void visit(int db, Database.EntryVisitor visitor) throws InterruptedException {
        for (int s = 0; s < Database.SEGMENTS; s++) {
            Segment seg;
            synchronized (this) {
                while ((seg = frozen[db][s]) == null) {
                    if (closed) {
                        throw new InterruptedException("snapshot closed");
                    }
                    wait(100);
                }
            }
            Database.visitSegment(seg, visitor);
        }
    }

    /** Releases the snapshot: values stop being copied on write on its behalf. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        loop.execute(() -> keyspace.endSnapshot(this));
    }
}
