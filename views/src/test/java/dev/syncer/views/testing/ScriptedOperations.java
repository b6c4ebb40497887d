package dev.syncer.views.testing;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.OperationProgress;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.prediction.PredictedPsync;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the scripted lab carries out an operation: state changes in the order the lab would make
 * them, and a sync event for every replica or syncer that had to resync — partial or full as the
 * console's own {@link PredictedPsync} rules (one PSYNC rule in the views, tested against redis-server).
 */
final class ScriptedOperations {

    private final ScriptedLab lab;
    private final OperationRequest request;
    private final Consumer<OperationProgress> progress;
    private final List<SyncReport> caused;

    ScriptedOperations(ScriptedLab lab, OperationRequest request, Consumer<OperationProgress> progress, List<SyncReport> caused) {
        this.lab = lab;
        this.request = request;
        this.progress = progress;
        this.caused = caused;
    }

    String run() {
        return switch (request.operation()) {
            case Operation.Failover f -> failover(shard(f.primaryId()), shard(f.targetReplicaId()), f.forced());
            case Operation.AddReplica a -> addReplica(shard(a.primaryId()), a.nodeId());
            case Operation.MigrateReplica m -> migrateReplica(shard(m.shardId()), m.targetNodeId());
            case Operation.MigratePrimary m -> migratePrimary(shard(m.shardId()), m);
            case Operation.Lifecycle l -> lifecycle(shard(l.shardId()), l.kind());
            case Operation.LinkChange l -> {
                if (l.kind() == OperationKind.HEAL_LINK) {
                    lab.faults().remove(l.link());
                    lab.shards().values().stream().filter(s -> s.id.equals(l.link().id())).findFirst()
                            .ifPresent(s -> resync(s, s.upstream, SyncCause.LINK_DROP));
                } else {
                    lab.faults().put(l.link(), new LinkFaultInfo(l.link(), l.kind() == OperationKind.CUT_LINK
                            ? LinkFaultInfo.Kind.CUT : LinkFaultInfo.Kind.DELAYED, l.delay()));
                }
                yield l.kind().label() + " " + l.link().id();
            }
            case Operation.WriteLoad w -> {
                lab.loads().put(w.databaseId(), w.kind() == OperationKind.STOP_WRITE_LOAD ? 0 : w.opsPerSecond());
                yield w.kind().label() + " on " + w.databaseId();
            }
            case Operation.RepointReplica r -> {
                ScriptedShard s = shard(r.shardId());
                ScriptedShard u = shard(r.upstreamId());
                resync(s, u, SyncCause.MANUAL_REPLICAOF);
                yield s.name + " replicates from " + u.name;
            }
            case Operation.ResizeBacklog r -> {
                ScriptedShard s = shard(r.shardId());
                s.backlogSize = r.bytes();
                s.backlogFirst = Math.max(s.backlogFirst, s.offset + 1 - r.bytes());
                yield "repl-backlog-size of " + s.name + " is " + r.bytes();
            }
        };
    }

    private ScriptedShard shard(String id) {
        ScriptedShard s = lab.shards().get(id);
        if (s == null) {
            throw new IllegalArgumentException("no such shard: " + id);
        }
        return s;
    }

    private void step(double fraction, String text) {
        progress.accept(new OperationProgress(request.id(), fraction, text));
    }

    private String failover(ScriptedShard p, ScriptedShard target, boolean forced) {
        step(0.1, forced ? "REPLICAOF NO ONE on " + target.name : "waiting for " + target.name + " to catch up");
        handOver(p, target, forced);
        step(1, "done");
        return target.name + " is primary; " + p.name + " replicates from it";
    }

    /** The lab's promote: {@code target} takes the primary role; everyone else re-points to it. */
    private void handOver(ScriptedShard p, ScriptedShard target, boolean forced) {
        if (!forced) {
            target.offset = p.offset;
        }
        promote(target);
        for (ScriptedShard s : List.copyOf(lab.shards().values())) {
            if (s != target && (s.upstream == p || s.upstream == target)) {
                resync(s, target, SyncCause.FAILOVER);
            }
        }
        if (p.state.isUp()) {
            p.role = Role.REPLICA;
            resync(p, target, SyncCause.FAILOVER);
        } else {
            p.role = Role.REPLICA;
            p.upstream = target;
        }
        for (ScriptedSyncer y : lab.syncers().values()) {
            if (y.db.equals(target.db) && y.source.equals(target.cluster)) {
                resyncSyncer(y, target, SyncCause.FAILOVER);
            }
        }
    }

    /** Mirrors shiftReplicationId: the old history becomes replid2, valid up to offset+1. */
    private void promote(ScriptedShard s) {
        s.replid2 = s.replid;
        s.second = s.offset + 1;
        s.replid = lab.newReplid();
        s.role = Role.PRIMARY;
        s.upstream = null;
    }

    /** {@code s} PSYNCs {@code from} with its replid and offset+1. */
    private boolean resync(ScriptedShard s, ScriptedShard from, SyncCause cause) {
        return resync(s, from, cause, false);
    }

    /**
     * As above; {@code fromDisk}: {@code s} just started from its RDB, with no backlog, and creates
     * one at the next byte when the partial sync is accepted (Redis's createReplicationBacklog).
     * Under a new replid, or after a full sync, {@code s} drops its own replicas and they resync
     * from it; returns whether it did.
     */
    private boolean resync(ScriptedShard s, ScriptedShard from, SyncCause cause, boolean fromDisk) {
        long want = s.offset + 1;
        boolean partial = PredictedPsync.decide(s.replid, want, from.psyncSource()).type() == SyncType.PARTIAL
                && !lab.takeForcedFull(s.id);
        s.upstream = from;
        s.role = Role.REPLICA;
        if (partial) {
            if (!s.replid.equals(from.replid)) {
                s.replid2 = s.replid;
                s.second = want;
            }
            if (fromDisk) {
                s.backlogFirst = want;
            }
            s.syncPartial++;
        } else {
            s.replid2 = ReplicationInfo.NO_REPLID;
            s.second = -1;
            s.backlogFirst = from.offset + 1;
            s.syncFull++;
        }
        boolean drops = !partial || !s.replid.equals(from.replid);
        s.replid = from.replid;
        s.offset = from.offset;
        caused.add(event(s.id, from.id, partial ? SyncType.PARTIAL : SyncType.FULL, cause, from.replid,
                partial ? want : from.offset));
        if (drops) {
            for (ScriptedShard c : List.copyOf(lab.shards().values())) {
                if (c.upstream == s && c.state.isUp()) {
                    resync(c, s, cause);
                }
            }
        }
        return drops;
    }

    private void resyncSyncer(ScriptedSyncer y, ScriptedShard from, SyncCause cause) {
        Optional<Checkpoint> accepted = y.checkpoints.reversed().stream()
                .filter(c -> PredictedPsync.decide(c.replid(), c.psyncOffset(), from.psyncSource()).type() == SyncType.PARTIAL)
                .findFirst();
        boolean partial = accepted.isPresent() && !lab.takeForcedFull(y.id);
        y.checkpoints.add(new Checkpoint(from.replid, from.offset));
        caused.add(event(y.id, from.id, partial ? SyncType.PARTIAL : SyncType.FULL, cause, from.replid,
                partial ? accepted.get().psyncOffset() : from.offset));
    }

    private SyncReport event(String receiver, String source, SyncType type, SyncCause cause, String replid, long offset) {
        return lab.syncEvent(receiver, source, type, cause, replid, offset,
                lab.tagsEvents() ? Optional.of(request.id()) : Optional.empty());
    }

    private String addReplica(ScriptedShard p, String node) {
        step(0.2, "starting a shard on " + node);
        ScriptedShard fresh = newShard(p, node);
        resync(fresh, p, SyncCause.STARTUP);
        step(1, "done");
        return fresh.name + " replicates from " + p.name;
    }

    private ScriptedShard newShard(ScriptedShard like, String node) {
        int port = lab.newPort();
        ScriptedShard fresh = lab.replica("s" + port, node, like.id, port, 0);
        fresh.replid = "?";
        fresh.offset = -1;
        return fresh;
    }

    private String migrateReplica(ScriptedShard s, String node) {
        move(s, node);
        step(1, "done");
        return s.name + " now on " + node;
    }

    /**
     * The lab's move: {@code s} stops with a SAVE (its replid and offset are in its RDB), its files
     * go to {@code node}, and it starts there as a replica of the same upstream, resuming from what
     * it saved. Its linked replicas had every byte it forwarded before it stopped; they reconnect
     * once it is back.
     */
    private void move(ScriptedShard s, String node) {
        step(0.2, "stopping " + s.name + " with a SAVE");
        List<ScriptedShard> below = List.copyOf(lab.shards().values()).stream().filter(c -> c.upstream == s).toList();
        for (ScriptedShard c : below) {
            if (lab.streaming(c)) {
                c.offset = s.offset;
            }
        }
        boolean crashed = s.state == ShardState.CRASHED;
        s.node = node;
        s.state = ShardState.RUNNING;
        if (crashed) {
            s.replid = "?";
            s.offset = -1;
        }
        step(0.5, "starting " + s.name + " on " + node + " as a replica of " + s.upstream.name);
        if (!resync(s, s.upstream, SyncCause.RESTART_FROM_RDB, true)) {
            below.forEach(c -> resync(c, s, SyncCause.LINK_DROP)); // it stopped: they lost it all the same
        }
    }

    /**
     * The lab's primary migration: a graceful hand-over to {@code promoteId} (the first running
     * replica when roles are kept or none is given), the old primary moves as its replica, and,
     * keeping roles, a second hand-over makes it primary again.
     */
    private String migratePrimary(ScriptedShard p, Operation.MigratePrimary m) {
        ScriptedShard successor = !m.preserveRoles() && m.promoteId() != null ? shard(m.promoteId())
                : lab.shards().values().stream().filter(r -> r.upstream == p && r.state.isUp()).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no running replica to hand the primary role to"));
        step(0.1, "failover to " + successor.name);
        handOver(p, successor, false);
        move(p, m.targetNodeId());
        if (m.preserveRoles()) {
            step(0.8, "failover back to " + p.name);
            handOver(successor, p, false);
        }
        step(1, "done");
        return p.name + " now on " + m.targetNodeId() + (m.preserveRoles() ? ", still primary" : " as a replica of " + successor.name);
    }

    private String lifecycle(ScriptedShard s, OperationKind kind) {
        switch (kind) {
            case CRASH_SHARD -> s.state = ShardState.CRASHED;
            case STOP_SHARD -> s.state = ShardState.STOPPED;
            case START_SHARD, RESTART_SHARD -> {
                boolean crashed = s.state == ShardState.CRASHED;
                s.state = ShardState.RUNNING;
                if (crashed) {
                    s.replid = "?";
                    s.offset = -1;
                }
                if (s.upstream != null) {
                    resync(s, s.upstream, crashed ? SyncCause.STARTUP : SyncCause.RESTART_FROM_RDB);
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        s.fullSync = null;
        return kind.label() + " " + s.name;
    }
}
