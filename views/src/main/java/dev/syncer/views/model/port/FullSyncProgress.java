package dev.syncer.views.model.port;

/**
 * A full sync a shard or syncer is receiving.
 *
 * @param peer       who it syncs from (shard id or {@code host:port})
 * @param phase      a human phase name: "waiting for bgsave", "receiving rdb", "loading rdb"…
 * @param totalBytes bytes expected, -1 while unknown (diskless EOF framing)
 * @param doneBytes  bytes received so far
 */
public record FullSyncProgress(String peer, String phase, long totalBytes, long doneBytes) {

    /** 0…1, or -1 while the total is unknown. */
    public double fraction() {
        return totalBytes > 0 ? Math.min(1.0, (double) doneBytes / totalBytes) : -1;
    }
}
