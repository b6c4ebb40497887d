package dev.syncer.engine.syncer;

import dev.syncer.engine.replication.SyncCause;

/**
 * What a syncer counts for its status: bytes in, the lag of the last applied delta, the syncs it
 * made and why; and the status line built from them and where the syncer stands. Loop-confined.
 */
final class SyncerTally {

    private long ingressBytes;
    private long lastLagMs;
    private long lastReplyMs;
    private String lastSync = "none";
    private String lastCause = "";
    private long fullSyncs;
    private long partialSyncs;

    void ingress(long bytes) {
        ingressBytes += bytes;
    }

    /** The local primary acknowledged a delta written at the source at {@code sourceMillis}. */
    void applied(long nowMs, long sourceMillis) {
        lastReplyMs = nowMs;
        lastLagMs = Math.max(0, nowMs - sourceMillis);
    }

    void synced(String type, SyncCause cause) {
        lastSync = type;
        lastCause = cause.wire();
        if ("full".equals(type)) {
            fullSyncs++;
        } else {
            partialSyncs++;
        }
    }

    /**
     * The status now. While streaming, lag grows with the oldest unanswered delta; the state is
     * in-sync under a second of lag with the pipeline not paused.
     */
    SyncerStatus status(SyncerSpec spec, SyncerPhase phase, long phaseMs, SourceStream stream, Checkpoints checkpoints,
                        long nowMs) {
        boolean streaming = phase == SyncerPhase.STREAMING && stream != null;
        int inFlight = streaming ? stream.inFlight() : 0;
        long lagBytes = streaming ? stream.readOffset() - stream.ackedOffset() : -1;
        long lagMs = inFlight > 0 ? Math.max(lastLagMs, nowMs - lastReplyMs) : lastLagMs;
        String state;
        if (phase == SyncerPhase.STREAMING) {
            state = lagMs < 1000 && inFlight < SourceStream.PAUSE_SOURCE_ABOVE ? "in-sync" : "syncing";
        } else if (phase == SyncerPhase.RECEIVING_RDB || phase == SyncerPhase.MERGING) {
            state = "syncing";
        } else {
            state = "out-of-sync";
        }
        Checkpoints.Checkpoint cp = checkpoints.latest();
        long offset = streaming ? stream.ackedOffset() : cp == null ? -1 : cp.offset();
        return new SyncerStatus(spec.id(), spec.database(), spec.source(), spec.target(), state, phase.label(), phaseMs,
                lagMs, lagBytes, ingressBytes, offset, lastSync, lastCause, fullSyncs, partialSyncs, checkpoints.describe());
    }
}
