package dev.syncer.app.adapter;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.monitor.ReplicationState;
import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.ConnectedReplica;
import dev.syncer.views.model.port.FullSyncProgress;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.RefusedEffects;
import dev.syncer.views.model.port.ShardStats;
import dev.syncer.views.model.port.UpstreamLink;

import java.util.Optional;
import java.util.function.Function;

/**
 * Turns what INFO says about a server into the console's records. Shared by the lab adapter and
 * the real-Redis adapter: both see shards only through INFO.
 */
public final class ShardInfos {

    /** How our syncers announce themselves to a source (REPLCONF ip-address syncer:<id>). */
    public static final String SYNCER_PREFIX = "syncer:";

    private ShardInfos() {
    }

    /** The syncer id in a peer address a syncer announced ("syncer:shop:west->east:0"), if it is one. */
    public static Optional<String> syncerOf(String peer) {
        if (peer == null || !peer.startsWith(SYNCER_PREFIX)) {
            return Optional.empty();
        }
        String rest = peer.substring(SYNCER_PREFIX.length());
        int port = rest.lastIndexOf(':');
        return Optional.of(port > 0 ? rest.substring(0, port) : rest);
    }

    /**
     * INFO replication as the console's record; {@code resolve} maps a host:port to a shard id
     * where the adapter knows better than the address (e.g. the lab's link proxies).
     */
    public static ReplicationInfo replication(ReplicationState s, InfoFields info,
                                              Function<String, Optional<String>> resolve) {
        BacklogInfo backlog = new BacklogInfo(s.backlogActive(), s.backlogSize(), s.backlogFirstByteOffset(), s.backlogHistlen());
        var replicas = s.replicas().stream()
                .filter(r -> !r.ip().startsWith(SYNCER_PREFIX)) // syncers are drawn as syncer edges, not replicas
                .map(r -> new ConnectedReplica(r.ip(), r.port(), r.state(), r.offset(), r.lagSeconds(),
                        resolve.apply(r.ip() + ":" + r.port())))
                .toList();
        Optional<UpstreamLink> upstream = s.primary() ? Optional.empty() : Optional.of(new UpstreamLink(
                s.masterHost(), s.masterPort(), resolve.apply(s.masterHost() + ":" + s.masterPort()),
                "up".equals(s.linkStatus()), s.lastIoSecondsAgo(), s.syncInProgress(), s.syncTotalBytes(),
                s.syncReadBytes(), s.replicaOffset(), info.getLong("master_link_down_since_seconds", -1)));
        return new ReplicationInfo(s.primary() ? Role.PRIMARY : Role.REPLICA, s.replid(),
                s.replid2().isEmpty() ? ReplicationInfo.NO_REPLID : s.replid2(), s.masterReplOffset(),
                s.secondReplOffset(), backlog, replicas, upstream, s.failoverState());
    }

    /** INFO stats, memory and keyspace headline figures. */
    public static ShardStats stats(InfoFields info) {
        long keys = 0;
        for (int db = 0; db < 16; db++) {
            String line = info.get("db" + db);
            if (line != null) {
                keys += InfoFields.parts(line).getLong("keys", 0);
            }
        }
        return new ShardStats(info.getDouble("instantaneous_ops_per_sec", 0), info.getDouble("instantaneous_input_kbps", 0),
                info.getDouble("instantaneous_output_kbps", 0), info.getLong("sync_full", 0),
                info.getLong("sync_partial_ok", 0), info.getLong("sync_partial_err", 0), info.getLong("used_memory", 0), keys,
                new RefusedEffects(info.getLong("deltas_rejected", 0), info.getLong("deltas_quarantined", 0),
                        info.getLong("effects_noperm", 0)));
    }

    /**
     * The full sync a replica is receiving: from our shards' INFO sync section when present
     * (phase names), else from INFO replication's master_sync_* fields.
     */
    public static Optional<FullSyncProgress> fullSync(InfoFields info, String peer) {
        for (int i = 0; info.has("sync" + i); i++) {
            InfoFields p = InfoFields.parts(info.get("sync" + i));
            if ("replica".equals(p.get("side")) && "full".equals(p.get("type"))) {
                return Optional.of(new FullSyncProgress(peer, p.get("phase", "syncing"),
                        p.getLong("total", 0), p.getLong("bytes", 0)));
            }
        }
        if (info.getLong("master_sync_in_progress", 0) == 1) {
            return Optional.of(new FullSyncProgress(peer, "receiving rdb", info.getLong("master_sync_total_bytes", -1),
                    info.getLong("master_sync_read_bytes", 0)));
        }
        return Optional.empty();
    }
}
