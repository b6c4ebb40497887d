package dev.syncer.app.redis;

import dev.syncer.app.adapter.Hub;
import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.attach.Deployment;
import dev.syncer.app.attach.DeploymentKind;
import dev.syncer.app.monitor.Target;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.OperationProgress;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.OperationResult;
import dev.syncer.views.model.port.Operations;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.TopologySnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Operations over real Redis: only what Redis has commands for. A failover is the deployment's
 * own: {@code SENTINEL FAILOVER <name>} under Sentinel, {@code CLUSTER FAILOVER [FORCE]} on the
 * chosen replica in a cluster, {@code FAILOVER TO} (or REPLICAOF NO ONE with the siblings
 * re-pointed) on a standalone server; CONFIG SET repl-backlog-size anywhere. The rest needs the lab
 * and says why. Redis's refusals come back verbatim.
 */
final class RedisOperationsPort implements Operations {

    private final ProbePool probes;
    private final Hub hub;
    private final Target credentials;
    private final Supplier<Deployment> deployment;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "redis-operation");
        t.setDaemon(true);
        return t;
    });

    RedisOperationsPort(ProbePool probes, Hub hub, Target credentials, Supplier<Deployment> deployment) {
        this.probes = probes;
        this.hub = hub;
        this.credentials = credentials;
        this.deployment = deployment;
    }

    @Override
    public Optional<String> whyUnsupported(OperationKind kind) {
        return switch (kind) {
            case FAILOVER, FORCED_FAILOVER, RESIZE_BACKLOG, REPOINT_REPLICA -> Optional.empty();
            case CRASH_SHARD, RESTART_SHARD, STOP_SHARD, START_SHARD ->
                    Optional.of("Needs the lab: Redis has no command to crash, stop or start a server");
            case CUT_LINK, HEAL_LINK, DELAY_LINK ->
                    Optional.of("Needs the lab: links are cut and delayed at the lab's proxies");
            case MIGRATE_REPLICA, MIGRATE_PRIMARY_AS_REPLICA, MIGRATE_PRIMARY_PRESERVING_ROLES, ADD_REPLICA ->
                    Optional.of("Needs the lab: moving or adding a shard means starting a server on another node");
            case START_WRITE_LOAD, STOP_WRITE_LOAD, TUNE_WRITE_LOAD ->
                    Optional.of("Needs the lab: the console does not write into a deployment it is attached to");
        };
    }

    @Override
    public CompletableFuture<OperationResult> submit(OperationRequest request, Consumer<OperationProgress> progress) {
        OperationKind kind = request.operation().kind();
        Optional<String> why = whyUnsupported(kind);
        if (why.isPresent()) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(why.get()));
        }
        return CompletableFuture.supplyAsync(() -> {
            hub.publish(new OperationEvent(request.id(), Instant.now(), kind, OperationEvent.Status.STARTED, kind.label()));
            try {
                List<String> steps = run(request.operation(), step -> progress.accept(
                        new OperationProgress(request.id(), OperationProgress.INDETERMINATE, step)));
                String summary = String.join("; ", steps);
                hub.publish(new OperationEvent(request.id(), Instant.now(), kind, OperationEvent.Status.SUCCEEDED, summary));
                return new OperationResult(request.id(), summary, steps);
            } catch (RuntimeException e) {
                hub.publish(new OperationEvent(request.id(), Instant.now(), kind, OperationEvent.Status.FAILED,
                        String.valueOf(e.getMessage())));
                throw new CompletionException(e);
            }
        }, worker);
    }

    private List<String> run(Operation operation, Consumer<String> progress) {
        List<String> steps = new ArrayList<>();
        switch (operation) {
            case Operation.Failover f -> failover(f, steps, progress);
            case Operation.ResizeBacklog r -> resize(r, steps);
            case Operation.RepointReplica r -> repoint(r, steps, progress);
            default -> throw new UnsupportedOperationException(whyUnsupported(operation.kind()).orElse("unsupported"));
        }
        return steps;
    }

    private void failover(Operation.Failover f, List<String> steps, Consumer<String> progress) {
        Deployment d = deployment.get();
        Optional<Deployment.Tree> tree = d == null ? Optional.empty() : d.treeOf(target(f.primaryId()));
        if (d != null && d.kind() == DeploymentKind.SENTINEL && tree.isPresent()) {
            DeploymentFailovers.sentinel(probes, d, tree.get(), target(f.primaryId()), target(f.targetReplicaId()),
                    !f.forced(), steps, progress);
            return;
        }
        if (d != null && d.kind() == DeploymentKind.CLUSTER) {
            DeploymentFailovers.cluster(probes, target(f.targetReplicaId()), f.forced(), steps, progress);
            return;
        }
        Target target = target(f.targetReplicaId());
        if (!f.forced()) {
            progress.accept("FAILOVER TO " + target.host() + " " + target.port() + " on " + f.primaryId());
            command(f.primaryId(), steps, "FAILOVER", "TO", target.host(), Integer.toString(target.port()));
            return;
        }
        progress.accept("promoting " + target.id());
        command(f.targetReplicaId(), steps, "REPLICAOF", "NO", "ONE");
        TopologySnapshot snapshot = hub.last();
        if (snapshot != null) {
            for (ShardInfo s : snapshot.shards()) {
                boolean sibling = s.replication().upstream().map(u -> u.endpoint().equals(f.primaryId())).orElse(false);
                if (sibling && !s.id().equals(f.targetReplicaId())) {
                    progress.accept("re-pointing " + s.id());
                    command(s.id(), steps, "REPLICAOF", target.host(), Integer.toString(target.port()));
                }
            }
        }
    }

    /**
     * The replica follows another upstream: {@code CLUSTER REPLICATE <node-id>} in a cluster (the
     * bus must agree, REPLICAOF is refused there), {@code REPLICAOF host port} elsewhere. Under
     * Sentinel a replica pointed at anything but the master is pointed back by Sentinel
     * ({@code +fix-slave-config}) once failover-timeout has passed since its configuration changed.
     */
    private void repoint(Operation.RepointReplica r, List<String> steps, Consumer<String> progress) {
        Deployment d = deployment.get();
        Target upstream = target(r.upstreamId());
        if (d != null && d.kind() == DeploymentKind.CLUSTER) {
            String nodeId = d.trees().stream().flatMap(t -> t.members().stream())
                    .filter(m -> m.target().id().equals(upstream.id())).map(m -> m.facts().get("node-id"))
                    .filter(java.util.Objects::nonNull).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the cluster bus does not list " + upstream.id()));
            progress.accept("CLUSTER REPLICATE " + nodeId + " on " + r.shardId());
            command(r.shardId(), steps, "CLUSTER", "REPLICATE", nodeId);
            return;
        }
        progress.accept("REPLICAOF " + upstream.host() + " " + upstream.port() + " on " + r.shardId());
        command(r.shardId(), steps, "REPLICAOF", upstream.host(), Integer.toString(upstream.port()));
    }

    /**
     * CONFIG SET repl-backlog-size, then the runway it buys at the rate the stream grows, measured
     * over the second around the change.
     */
    private void resize(Operation.ResizeBacklog r, List<String> steps) {
        var probe = probes.probe(target(r.shardId()));
        List<Object> was = probe.call("CONFIG", "GET", "repl-backlog-size");
        long oldSize = was.size() >= 2 ? Long.parseLong(String.valueOf(was.get(1))) : 0;
        long start = System.nanoTime();
        long from = probe.poll().info().getLong("master_repl_offset", 0);
        command(r.shardId(), steps, "CONFIG", "SET", "repl-backlog-size", Long.toString(r.bytes()));
        try {
            Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - start) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long to = probe.poll().info().getLong("master_repl_offset", 0);
        double rate = Math.max(0, to - from) * 1e9 / (System.nanoTime() - start);
        steps.add(r.shardId() + ": " + BacklogRunway.bought(oldSize, r.bytes(), rate));
    }

    private void command(String shardId, List<String> steps, String... args) {
        String reply = probes.probe(target(shardId)).command(args);
        steps.add(shardId + ": " + String.join(" ", args) + " -> " + reply);
    }

    private Target target(String shardId) {
        Target at = Target.parse(shardId, null, false);
        return credentials.at(at.host(), at.port());
    }

    void close() {
        worker.shutdownNow();
    }
}
