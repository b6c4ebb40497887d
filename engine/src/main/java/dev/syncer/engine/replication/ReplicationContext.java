package dev.syncer.engine.replication;

import dev.syncer.engine.rdb.RdbExtension;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.server.Shard;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * One shard's replication as its parts see it: the stream, settings, events and clock they all
 * share, the role changes they may ask for, and the narrow views of each other they need. The
 * parts ({@code primary}, {@code replica}, {@code failover}) are handed this instead of the class
 * that wires them ({@code roles.Replication}), so no part reaches back into the whole.
 */
public interface ReplicationContext {

    Shard shard();

    ReplicationConfig config();

    ReplicationStream stream();

    SyncEventLog events();

    SyncStats stats();

    /** Where snapshots are written and RDBs loaded, off the loop. */
    ExecutorService background();

    long now();

    /** True while this shard follows a primary (REPLICAOF host port). */
    boolean isReplica();

    /** repl-stream-db for a snapshot: the stream's current database. */
    int replStreamDb();

    /** Redis's replicationSetMaster: follow host:port, offering our own history if we were a primary. */
    void setPrimary(String host, int port, SyncCause cause);

    /** Redis's replicationUnsetMaster: become a primary, continuing the history under a new ID. */
    void promote(String why);

    /** What a full sync's RDB carries beyond the data, asked in the snapshot's turn; null for nothing. */
    RdbExtension rdbExtension();

    /** The function libraries a full sync's RDB carries (FUNCTION2 records' code), asked in the snapshot's turn. */
    List<byte[]> rdbFunctions();

    /** Told on the loop once a full sync's RDB is loaded and swapped in, before the stream starts. */
    void fullSyncLoaded(RdbFile rdb);

    /** A replica acknowledged an offset: WAIT callers and a waiting FAILOVER may proceed. */
    void acknowledged();

    /** The replicas this shard serves, as the replica side sees them. */
    Replicas replicas();

    /** This shard's own link to its primary, as the primary side sees it (chained replication). */
    UpstreamConnection link();

    /** A FAILOVER this shard may be running. */
    FailoverSignals failover();

    /** The replicas this shard serves, as the replica side needs them. */
    interface Replicas {
        /** Disconnects every replica, e.g. when this shard's history changes under them. */
        void dropAll(String why);
    }

    /** The replica side's connection to its primary, as the primary side needs it. */
    interface UpstreamConnection {
        boolean connected();

        /** Answers the primary's REPLCONF GETACK at once. */
        void sendAckNow();
    }

    /** A FAILOVER in progress, as the roles report to it (Redis's failover_state). */
    interface FailoverSignals {
        boolean inProgress();

        /** The target accepted our PSYNC: the failover is done. */
        void completed();

        void abort(String reason);
    }
}
