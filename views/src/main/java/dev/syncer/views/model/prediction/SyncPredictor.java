package dev.syncer.views.model.prediction;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.LinkFaultInfo;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Predicts, from a snapshot, which replicas and syncers an operation makes resync and whether each
 * sync will be partial or full — a pure function of its inputs.
 *
 * <p>It replays what Redis does: promotion shifts the replid ({@code shiftReplicationId}), every
 * replica re-pointed to the new primary asks {@code PSYNC <its replid> <its offset+1>}, a fresh
 * shard asks {@code PSYNC ? -1}, a sub-replica whose upstream took a full sync must take one too
 * (the upstream drops its backlog), and a syncer tries its checkpoints newest first.
 *
 * <p>Migrations follow the lab: a shard moves with its files. A replica is stopped with a SAVE
 * (its RDB keeps repl-id and repl-offset), started on the target node as a replica of the same
 * upstream, and resumes with {@code PSYNC <saved replid> <saved offset+1>} — partial while that
 * offset is still in the upstream's backlog; its own replicas then resume from the backlog it
 * creates at that offset. A primary first hands over to a replica (graceful FAILOVER), moves as
 * that replica's replica, and, keeping roles, takes the role back with a second hand-over. Only
 * adding a replica starts a fresh shard. An operation made of steps predicts a sync per step, in
 * the order they happen, so one peer may appear more than once.
 */
public final class SyncPredictor {

    private final TopologySnapshot snapshot;

    private SyncPredictor(TopologySnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * The syncs {@code operation} will cause, step by step in the order they happen; within a step
     * replicas first, then syncers, then the shard that gave up the primary role.
     */
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
            case Operation.RepointReplica r -> shard(r.shardId()).ifPresent(s -> shard(r.upstreamId())
                    .ifPresent(u -> repoint(s, u, out)));
            case Operation.AddReplica a -> shard(a.primaryId()).ifPresent(p ->
                    out.add(fresh("new replica on " + nodeName(a.nodeId()), p)));
            case Operation.Lifecycle l -> shard(l.shardId()).ifPresent(s -> lifecycle(s, l.kind(), out));
            case Operation.LinkChange l -> linkChange(l, out);
            // Resizing drops no link: nothing syncs (the runway shows what a shrink costs).
            case Operation.ResizeBacklog r -> { }
            case Operation.WriteLoad w -> { }
        }
        return List.copyOf(out);
    }

    // ---- hand-overs: failover, forced promotion ----

    /** The history a replica has and the offset it has processed: it asks {@code PSYNC replid offset+1}. */
    private record Standing(String replid, long offset) {
    }

    /**
     * Primary {@code p} hands over to {@code target}. With {@code graceful} (FAILOVER), writes pause
     * until the target caught up, so the target is promoted at p's offset and the linked replicas
     * have the same bytes; forced, everyone keeps the offset they have now. Returns the target as
     * the new primary.
     */
    private PsyncSource handover(ShardInfo p, ShardInfo target, boolean graceful, List<SyncPrediction> out) {
        long handoverOffset = live(p).masterReplOffset();
        // Forced while the old primary still runs: client writes are held, so a linked target has
        // very likely received every byte by the time it is promoted — the snapshot's offsets are
        // a poll old, not a real lag. Likely rather than certain: nothing waits for it.
        boolean caughtUp = graceful || (p.state().isUp() && linkedUp(target) && isReplicaOf(target, p));
        boolean certain = graceful || !caughtUp;
        PsyncSource promoted = (caughtUp ? PsyncSource.of(target).advancedTo(handoverOffset) : PsyncSource.of(target))
                .promoted();
        handoverPeers(p, target, target.name(), promoted, s -> new Standing(s.replication().replid(),
                caughtUp && linkedUp(s) && isReplicaOf(s, p) ? handoverOffset : s.processedOffset()), certain, out);
        syncersReading(p).forEach(syncer -> out.add(syncer(syncer, syncer.checkpoints(), promoted, target.name(), true)));
        syncersWritingTo(p).forEach(syncer -> sourcePrimary(syncer).ifPresent(src ->
                out.add(syncer(syncer, live(src), src.name(), true))));
        // The old primary resumes from its own history as the new primary's replica — now if it
        // runs, when it returns otherwise.
        PredictedPsync d = PredictedPsync.decide(p.replication().replid(), handoverOffset + 1, promoted);
        boolean up = p.state().isUp();
        out.add(replica(p, target.name(), up ? d : d.after("when it returns, "), up && certain));
        return promoted;
    }

    /**
     * Everyone but the two shards trading roles — p's other replicas and the target's own, then
     * their replicas — resumes from {@code promoted}, each from where {@code standing} says it is.
     */
    private void handoverPeers(ShardInfo p, ShardInfo target, String newPrimary, PsyncSource promoted,
                               Function<ShardInfo, Standing> standing, boolean certain, List<SyncPrediction> out) {
        List<ShardInfo> peers = new ArrayList<>(snapshot.replicasOf(p).stream()
                .filter(s -> !s.id().equals(target.id())).toList());
        peers.addAll(snapshot.replicasOf(target));
        peers.forEach(s -> resume(s, newPrimary, promoted, standing, certain, out));
    }

    /**
     * {@code s} asks {@code source} for {@code PSYNC <replid> <offset+1>}. A partial sync under the
     * replid it had changes nothing below it; under a new one it shifts ids like a promotion and
     * disconnects its own replicas; a full sync drops its backlog.
     */
    private void resume(ShardInfo s, String sourceLabel, PsyncSource source, Function<ShardInfo, Standing> standing,
                        boolean certain, List<SyncPrediction> out) {
        Standing at = standing.apply(s);
        PredictedPsync d = PredictedPsync.decide(at.replid(), at.offset() + 1, source);
        out.add(replica(s, sourceLabel, d, certain));
        if (d.type() == SyncType.FULL || !at.replid().equalsIgnoreCase(source.replid())) {
            chain(s, d, PsyncSource.of(s).withReplid(at.replid()).advancedTo(at.offset()).continuingAs(source.replid()),
                    standing, certain, out);
        }
    }

    /**
     * Sub-replicas of {@code upstream}, which lost them when it synced with
     * {@code upstreamDecision} and is now in state {@code after}: after a full sync (it dropped its
     * backlog) they must full-sync too; otherwise each resumes from it.
     */
    private void chain(ShardInfo upstream, PredictedPsync upstreamDecision, PsyncSource after,
                       Function<ShardInfo, Standing> standing, boolean certain, List<SyncPrediction> out) {
        for (ShardInfo c : snapshot.replicasOf(upstream)) {
            if (upstreamDecision.type() == SyncType.FULL) {
                PredictedPsync d = PredictedPsync.upstreamLostHistory("full: its upstream "
                        + upstream.name() + " takes a full sync and drops its backlog");
                out.add(replica(c, upstream.name(), d, certain));
                chain(c, d, after, standing, certain, out);
            } else {
                resume(c, upstream.name(), after, standing, certain, out);
            }
        }
    }

    // ---- migrations: a shard moves with its data and replication state ----

    /**
     * The lab's migration of a primary: a graceful hand-over to a replica (the operator's choice,
     * else the first running one, as the lab picks it), then the old primary,
     * now that replica's replica, moves like any replica; keeping roles, a second hand-over gives
     * it the primary role back.
     */
    private void migratePrimary(ShardInfo p, Operation.MigratePrimary m, List<SyncPrediction> out) {
        Optional<ShardInfo> successor = !m.preserveRoles() && m.promoteId() != null ? shard(m.promoteId())
                : snapshot.replicasOf(p).stream().filter(s -> s.state().isUp()).findFirst();
        if (successor.isEmpty()) {
            return; // the lab refuses: no running replica to hand the primary role to
        }
        ShardInfo r = successor.get();
        long at = live(p).masterReplOffset();
        PsyncSource promoted = handover(p, r, true, out);
        // The old primary resumed under r's new replid at the hand-over offset; that is what it saves.
        PsyncSource moved = move(p, new Standing(promoted.replid(), at), promoted, m.targetNodeId(), false, out);
        if (m.preserveRoles()) {
            handBack(p, r, promoted.replid(), at, moved, out);
        }
    }

    private void migrateReplica(ShardInfo s, String nodeId, List<SyncPrediction> out) {
        snapshot.upstreamOf(s).ifPresent(u -> move(s, new Standing(s.replication().replid(), s.processedOffset()),
                live(u), nodeId, true, out));
    }

    /**
     * Replica {@code s} is stopped with a SAVE (its RDB keeps {@code saved}), its files move to
     * the node, and it starts there as a replica of the same upstream, asking
     * {@code PSYNC <replid> <offset+1>}. Likely rather than certain: writes go on while it moves and
     * may push its offset out of the upstream's backlog. Its replicas reconnect once it is back;
     * the backlog it serves them from starts empty at its saved offset, so those that had every
     * byte it had (linked, they did) resume, others need a full sync. A primary that moves has
     * handed its replicas over first ({@code withReplicas} false). Returns its state afterwards.
     */
    private PsyncSource move(ShardInfo s, Standing saved, PsyncSource upstream, String nodeId, boolean withReplicas,
                             List<SyncPrediction> out) {
        PredictedPsync d = s.state() == ShardState.CRASHED
                ? PredictedPsync.noHistory(s.name() + " (crashed without saving)")
                : PredictedPsync.resume(saved.replid(), saved.offset() + 1, upstream);
        out.add(replica(s, upstream.name(), d.after("back on " + nodeName(nodeId) + ", "),
                false));
        long size = s.replication().backlog().size();
        PsyncSource after = d.type() == SyncType.PARTIAL
                ? upstream.resumedReplica(s.name(), saved.replid(), saved.offset(), size)
                : upstream.fullSyncedReplica(s.name(), size);
        if (withReplicas) {
            chain(s, d, after, c -> new Standing(c.replication().replid(),
                    linkedUp(c) ? saved.offset() : c.processedOffset()), false, out);
        }
        return after;
    }

    /**
     * Keeping roles, the moved primary {@code p} takes its role back from {@code r}: a second
     * graceful FAILOVER (writes wait until p caught up; r's replid {@code r1} becomes p's replid2).
     * Everyone already follows r1 since the first hand-over, at its offset {@code at} when linked;
     * p's backlog began when it resumed after the move.
     */
    private void handBack(ShardInfo p, ShardInfo r, String r1, long at, PsyncSource moved, List<SyncPrediction> out) {
        PsyncSource promoted = moved.advancedTo(at).promoted();
        handoverPeers(p, r, p.name(), promoted, s -> new Standing(r1, linkedUp(s) ? at : s.processedOffset()), false, out);
        for (SyncerInfo syncer : syncersReading(p)) {
            List<Checkpoint> followedR = new ArrayList<>(syncer.checkpoints());
            followedR.add(new Checkpoint(r1, at));
            out.add(syncer(syncer, followedR, promoted, p.name(), false));
        }
        out.add(replica(r, p.name(), PredictedPsync.decide(r1, at + 1, promoted), false));
    }

    /**
     * Replica {@code s} is pointed at {@code u} where it runs: Redis caches its link to the old
     * upstream and asks u for {@code PSYNC <replid> <offset+1>} — partial when u shares its history
     * (u's replid or replid2) and still holds that offset, full from another shard or a server
     * behind it. Certain where the offsets cannot move underneath: u is a primary, or as far as s.
     */
    private void repoint(ShardInfo s, ShardInfo u, List<SyncPrediction> out) {
        boolean certain = u.isPrimary() || u.processedOffset() == s.processedOffset();
        resume(s, u.name(), live(u), r -> new Standing(r.replication().replid(), r.processedOffset()), certain, out);
    }

    // ---- shard lifecycle, links, backlog ----

    /**
     * Crash, stop, restart, start. A shard syncs only when it comes back, so crash and stop predict
     * its return (likely: when is the operator's choice). What it comes back with decides: a clean
     * stop SAVEs its replid and offset; after a crash it loads its last RDB — a replica's is the
     * last full sync it received (Redis keeps it as the dump file) or its last save, so it still
     * names its history, at an offset the console cannot see but no newer than the last it showed.
     * A primary that crashed has at best an older RDB: its replicas are ahead of it.
     */
    private void lifecycle(ShardInfo s, OperationKind kind, List<SyncPrediction> out) {
        boolean crashed = kind == OperationKind.CRASH_SHARD
                || (kind == OperationKind.START_SHARD && s.state() == ShardState.CRASHED);
        boolean deferred = kind == OperationKind.CRASH_SHARD || kind == OperationKind.STOP_SHARD;
        String when = deferred ? "when it comes back, " : "";
        if (s.isReplica()) {
            snapshot.upstreamOf(s).ifPresent(u -> {
                Standing saved = new Standing(s.replication().replid(), s.processedOffset());
                PredictedPsync d = PredictedPsync.decide(saved.replid(), saved.offset() + 1, live(u));
                String rdb = crashed ? "from its last RDB (offset not visible, at most "
                        + Format.offset(saved.offset()) + "), " : "";
                out.add(replica(s, u.name(), d.after(when + rdb), !deferred && !crashed));
                PsyncSource after = d.type() == SyncType.PARTIAL
                        ? live(u).resumedReplica(s.name(), saved.replid(), saved.offset(),
                                s.replication().backlog().size())
                        : live(u).fullSyncedReplica(s.name(), s.replication().backlog().size());
                // Its replicas had what it had: they resume from the backlog it rebuilds.
                chain(s, d, after.advancedTo(Math.max(saved.offset(), live(u).masterReplOffset())),
                        c -> new Standing(c.replication().replid(), Math.max(saved.offset(), c.processedOffset())),
                        !deferred && !crashed, out);
            });
            return;
        }
        // A primary that restarts from its RDB keeps its replid as replid2 up to offset+1, with an
        // empty backlog (Redis 7.0 loadDataFromDisk); one that crashed comes back without history.
        // Its clean stop holds writes and saves last, so a linked replica has exactly what it saved.
        long saved = live(s).masterReplOffset();
        PsyncSource restarted = new PsyncSource(s.name(), PsyncSource.newReplidOf(s.name()), s.replication().replid(),
                saved + 1, saved, new BacklogInfo(true, s.replication().backlog().size(), saved + 1, 0));
        Function<ShardInfo, Standing> where = r -> new Standing(r.replication().replid(),
                linkedUp(r) && isReplicaOf(r, s) ? saved : r.processedOffset());
        for (ShardInfo r : snapshot.replicasOf(s)) {
            if (!crashed) {
                resume(r, s.name(), restarted, where, !deferred, out);
            } else {
                PredictedPsync d = PredictedPsync.upstreamLostHistory("full: " + s.name()
                        + " crashed without saving its replication history; its replicas are ahead of any RDB it has");
                out.add(replica(r, s.name(), d.after(when), !deferred));
                chain(r, d, restarted, where, !deferred, out);
            }
        }
        syncersReading(s).forEach(syncer -> out.add(!crashed ? syncer(syncer, restarted, s.name(), !deferred)
                : syncerFull(syncer, s.name(), "full: " + s.name() + " crashed without saving its replication history")));
    }

    /**
     * Only a cut link resyncs, when healed: a cut predicts that heal, a heal predicts it only when
     * the link is cut, and a delay changes nothing.
     */
    private void linkChange(Operation.LinkChange l, List<SyncPrediction> out) {
        boolean cut = l.kind() == OperationKind.CUT_LINK;
        boolean isCut = snapshot.fault(l.link()).map(f -> f.kind() == LinkFaultInfo.Kind.CUT).orElse(false);
        if (l.kind() == OperationKind.DELAY_LINK || (!cut && !isCut) || (cut && isCut)) {
            return;
        }
        if (l.link().kind() == LinkRef.Kind.REPLICATION) {
            shard(l.link().id()).ifPresent(s -> snapshot.upstreamOf(s).ifPresent(u -> {
                PredictedPsync d = PredictedPsync.decide(s.replication().replid(), s.processedOffset() + 1, live(u));
                out.add(replica(s, u.name(), cut ? onHeal(d) : d, !cut));
            }));
        } else {
            snapshot.syncer(l.link().id()).ifPresent(syncer -> sourcePrimary(syncer).ifPresent(src -> {
                SyncPrediction p = syncer(syncer, live(src), src.name(), !cut);
                out.add(cut ? new SyncPrediction(p.peerId(), p.peerEndpoint(), p.peerLabel(), p.sourceLabel(), p.type(),
                        "on heal, if healed now: " + p.rule(), false) : p);
            }));
        }
    }

    private static PredictedPsync onHeal(PredictedPsync d) {
        return d.after("on heal, if healed now: ");
    }

    // ---- syncers ----

    /**
     * Syncers that apply to {@code primary}'s database in its cluster: a failover there makes each
     * reconnect to its source ("local failover") and resume from its checkpoint.
     */
    private List<SyncerInfo> syncersWritingTo(ShardInfo primary) {
        return snapshot.syncers().stream()
                .filter(s -> s.databaseId().equals(primary.databaseId()) && s.targetClusterId().equals(primary.clusterId()))
                .toList();
    }

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
        return syncer(syncer, syncer.checkpoints(), source, sourceLabel, certain);
    }

    /** As above, with the checkpoints the syncer will have by then. */
    private SyncPrediction syncer(SyncerInfo syncer, List<Checkpoint> history, PsyncSource source, String sourceLabel,
                                  boolean certain) {
        if (history.isEmpty()) {
            return syncerFull(syncer, sourceLabel, "full: the syncer has no checkpoint (PSYNC ? -1)");
        }
        PredictedPsync newest = null;
        for (int i = history.size() - 1; i >= 0; i--) {
            Checkpoint c = history.get(i);
            PredictedPsync d = PredictedPsync.decide(c.replid(), c.psyncOffset(), source);
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

    /**
     * {@code upstream} as its readers show it: shards are polled one after another, so a replica's
     * offset may be newer than its upstream's; the upstream has at least every byte of its history
     * that a reader reports.
     */
    private PsyncSource live(ShardInfo upstream) {
        String replid = upstream.replication().replid();
        long ahead = upstream.replication().masterReplOffset();
        for (ShardInfo r : snapshot.replicasOf(upstream)) {
            if (r.replication().replid().equalsIgnoreCase(replid)) {
                ahead = Math.max(ahead, r.processedOffset());
            }
        }
        for (SyncerInfo syncer : upstream.isPrimary() ? syncersReading(upstream) : List.<SyncerInfo>of()) {
            for (Checkpoint c : syncer.checkpoints()) {
                if (c.replid().equalsIgnoreCase(replid)) {
                    ahead = Math.max(ahead, c.offset());
                }
            }
        }
        return PsyncSource.of(upstream).advancedTo(ahead);
    }

    private SyncPrediction fresh(String label, ShardInfo source) {
        return new SyncPrediction("", "", label, source.name(), SyncType.FULL,
                "full: a fresh shard has no replication history (PSYNC ? -1)", true);
    }

    private static SyncPrediction replica(ShardInfo s, String sourceLabel, PredictedPsync d, boolean certain) {
        return new SyncPrediction(s.id(), s.endpoint(), s.name(), sourceLabel, d.type(), d.rule(), certain);
    }

    private boolean isReplicaOf(ShardInfo s, ShardInfo upstream) {
        return snapshot.upstreamOf(s).map(u -> u.id().equals(upstream.id())).orElse(false);
    }

    /** Up, link up and not cut: it streams the same bytes as its primary. */
    private boolean linkedUp(ShardInfo s) {
        return s.state().isUp() && s.replication().upstream().map(u -> u.linkUp()).orElse(false)
                && snapshot.fault(LinkRef.replication(s.id())).isEmpty();
    }

    private Optional<ShardInfo> shard(String id) {
        return id == null ? Optional.empty() : snapshot.shard(id);
    }

    private String nodeName(String nodeId) {
        return snapshot.node(nodeId).map(NodeInfo::name).orElse(nodeId);
    }
}
