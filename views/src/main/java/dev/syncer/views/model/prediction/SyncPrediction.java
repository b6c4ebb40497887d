package dev.syncer.views.model.prediction;

import dev.syncer.views.model.port.SyncType;

/**
 * What an operation will make one replica or syncer do, and why.
 *
 * @param peerId       the replica's shard id or the syncer's id (what its sync events name); empty for
 *                     a shard the operation creates (its id is not known yet)
 * @param peerEndpoint the replica's {@code host:port} (a primary's events name it this way), empty
 *                     for a syncer
 * @param peerLabel    how the operator knows it: {@code s3} or {@code syncer c2→c1}
 * @param sourceLabel  whom it will sync from
 * @param type         partial or full
 * @param rule         the PSYNC rule that decides it (see {@link PredictedPsync})
 * @param certain      false when the outcome depends on what happens meanwhile (writes during a
 *                     migration, how soon a link heals); the views say "likely"
 */
public record SyncPrediction(String peerId, String peerEndpoint, String peerLabel, String sourceLabel,
                             SyncType type, String rule, boolean certain) {

    /** Whether an event reporting a sync of {@code receiverId} is about this peer. */
    public boolean concerns(String receiverId) {
        return (!peerId.isEmpty() && peerId.equals(receiverId))
                || (!peerEndpoint.isEmpty() && peerEndpoint.equals(receiverId));
    }

    /** Whether the peer is a shard the operation will create. */
    public boolean isFreshShard() {
        return peerId.isEmpty();
    }
}
