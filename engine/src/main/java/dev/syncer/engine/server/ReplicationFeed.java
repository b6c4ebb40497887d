package dev.syncer.engine.server;

/**
 * Where a primary's write commands go after they ran: the replication backlog and the replicas.
 * The replication layer installs the real feed; a shard without it propagates nowhere.
 */
@FunctionalInterface
public interface ReplicationFeed {

    ReplicationFeed NONE = (db, argv) -> { };

    /** A command that changed db, in the form replicas must apply (already rewritten if needed). */
    void propagate(int db, byte[][] argv);

    /** The offset of the last byte fed so far (Redis's master_repl_offset); 0 where nothing is fed. */
    default long offset() {
        return 0;
    }
}
