package dev.syncer.views.model.port;

import java.util.List;
import java.util.Optional;

/**
 * An Active-Active syncer: on the target cluster, it PSYNCs through the source cluster's proxy,
 * reads the writes that originated there and applies them to the local primary.
 *
 * @param state          in-sync, syncing or out-of-sync
 * @param phase          a human phase name: "hand shaking", "receiving rdb", "syncing stream"…
 * @param lagMillis      how far behind the source it applies, in milliseconds
 * @param lagBytes       how far behind the source's {@code master_repl_offset}, in bytes
 * @param ingressBytes   bytes read from the source since the syncer started
 * @param lastSyncType   the type of its last sync, empty before the first
 * @param lastSyncCause  why that sync happened, as the syncer's INFO line words it ("startup", "failover"…)
 * @param checkpoints    its checkpoint history, oldest first: every (replid, offset) it has
 *                       resumed from; the last one is where it stands now. It tries them newest
 *                       first when it reconnects, so a partial sync survives several source
 *                       failovers.
 */
public record SyncerInfo(String id,
                         String databaseId,
                         String sourceClusterId,
                         String targetClusterId,
                         SyncerState state,
                         String phase,
                         long lagMillis,
                         long lagBytes,
                         long ingressBytes,
                         Optional<SyncType> lastSyncType,
                         String lastSyncCause,
                         List<Checkpoint> checkpoints) {

    public SyncerInfo {
        checkpoints = List.copyOf(checkpoints);
    }

    /** Where it stands now: its newest checkpoint. */
    public Optional<Checkpoint> position() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.getLast());
    }
}
