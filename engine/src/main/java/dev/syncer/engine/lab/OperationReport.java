package dev.syncer.engine.lab;

import java.time.Duration;
import java.util.List;

/** What a lab operation did, and the syncs it caused as the shards recorded them. */
public record OperationReport(String operation, Duration took, List<SyncRecord> syncs, String outcome) {

    /** Completed syncs seen from the receiving side (replicas and syncers), where full vs partial matters. */
    public List<SyncRecord> received() {
        return syncs.stream().filter(SyncRecord::succeeded)
                .filter(s -> "replica".equals(s.side()) || "syncer".equals(s.side())).toList();
    }

    public long fullSyncs() {
        return received().stream().filter(SyncRecord::isFull).count();
    }

    public long partialSyncs() {
        return received().size() - fullSyncs();
    }

    @Override
    public String toString() {
        return operation + ": " + outcome + " in " + took.toMillis() + " ms; " + partialSyncs() + " partial, "
                + fullSyncs() + " full" + (syncs.isEmpty() ? "" : " " + received());
    }
}
