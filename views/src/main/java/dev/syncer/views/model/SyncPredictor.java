package dev.syncer.views.model;

import dev.syncer.views.model.port.Backlog;
import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.NodeInfo;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.TopologySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Predicts, from a snapshot, which replicas and syncers an operation makes resync and whether each
 * sync will be partial or full — a pure function of its inputs.
 *
 * <p>It replays what Redis does: promotion shifts the replid ({@code shiftReplicationId}), every
 * replica re-pointed to the new primary asks {@code PSYNC <its replid> <its offset+1>}, a fresh
 * shard asks {@code PSYNC ? -1}, a sub-replica whose upstream took a full sync must take one too
 * (the upstream drops its backlog), and a syncer tries its checkpoints newest first. Migrations
 * follow the lab's shape: a fresh shard on the target node syncs from the primary, then the old
 * shard is removed.
 */
public final class SyncPredictor {

    private final TopologySnapshot snapshot;

    private SyncPredictor(TopologySnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The syncs {@code operation} will cause, in a stable order: replicas first, then syncers. */
    public static List<SyncPrediction> predict(TopologySnapshot snapshot, Operation operation) {
        return new SyncPredictor(snapshot).predict(operation);
    }

    private List<SyncPrediction> predict(Operation operation) {
        List<SyncPrediction> out = new ArrayList<>();
        switch (operation) {
            case Operation.Failover f -> shard(f.primaryId()).ifPresent(p -> shard(f.targetReplicaId())
                    .ifPresent(r -> handover(p, r, !f.forced(), out)));
            case Operation.MigrateReplica m -> shard(m.shardId()).ifPresent(s -> migrateReplica(s, m.targetNodeId(), out));
            case Operation.MigratePrimary m -> shard(m.shardId()).ifPresent(p -> migratePrimary(p, m, out));
            case Operation.AddReplica a -> shard(a.primaryId()).ifPresent(p ->
                    out.add(fresh("new replica on " + nodeName(a.nodeId()), p)));
            case Operation.Lifecycle l -> shard(l.shardId()).ifPresent(s -> lifecycle(s, l.kind(), out));
            case Operation.LinkChange l -> linkChange(l, out);
            case Operation.ResizeBacklog r -> shard(r.shardId()).ifPresent(s -> resize(s, r.bytes(), out));
            case Operation.WriteLoad w -> { }
        }
        return List.copyOf(out);
    }

    // ---- hand-overs: failover, forced promotion, primary migrations ----

    /**
     * Primary {@code p} hands over to {@code target}. With {@code graceful} (FAILOVER), writes pause
     * until the target caught up, so the target is promoted at p's offset and the linked replicas
     * have the same bytes; forced, everyone keeps the offset they have now.
     */
    private void handover(ShardInfo p, ShardInfo target, boolean graceful, List<SyncPrediction> out) {
        long handoverOffset = p.replication().masterReplOffset();
        PsyncSource promoted = (graceful ? PsyncSource.of(target).advancedTo(handoverOffset) : PsyncSource.of(target))
                .promoted();
        handoverPeers(p, target, promoted, graceful, out);
        // The old primary resumes from its own history as the new primary's replica — now if it
        // runs, when it returns otherwise.
        PsyncDecision d = PsyncDecision.decide(p.replication().replid(), p.replication().masterReplOffset() + 1, promoted);
        boolean up = p.state().isUp();
        out.add(replica(p, target.name(), up ? d : new PsyncDecision(d.type(), "when it returns, " + d.rule()), up));
    }

    /** Everyone but the old primary: siblings re-pointed, the target's sub-replicas, syncers. */
    private void handoverPeers(ShardInfo p, ShardInfo target, PsyncSource promoted, boolean graceful,
                               List<SyncPrediction> out) {
        for (ShardInfo s : snapshot.replicasOf(p)) {
            if (!s.id().equals(target.id())) {
                long offset = graceful && linkedUp(s) ? p.replication().masterReplOffset() : s.processedOffset();
                PsyncDecision d = PsyncDecision.decide(s.replication().replid(), offset + 1, promoted);
                out.add(replica(s, target.name(), d, true));
                chain(s, d, out);
            }
        }
        for (ShardInfo c : snapshot.replicasOf(target)) {
            PsyncDecision d = PsyncDecision.decide(c.replication().replid(), c.processedOffset() + 1, promoted);
            out.add(replica(c, target.name(), d, true));
            chain(c, d, out);
        }
        syncersReading(p).forEach(syncer -> out.add(syncer(syncer, promoted, target.name(), true)));
    }

    /**
     * Sub-replicas of {@code upstream}, which just synced with {@code upstreamDecision}: on a
     * partial sync with a new replid it shifts ids like a promotion and disconnects them; on a
     * full sync it drops its backlog, so they must full-sync too.
     */
    private void chain(ShardInfo upstream, PsyncDecision upstreamDecision, List<SyncPrediction> out) {
        for (ShardInfo c : snapshot.replicasOf(upstream)) {
            PsyncDecision d = upstreamDecision.type() == SyncType.FULL
                    ? new PsyncDecision(SyncType.FULL, "full: its upstream " + upstream.name()
                            + " takes a full sync and drops its backlog")
                    : PsyncDecision.decide(c.replication().replid(), c.processedOffset() + 1,
                            PsyncSource.of(upstream).promoted());
            out.add(replica(c, upstream.name(), d, true));
            chain(c, d, out);
        }
    }

    private void migratePrimary(ShardInfo p, Operation.MigratePrimary m, List<SyncPrediction> out) {
        String label = p.name() + "′ on " + nodeName(m.targetNodeId());
        if (m.preserveRoles()) {
            // A fresh replica syncs, then FAILOVER to it: its backlog starts at the snapshot offset.
            out.add(fresh(label, p));
            PsyncSource promoted = PsyncSource.freshReplicaOf(p, label).promoted();
            for (ShardInfo s : snapshot.replicasOf(p)) {
                long offset = linkedUp(s) ? p.replication().masterReplOffset() : s.processedOffset();
                PsyncDecision d = PsyncDecision.decide(s.replication().replid(), offset + 1, promoted);
                out.add(replica(s, label, d, linkedUp(s)));
                chain(s, d, out);
            }
            PsyncDecision old = PsyncDecision.decide(p.replication().replid(), p.replication().masterReplOffset() + 1, promoted);
            out.add(new SyncPrediction(p.id(), p.endpoint(), p.name() + " (removed after)", label, old.type(), old.rule(), true));
            syncersReading(p).forEach(syncer -> out.add(syncer(syncer, promoted, label, false)));
        } else {
            Optional<ShardInfo> promote = shard(m.promoteId()).or(() -> bestReplica(p));
            if (promote.isEmpty()) {
                return;
            }
            ShardInfo target = promote.get();
            PsyncSource promoted = PsyncSource.of(target).advancedTo(p.replication().masterReplOffset()).promoted();
            handoverPeers(p, target, promoted, true, out);
            out.add(new SyncPrediction("", "", label, target.name(), SyncType.FULL,
                    "full: the moved shard starts fresh on " + nodeName(m.targetNodeId()) + " (PSYNC ? -1)", true));
        }
    }

    private void migrateReplica(ShardInfo s, String nodeId, List<SyncPrediction> out) {
        Optional<ShardInfo> upstream = snapshot.upstreamOf(s);
        if (upstream.isEmpty()) {
            return;
        }
        String label = s.name() + "′ on " + nodeName(nodeId);
        out.add(fresh(label, upstream.get()));
        PsyncSource moved = PsyncSource.freshReplicaOf(upstream.get(), label);
        for (ShardInfo c : snapshot.replicasOf(s)) {
            PsyncDecision d = PsyncDecision.decide(c.replication().replid(), c.processedOffset() + 1, moved);
            out.add(replica(c, label, d, false));
            chain(c, d, out);
        }
    }

    // ---- shard lifecycle, links, backlog ----

    private void lifecycle(ShardInfo s, OperationKind kind, List<SyncPrediction> out) {
        boolean keepsHistory = kind == OperationKind.RESTART_SHARD
                || (kind == OperationKind.START_SHARD && s.state() == ShardState.STOPPED);
        if (kind != OperationKind.RESTART_SHARD && kind != OperationKind.START_SHARD) {
            return; // crash and stop break links; nothing syncs until the shard is back
        }
        if (s.isReplica()) {
            snapshot.upstreamOf(s).ifPresent(u -> {
                PsyncDecision d = keepsHistory
                        ? PsyncDecision.decide(s.replication().replid(), s.processedOffset() + 1, PsyncSource.of(u))
                        : PsyncDecision.noHistory(s.name() + " (crashed without saving)");
                out.add(replica(s, u.name(), d, !keepsHistory));
            });
            return;
        }
        // A primary that restarts from its RDB keeps its replid as replid2 up to offset+1, with an
        // empty backlog (Redis 7.0 loadDataFromDisk); one that crashed comes back without history.
        PsyncSource restarted = new PsyncSource(s.name(), PsyncSource.NEW_REPLID, s.replication().replid(),
                s.replication().masterReplOffset() + 1, s.replication().masterReplOffset(),
                new Backlog(true, s.replication().backlog().size(),
                        s.replication().masterReplOffset() + 1, 0));
        for (ShardInfo r : snapshot.replicasOf(s)) {
            PsyncDecision d = keepsHistory
                    ? PsyncDecision.decide(r.replication().replid(), r.processedOffset() + 1, restarted)
                    : new PsyncDecision(SyncType.FULL, "full: " + s.name() + " crashed without saving its replication history");
            out.add(replica(r, s.name(), d, false));
            chain(r, d, out);
        }
        syncersReading(s).forEach(syncer -> out.add(keepsHistory ? syncer(syncer, restarted, s.name(), false)
                : syncerFull(syncer, s.name(), "full: " + s.name() + " crashed without saving its replication history")));
    }

    private void linkChange(Operation.LinkChange l, List<SyncPrediction> out) {
        if (l.kind() == OperationKind.DELAY_LINK) {
            return;
        }
        boolean cut = l.kind() == OperationKind.CUT_LINK;
        if (l.link().kind() == LinkRef.Kind.REPLICATION) {
            shard(l.link().id()).ifPresent(s -> snapshot.upstreamOf(s).ifPresent(u -> {
                PsyncDecision d = PsyncDecision.decide(s.replication().replid(), s.processedOffset() + 1, PsyncSource.of(u));
                out.add(replica(s, u.name(), cut ? onHeal(d) : d, !cut));
            }));
        } else {
            snapshot.syncer(l.link().id()).ifPresent(syncer -> sourcePrimary(syncer).ifPresent(src -> {
                SyncPrediction p = syncer(syncer, PsyncSource.of(src), src.name(), !cut);
                out.add(cut ? new SyncPrediction(p.peerId(), p.peerEndpoint(), p.peerLabel(), p.sourceLabel(), p.type(),
                        onHeal(new PsyncDecision(p.type(), p.rule())).rule(), false) : p);
            }));
        }
    }

    private static PsyncDecision onHeal(PsyncDecision d) {
        return new PsyncDecision(d.type(), "on heal, if healed now: " + d.rule());
    }

    private void resize(ShardInfo s, long bytes, List<SyncPrediction> out) {
        PsyncSource resized = PsyncSource.of(s).resized(bytes);
        for (ShardInfo r : snapshot.replicasOf(s)) {
            PsyncDecision d = PsyncDecision.decide(r.replication().replid(), r.processedOffset() + 1, resized);
            out.add(replica(r, s.name(), new PsyncDecision(d.type(), "on reconnect, " + d.rule()), false));
        }
        syncersReading(s).forEach(syncer -> {
            SyncPrediction p = syncer(syncer, resized, s.name(), false);
            out.add(new SyncPrediction(p.peerId(), p.peerEndpoint(), p.peerLabel(), p.sourceLabel(), p.type(),
                    "on reconnect, " + p.rule(), false));
        });
    }

    // ---- syncers ----

    /** Syncers that PSYNC through the proxy of {@code primary}'s database in its cluster. */
    private List<SyncerInfo> syncersReading(ShardInfo primary) {
        return snapshot.syncers().stream()
                .filter(s -> s.databaseId().equals(primary.databaseId()) && s.sourceClusterId().equals(primary.clusterId()))
                .toList();
    }

    /** The primary a syncer's source proxy forwards to. */
    private Optional<ShardInfo> sourcePrimary(SyncerInfo syncer) {
        return snapshot.shards().stream()
                .filter(s -> s.isPrimary() && s.databaseId().equals(syncer.databaseId())
                        && s.clusterId().equals(syncer.sourceClusterId()) && s.state().isUp())
                .findFirst();
    }

    /** A syncer tries its checkpoints newest first; the first one the source accepts wins. */
    private SyncPrediction syncer(SyncerInfo syncer, PsyncSource source, String sourceLabel, boolean certain) {
        List<Checkpoint> history = syncer.checkpoints();
        if (history.isEmpty()) {
            return syncerFull(syncer, sourceLabel, "full: the syncer has no checkpoint (PSYNC ? -1)");
        }
        PsyncDecision newest = null;
        for (int i = history.size() - 1; i >= 0; i--) {
            Checkpoint c = history.get(i);
            PsyncDecision d = PsyncDecision.decide(c.replid(), c.psyncOffset(), source);
            if (d.type() == SyncType.PARTIAL) {
                String via = i == history.size() - 1 ? "" : " (checkpoint " + (history.size() - i) + " of its history)";
                return new SyncPrediction(syncer.id(), "", syncerLabel(syncer), sourceLabel, SyncType.PARTIAL,
                        d.rule() + via, certain);
            }
            if (newest == null) {
                newest = d;
            }
        }
        return new SyncPrediction(syncer.id(), "", syncerLabel(syncer), sourceLabel, SyncType.FULL, newest.rule(), certain);
    }

    private SyncPrediction syncerFull(SyncerInfo syncer, String sourceLabel, String rule) {
        return new SyncPrediction(syncer.id(), "", syncerLabel(syncer), sourceLabel, SyncType.FULL, rule, true);
    }

    /** "syncer c2→c1" with cluster names. */
    public static String syncerLabel(TopologySnapshot snapshot, SyncerInfo syncer) {
        String from = snapshot.cluster(syncer.sourceClusterId()).map(c -> c.name()).orElse(syncer.sourceClusterId());
        String to = snapshot.cluster(syncer.targetClusterId()).map(c -> c.name()).orElse(syncer.targetClusterId());
        return "syncer " + from + "→" + to;
    }

    private String syncerLabel(SyncerInfo syncer) {
        return syncerLabel(snapshot, syncer);
    }

    // ---- helpers ----

    private SyncPrediction fresh(String label, ShardInfo source) {
        return new SyncPrediction("", "", label, source.name(), SyncType.FULL,
                "full: a fresh shard has no replication history (PSYNC ? -1)", true);
    }

    private static SyncPrediction replica(ShardInfo s, String sourceLabel, PsyncDecision d, boolean certain) {
        return new SyncPrediction(s.id(), s.endpoint(), s.name(), sourceLabel, d.type(), d.rule(), certain);
    }

    /** Up, link up and not cut: it streams the same bytes as its primary. */
    private boolean linkedUp(ShardInfo s) {
        return s.state().isUp() && s.replication().upstream().map(u -> u.linkUp()).orElse(false)
                && snapshot.fault(LinkRef.replication(s.id())).isEmpty();
    }

    private Optional<ShardInfo> bestReplica(ShardInfo p) {
        return snapshot.replicasOf(p).stream().filter(s -> s.state().isUp())
                .max(Comparator.comparingLong(ShardInfo::processedOffset));
    }

    private Optional<ShardInfo> shard(String id) {
        return id == null ? Optional.empty() : snapshot.shard(id);
    }

    private String nodeName(String nodeId) {
        return snapshot.node(nodeId).map(NodeInfo::name).orElse(nodeId);
    }
}
