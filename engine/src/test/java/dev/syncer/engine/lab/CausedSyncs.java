package dev.syncer.engine.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A lab operation's report with the syncs the shards logged while it ran, for assertions. The
 * console finds the same syncs over RESP and attributes them itself; the lab reports none.
 */
record CausedSyncs(OperationReport report, List<SyncRecord> syncs) {

    /** Runs {@code operation}, reading every running shard's sync event log before and after. */
    static CausedSyncs of(Lab lab, Supplier<OperationReport> operation) {
        Map<String, Long> marks = SyncEventReader.marks(running(lab));
        OperationReport report = operation.get();
        List<SyncRecord> syncs = new ArrayList<>();
        for (LabShard s : running(lab)) {
            syncs.addAll(SyncEventReader.since(s, marks.getOrDefault(s.id(), 0L)));
        }
        return new CausedSyncs(report, syncs);
    }

    private static List<LabShard> running(Lab lab) {
        return lab.shards().stream().filter(s -> s.shard() != null).toList();
    }

    String outcome() {
        return report.outcome();
    }

    /** Completed syncs seen from the receiving side (replicas and syncers), where full vs partial matters. */
    List<SyncRecord> received() {
        return syncs.stream().filter(SyncRecord::succeeded)
                .filter(s -> "replica".equals(s.side()) || "syncer".equals(s.side())).toList();
    }

    long fullSyncs() {
        return received().stream().filter(SyncRecord::isFull).count();
    }

    long partialSyncs() {
        return received().size() - fullSyncs();
    }
}
