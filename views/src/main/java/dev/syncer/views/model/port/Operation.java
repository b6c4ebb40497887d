package dev.syncer.views.model.port;

import java.time.Duration;

/**
 * One operation with its arguments. Ids are the shard, node, database and syncer ids of the
 * snapshots.
 */
public sealed interface Operation {

    OperationKind kind();

    /**
     * Hand the primary of {@code primaryId}'s tree over to {@code targetReplicaId}.
     *
     * @param forced false: {@code FAILOVER TO} (writes paused until the target caught up);
     *               true: {@code REPLICAOF NO ONE} on the target, for a primary that is gone
     */
    record Failover(String primaryId, String targetReplicaId, boolean forced) implements Operation {
        public OperationKind kind() {
            return forced ? OperationKind.FORCED_FAILOVER : OperationKind.FAILOVER;
        }
    }

    /**
     * Move a replica to {@code targetNodeId}: it stops with a SAVE, its files move, and it starts
     * there as a replica of the same upstream, resuming from the replid and offset it saved.
     */
    record MigrateReplica(String shardId, String targetNodeId) implements Operation {
        public OperationKind kind() {
            return OperationKind.MIGRATE_REPLICA;
        }
    }

    /**
     * Move a primary to {@code targetNodeId}.
     *
     * @param preserveRoles true: a failover to the first running replica, the shard moves as its
     *                      replica, then a failover back to it (it stays primary); false:
     *                      {@code promoteId} is promoted and the moved shard stays its replica
     * @param promoteId     the replica to promote when roles are not preserved (ignored otherwise;
     *                      null: the first running replica)
     */
    record MigratePrimary(String shardId, String targetNodeId, boolean preserveRoles, String promoteId)
            implements Operation {
        public OperationKind kind() {
            return preserveRoles ? OperationKind.MIGRATE_PRIMARY_PRESERVING_ROLES
                    : OperationKind.MIGRATE_PRIMARY_AS_REPLICA;
        }
    }

    /**
     * Replica {@code shardId} follows {@code upstreamId} from now on, without moving: it asks its
     * new upstream for {@code PSYNC <its replid> <its offset+1>}.
     */
    record RepointReplica(String shardId, String upstreamId) implements Operation {
        public OperationKind kind() {
            return OperationKind.REPOINT_REPLICA;
        }
    }

    /** Start a fresh shard on {@code nodeId} replicating from {@code primaryId}. */
    record AddReplica(String primaryId, String nodeId) implements Operation {
        public OperationKind kind() {
            return OperationKind.ADD_REPLICA;
        }
    }

    /** Crash, restart, stop or start one shard. */
    record Lifecycle(String shardId, OperationKind kind) implements Operation {
        public Lifecycle {
            if (kind != OperationKind.CRASH_SHARD && kind != OperationKind.RESTART_SHARD
                    && kind != OperationKind.STOP_SHARD && kind != OperationKind.START_SHARD) {
                throw new IllegalArgumentException("not a lifecycle operation: " + kind);
            }
        }
    }

    /**
     * Cut, heal or delay a link.
     *
     * @param delay the one-way delay for {@link OperationKind#DELAY_LINK}, zero otherwise
     */
    record LinkChange(LinkRef link, OperationKind kind, Duration delay) implements Operation {
        public LinkChange {
            if (kind != OperationKind.CUT_LINK && kind != OperationKind.HEAL_LINK
                    && kind != OperationKind.DELAY_LINK) {
                throw new IllegalArgumentException("not a link operation: " + kind);
            }
        }
    }

    /**
     * Start, stop or tune the lab's write load on a database.
     *
     * @param opsPerSecond target rate for start and tune, ignored for stop
     * @param valueBytes   size of each written value
     */
    record WriteLoad(String databaseId, OperationKind kind, int opsPerSecond, int valueBytes) implements Operation {
        public WriteLoad {
            if (kind != OperationKind.START_WRITE_LOAD && kind != OperationKind.STOP_WRITE_LOAD
                    && kind != OperationKind.TUNE_WRITE_LOAD) {
                throw new IllegalArgumentException("not a write-load operation: " + kind);
            }
        }
    }

    /** {@code CONFIG SET repl-backlog-size bytes} on one shard. */
    record ResizeBacklog(String shardId, long bytes) implements Operation {
        public OperationKind kind() {
            return OperationKind.RESIZE_BACKLOG;
        }
    }
}
