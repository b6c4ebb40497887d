package dev.syncer.engine.server;

/**
 * Holds clients' replies back until the writes they acknowledge are in the append-only file, as
 * Redis's beforeSleep flushes the AOF before it writes any reply. Without an AOF nothing is held.
 */
@FunctionalInterface
public interface ReplyBarrier {

    ReplyBarrier NONE = flush -> false;

    /** True when {@code flush} was kept to run once the pending AOF data is written (and synced as configured). */
    boolean defer(Runnable flush);
}
