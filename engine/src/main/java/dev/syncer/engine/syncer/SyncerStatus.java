package dev.syncer.engine.syncer;

/**
 * A syncer's status as the console shows it (an immutable snapshot, readable from any thread).
 *
 * @param id           "database:source->target"
 * @param state        {@code in-sync} (following the stream, lag under a second), {@code syncing}
 *                     (a full sync, or behind), {@code out-of-sync} (not connected, or stopped)
 * @param phase        connecting, hand shaking, receiving rdb, merging snapshot, syncing stream,
 *                     waiting to reconnect, stopped
 * @param phaseMs      time in the current phase
 * @param lagMs        the last applied delta's delay: when the local primary acknowledged it minus
 *                     its HLC time at the source (grows while deltas wait for their reply)
 * @param lagBytes     stream bytes received and not yet acknowledged by the local primary; -1 while
 *                     not following the stream
 * @param ingressBytes every byte received from the source (RDB and stream)
 * @param offset       the offset applied (the newest checkpoint's)
 * @param lastSync     {@code full}, {@code partial}, or {@code none}
 * @param lastCause    why the last sync happened (startup, restart, link-drop, failover,
 *                     local-failover, partial-refused)
 * @param checkpoints  "replid@offset;..." newest first
 */
public record SyncerStatus(String id, String database, String source, String target, String state, String phase,
                           long phaseMs, long lagMs, long lagBytes, long ingressBytes, long offset, String lastSync,
                           String lastCause, long fullSyncs, long partialSyncs, String checkpoints) {

    /** The INFO line's value: {@code id=..,source=..,target=..,state=..,phase=..,...}. */
    public String infoLine() {
        return "id=" + id + ",source=" + source + ",target=" + target + ",state=" + state + ",phase=" + phase
                + ",lag_ms=" + lagMs + ",lag_bytes=" + lagBytes + ",ingress_bytes=" + ingressBytes
                + ",offset=" + offset + ",last_sync=" + lastSync + ",last_cause=" + lastCause
                + ",full_syncs=" + fullSyncs + ",partial_syncs=" + partialSyncs + ",checkpoints=" + checkpoints;
    }
}
