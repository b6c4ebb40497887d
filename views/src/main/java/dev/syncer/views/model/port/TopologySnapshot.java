package dev.syncer.views.model.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the console knows at one moment: one polling round of the app.
 *
 * @param takenAt   when the round finished (the console's series use it as the sample time)
 * @param clusters  clusters in display order (left to right)
 * @param nodes     nodes in display order within their cluster
 * @param databases databases; a plain one has one primary tree, an Active-Active one an instance
 *                  per participating cluster joined by syncers
 * @param shards    every shard the app tracks, running or not
 * @param syncers   Active-Active syncers, one per (database, source cluster, target cluster)
 * @param faults    links the lab currently cuts or delays; empty over real Redis
 */
public record TopologySnapshot(Instant takenAt,
                               List<ClusterInfo> clusters,
                               List<NodeInfo> nodes,
                               List<DatabaseInfo> databases,
                               List<ShardInfo> shards,
                               List<SyncerInfo> syncers,
                               List<LinkFaultInfo> faults) {

    public TopologySnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        clusters = List.copyOf(clusters);
        nodes = List.copyOf(nodes);
        databases = List.copyOf(databases);
        shards = List.copyOf(shards);
        syncers = List.copyOf(syncers);
        faults = List.copyOf(faults);
    }

    /** A snapshot with nothing in it, taken at {@code at}. */
    public static TopologySnapshot empty(Instant at) {
        return new TopologySnapshot(at, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public Optional<ShardInfo> shard(String id) {
        return shards.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<NodeInfo> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Optional<ClusterInfo> cluster(String id) {
        return clusters.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<DatabaseInfo> database(String id) {
        return databases.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<SyncerInfo> syncer(String id) {
        return syncers.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The shard listening on {@code host:port}, as a replica's {@code master_host}/{@code master_port} name it. */
    public Optional<ShardInfo> shardAt(String host, int port) {
        String endpoint = host + ":" + port;
        return shards.stream().filter(s -> s.endpoint().equals(endpoint)).findFirst();
    }

    /**
     * The shard a replica streams from: the app's resolution when it gave one, else the shard whose
     * endpoint matches {@code master_host:master_port}.
     */
    public Optional<ShardInfo> upstreamOf(ShardInfo replica) {
        return replica.replication().upstream().flatMap(up -> up.shardId()
                .flatMap(this::shard)
                .or(() -> shardAt(up.host(), up.port())));
    }

    /**
     * Seconds since {@code replica} last acknowledged its upstream, as the upstream's INFO says
     * ({@code slaveN:…,lag=N}); the replica's own {@code master_last_io_seconds_ago} when the
     * upstream does not list it.
     */
    public long ackLagSeconds(ShardInfo upstream, ShardInfo replica) {
        return upstream.replication().replicas().stream()
                .filter(l -> l.shardId().map(replica.id()::equals).orElse((l.ip() + ":" + l.port()).equals(replica.endpoint())))
                .mapToLong(ConnectedReplica::lagSeconds).findFirst()
                .orElse(replica.replication().upstream().map(u -> Math.max(0, u.lastIoSecondsAgo())).orElse(0L));
    }

    /** Shards whose upstream is {@code shard}, in snapshot order. */
    public List<ShardInfo> replicasOf(ShardInfo shard) {
        return shards.stream()
                .filter(s -> upstreamOf(s).map(u -> u.id().equals(shard.id())).orElse(false))
                .toList();
    }

    /** The fault the lab applies to {@code link}, if any. */
    public Optional<LinkFaultInfo> fault(LinkRef link) {
        return faults.stream().filter(f -> f.link().equals(link)).findFirst();
    }
}
