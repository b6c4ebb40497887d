package dev.syncer.views.model.port;

import java.util.function.Consumer;

/**
 * Pushes topology snapshots to the console.
 *
 * <p>The app polls its shards (INFO replication, INFO stats, INFO memory, INFO keyspace, plus the
 * lab's own view of clusters, nodes, proxies and syncers) on a thread of its own, builds one
 * {@link TopologySnapshot} per round and hands it to every listener. A listener may be called on
 * any thread, never concurrently with itself; it must return quickly (the console only stores the
 * snapshot and coalesces the redraw to at most a few per second). Each snapshot is complete: the
 * console never merges partial snapshots, so a shard missing from a snapshot is gone.
 */
public interface TopologySource {

    /**
     * Starts delivering snapshots to {@code listener}. When a snapshot is already known it is
     * delivered at once (on the caller's or the polling thread), so a late subscriber is never
     * blank until the next poll.
     */
    Subscription subscribe(Consumer<TopologySnapshot> listener);
}
