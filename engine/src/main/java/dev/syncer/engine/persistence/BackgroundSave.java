package dev.syncer.engine.persistence;

import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.rdb.RdbWriter;

/**
 * One BGSAVE in progress: a point-in-time snapshot written by its own thread while the shard keeps
 * serving (Redis forks a child for this). Created and finished on the shard's loop.
 */
final class BackgroundSave {

    final Snapshot snapshot;
    final long startMillis;
    /** The dirty counter when the snapshot was taken: what a successful save leaves unsaved is the rest. */
    final long dirtyBefore;
    final long keysTotal;
    private Thread thread;
    private volatile RdbWriter writer;
    private volatile boolean cancelled;

    BackgroundSave(Snapshot snapshot, long startMillis, long dirtyBefore) {
        this.snapshot = snapshot;
        this.startMillis = startMillis;
        this.dirtyBefore = dirtyBefore;
        long keys = 0;
        for (int db = 0; db < snapshot.databaseCount(); db++) {
            keys += snapshot.size(db);
        }
        this.keysTotal = keys;
    }

    void start(Thread thread) {
        this.thread = thread;
        thread.start();
    }

    /** Saving thread: the writer about to run, so that progress can be read and a cancel reach it. */
    RdbWriter writeWith(RdbWriter w) {
        writer = w;
        if (cancelled) {
            w.cancel();
        }
        return w;
    }

    /** Keys written so far (current_save_keys_processed). */
    long keysWritten() {
        RdbWriter w = writer;
        return w == null ? 0 : w.keysWritten();
    }

    /**
     * Stops the writer without waiting: for a shard whose loop is gone (crash()), which will never
     * freeze the segments the writer may be waiting for.
     */
    void abandon() {
        cancelled = true;
        RdbWriter w = writer;
        if (w != null) {
            w.cancel();
        }
        release();
    }

    /** Ends the snapshot (copy-on-write stops); safe after the loop terminated. */
    void release() {
        try {
            snapshot.close();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the loop has terminated: nothing left to release there
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Stops the writer (its snapshot reads fail) and waits for its thread, as Redis kills the child. */
    void cancel() {
        abandon();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
