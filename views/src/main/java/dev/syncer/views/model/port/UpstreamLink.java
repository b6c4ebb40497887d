package dev.syncer.views.model.port;

import java.util.Optional;

/**
 * A replica's view of its primary: the {@code master_*} fields of INFO replication.
 *
 * @param host                  {@code master_host}
 * @param port                  {@code master_port}
 * @param shardId               the upstream shard's id when the app could resolve it; else the
 *                              console matches {@code host:port} against shard endpoints
 * @param linkUp                {@code master_link_status:up}
 * @param lastIoSecondsAgo      {@code master_last_io_seconds_ago}, -1 without a primary client
 * @param syncInProgress        {@code master_sync_in_progress:1} (receiving the RDB)
 * @param syncTotalBytes        {@code master_sync_total_bytes}, -1 while unknown
 * @param syncReadBytes         {@code master_sync_read_bytes}
 * @param replicaOffset         {@code slave_repl_offset}: bytes applied from the primary
 * @param linkDownSinceSeconds  {@code master_link_down_since_seconds}, -1 while up or never up
 */
public record UpstreamLink(String host,
                           int port,
                           Optional<String> shardId,
                           boolean linkUp,
                           long lastIoSecondsAgo,
                           boolean syncInProgress,
                           long syncTotalBytes,
                           long syncReadBytes,
                           long replicaOffset,
                           long linkDownSinceSeconds) {

    public String endpoint() {
        return host + ":" + port;
    }
}
