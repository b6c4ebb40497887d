package dev.syncer.views.model.port;

import java.util.function.Consumer;

/**
 * The stream of things that happened: every full or partial sync our shards and syncers report
 * ({@link SyncReport}) and the progress of operations, including ones started outside this
 * console ({@link OperationEvent}).
 *
 * <p>Over real Redis there are no sync events (Redis has no such feed); the Lettuce adapter may
 * derive coarse ones from the {@code sync_full} / {@code sync_partial_ok} counters of INFO stats,
 * or deliver none. The console works either way.
 */
public interface ConsoleEvents {

    /**
     * Starts delivering events to {@code listener}, oldest first, on any thread, never concurrently
     * with itself. Past events are not replayed.
     */
    Subscription subscribe(Consumer<ConsoleEvent> listener);
}
