package dev.syncer.views.model.port;

import java.util.Optional;

/**
 * One Redis-compatible server as the app last saw it.
 *
 * @param id          stable identity (see the package notes)
 * @param name        short label for the card, e.g. {@code s3} or {@code :7003}
 * @param clusterId   the cluster it belongs to
 * @param nodeId      the node hosting it; changes when the shard migrates
 * @param databaseId  the database it is a shard of
 * @param endpoint    {@code host:port} it listens on; replicas name their primary this way
 * @param state       whether it answers; when not, the other fields are the last seen
 * @param replication INFO replication
 * @param stats       INFO stats, memory and keyspace figures
 * @param fullSync    the full sync this shard is receiving right now, if any (from our own shards'
 *                    sync progress, or from INFO's {@code master_sync_*} fields)
 */
public record ShardInfo(String id,
                        String name,
                        String clusterId,
                        String nodeId,
                        String databaseId,
                        String endpoint,
                        ShardState state,
                        ReplicationInfo replication,
                        ShardStats stats,
                        Optional<FullSyncProgress> fullSync) {

    public boolean isPrimary() {
        return replication.role() == Role.PRIMARY;
    }

    public boolean isReplica() {
        return replication.role() == Role.REPLICA;
    }

    /**
     * The offset this shard has processed: {@code slave_repl_offset} for a replica (what it would
     * resume from with {@code PSYNC <replid> <offset+1>}), {@code master_repl_offset} otherwise.
     */
    public long processedOffset() {
        return replication.upstream().map(UpstreamLink::replicaOffset)
                .filter(o -> o > 0)
                .orElse(replication.masterReplOffset());
    }
}
