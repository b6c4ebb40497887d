package dev.syncer.views.testing;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.ClusterInfo;
import dev.syncer.views.model.port.ConnectedReplica;
import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.ConsoleEvents;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.NodeInfo;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.OperationProgress;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.OperationResult;
import dev.syncer.views.model.port.Operations;
import dev.syncer.views.model.port.ProxyInfo;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.ShardStats;
import dev.syncer.views.model.port.Subscription;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncPhase;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.SyncerState;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.port.UpstreamLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A test double for the three ports: an in-memory, scripted lab. Tests build a topology with it,
 * move offsets forward, push snapshots and events, and let the console run operations against it.
 * Its operations change the scripted state the way the lab would (a failover promotes, re-points
 * and resyncs) and report the syncs they caused. Never used outside tests.
 */
public final class ScriptedLab implements ConsoleEvents, Operations {

    private final Supplier<Instant> clock;
    private final Map<String, ClusterInfo> clusters = new LinkedHashMap<>();
    private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    private final Map<String, String[]> databases = new LinkedHashMap<>();
    private final Map<String, Integer> load = new LinkedHashMap<>();
    private final Map<String, ScriptedShard> shards = new LinkedHashMap<>();
    private final Map<String, ScriptedSyncer> syncers = new LinkedHashMap<>();
    private final Map<LinkRef, LinkFaultInfo> faults = new LinkedHashMap<>();
    private final Map<OperationKind, String> unsupported = new EnumMap<>(OperationKind.class);
    private final Set<String> forceFull = new HashSet<>();
    private final List<Consumer<TopologySnapshot>> topologyListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConsoleEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<OperationRequest> submitted = new CopyOnWriteArrayList<>();
    private Executor executor = Runnable::run;
    private boolean tagEvents = true;
    private boolean bothSides;
    private long seq;
    private long ticks;
    private int nextPort = 7100;
    private int replidCounter;

    public ScriptedLab(Supplier<Instant> clock) {
        this.clock = clock;
    }

    // ---- building the topology ----

    public synchronized ScriptedLab cluster(String id, String name) {
        clusters.put(id, new ClusterInfo(id, name));
        return this;
    }

    public synchronized ScriptedLab node(String id, String cluster, String name) {
        nodes.put(id, new NodeInfo(id, cluster, name, "10.0." + clusters.size() + "." + (nodes.size() + 1), true));
        return this;
    }

    public synchronized ScriptedLab database(String id, String name, boolean activeActive) {
        databases.put(id, new String[] {name, Boolean.toString(activeActive)});
        return this;
    }

    public synchronized ScriptedShard primary(String id, String node, String db, int port, String replid, long offset) {
        ScriptedShard s = new ScriptedShard(id, id, nodes.get(node).clusterId(), node, db, port);
        s.role = Role.PRIMARY;
        s.replid = replid;
        s.offset = offset;
        s.backlogFirst = Math.max(1, offset - s.backlogSize + 1);
        shards.put(id, s);
        return s;
    }

    public synchronized ScriptedShard replica(String id, String node, String upstream, int port, long offset) {
        ScriptedShard up = shards.get(upstream);
        ScriptedShard s = new ScriptedShard(id, id, nodes.get(node).clusterId(), node, up.db, port);
        s.role = Role.REPLICA;
        s.replid = up.replid;
        s.offset = offset;
        s.upstream = up;
        s.backlogFirst = Math.max(1, offset - s.backlogSize + 1);
        shards.put(id, s);
        return s;
    }

    public synchronized ScriptedSyncer syncer(String id, String db, String sourceCluster, String targetCluster, Checkpoint... history) {
        ScriptedSyncer s = new ScriptedSyncer(id, db, sourceCluster, targetCluster);
        s.checkpoints.addAll(List.of(history));
        syncers.put(id, s);
        return s;
    }

    public synchronized ScriptedShard shard(String id) {
        return shards.get(id);
    }

    public synchronized ScriptedSyncer syncerState(String id) {
        return syncers.get(id);
    }

    /** Makes the lab refuse {@code kind} with {@code why}, as the Lettuce adapter does for lab-only operations. */
    public synchronized ScriptedLab unsupported(OperationKind kind, String why) {
        unsupported.put(kind, why);
        return this;
    }

    /** The next sync of {@code shardId} is full whatever the rules say (an output buffer overflow, say). */
    public synchronized ScriptedLab forceFullSyncOf(String shardId) {
        forceFull.add(shardId);
        return this;
    }

    /**
     * Shards report each sync from both ends, as the lab's do: the primary's report (naming the
     * replica by address, with the primary's cause) follows the replica's.
     */
    public synchronized ScriptedLab reportBothSides() {
        bothSides = true;
        return this;
    }

    /** The serving end's report of a sync {@code replicaSide} received from one of these shards; empty for others. */
    private Optional<SyncReport> primarySide(SyncReport replicaSide) {
        ScriptedShard source = shards.get(replicaSide.peer());
        ScriptedShard receiver = shards.get(replicaSide.reporterId());
        if (source == null || receiver == null || replicaSide.side() != dev.syncer.views.model.port.SyncSide.REPLICA) {
            return Optional.empty();
        }
        long n;
        synchronized (this) {
            n = ++seq;
        }
        SyncCause cause = replicaSide.type() == SyncType.PARTIAL
                ? (replicaSide.cause() == SyncCause.FAILOVER ? SyncCause.FAILOVER : SyncCause.RECONNECT)
                : replicaSide.cause() == SyncCause.STARTUP ? SyncCause.NEW_REPLICA : SyncCause.OFFSET_OUT_OF_BACKLOG;
        return Optional.of(new SyncReport(n, replicaSide.time(), source.id, dev.syncer.views.model.port.SyncSide.PRIMARY,
                replicaSide.type(), cause, "", receiver.endpoint(), replicaSide.replid(), replicaSide.offset(),
                replicaSide.bytes(), replicaSide.duration().dividedBy(2), List.of(), SyncOutcome.OK, replicaSide.operationId()));
    }

    /** Whether sync events carry the operation id (else the console must correlate by time). */
    public synchronized ScriptedLab tagEvents(boolean tag) {
        tagEvents = tag;
        return this;
    }

    /** Where operations run; the caller's thread by default. */
    public synchronized ScriptedLab runOperationsOn(Executor e) {
        executor = e;
        return this;
    }

    public synchronized ScriptedLab writeLoad(String db, int opsPerSec) {
        load.put(db, opsPerSec);
        return this;
    }

    public synchronized ScriptedLab fault(LinkFaultInfo fault) {
        faults.put(fault.link(), fault);
        return this;
    }

    public synchronized ScriptedLab clearFaults() {
        faults.clear();
        return this;
    }

    public synchronized ScriptedLab removeShard(String id) {
        shards.remove(id);
        return this;
    }

    // ---- moving time ----

    /**
     * Each database's write load runs for {@code elapsed}, at about 60 stream bytes per write. A
     * replica behind a delayed link trails by what its primary writes in that delay; syncer lags
     * breathe a little, as real ones do.
     */
    public synchronized void run(Duration elapsed) {
        ticks++;
        for (ScriptedShard s : shards.values()) {
            if (s.role == Role.PRIMARY && s.state.isUp()) {
                s.offset += load.getOrDefault(s.db, 0) * 60L * elapsed.toMillis() / 1000;
            }
        }
        write(0);
        for (ScriptedShard s : shards.values()) {
            LinkFaultInfo f = faults.get(LinkRef.replication(s.id));
            if (s.upstream != null && f != null && f.kind() == LinkFaultInfo.Kind.DELAYED) {
                long perSecond = load.getOrDefault(s.db, 0) * 60L;
                double wobble = 1 + 0.5 * Math.sin(ticks / 6.0);
                s.offset = s.upstream.offset - (long) (perSecond * f.delay().toMillis() / 1000.0 * wobble);
            }
        }
        for (ScriptedSyncer y : syncers.values()) {
            y.lagBytes = Math.max(0, (long) (y.baseLagBytes * (1 + 0.4 * Math.sin(ticks / 9.0 + y.id.hashCode()))));
        }
    }

    /** {@code bytes} more written on every primary; linked replicas and syncers follow. */
    public synchronized void write(long bytes) {
        for (ScriptedShard s : shards.values()) {
            if (s.role == Role.PRIMARY && s.state.isUp()) {
                s.offset += bytes;
                s.ops = load.getOrDefault(s.db, 0);
                trim(s);
            }
        }
        for (int hop = 0; hop < 3; hop++) {
            for (ScriptedShard s : shards.values()) {
                if (s.upstream != null && streaming(s)) {
                    s.offset = Math.max(s.offset, s.upstream.offset - (s.ops > 0 ? 40 : 0));
                    s.replid = s.upstream.replid;
                    trim(s);
                }
            }
        }
        for (ScriptedSyncer y : syncers.values()) {
            sourceOf(y).filter(src -> y.state == SyncerState.IN_SYNC && !faults.containsKey(LinkRef.syncer(y.id)))
                    .ifPresent(src -> {
                        long at = Math.max(0, src.offset - y.lagBytes);
                        Checkpoint last = y.checkpoints.isEmpty() ? null : y.checkpoints.getLast();
                        if (last == null || !last.replid().equals(src.replid)) {
                            y.checkpoints.add(new Checkpoint(src.replid, at));
                        } else {
                            y.checkpoints.set(y.checkpoints.size() - 1, new Checkpoint(src.replid, at));
                        }
                        y.ingress += bytes;
                    });
        }
    }

    boolean streaming(ScriptedShard s) {
        LinkFaultInfo f = faults.get(LinkRef.replication(s.id));
        return s.state.isUp() && s.upstream.state.isUp() && s.linkUp && (f == null || f.kind() != LinkFaultInfo.Kind.CUT);
    }

    private static void trim(ScriptedShard s) {
        s.backlogFirst = Math.max(s.backlogFirst, s.offset + 1 - s.backlogSize);
    }

    // ---- the topology port ----

    /** The topology port: snapshots are pushed by {@link #publish()}. */
    public dev.syncer.views.model.port.TopologySource topology() {
        return listener -> {
            topologyListeners.add(listener);
            return () -> topologyListeners.remove(listener);
        };
    }

    /** Pushes the current state to the console, as the app's polling thread does. */
    public void publish() {
        TopologySnapshot s = snapshot();
        topologyListeners.forEach(l -> l.accept(s));
    }

    public synchronized TopologySnapshot snapshot() {
        List<ShardInfo> infos = new ArrayList<>();
        for (ScriptedShard s : shards.values()) {
            infos.add(info(s));
        }
        List<DatabaseInfo> dbs = new ArrayList<>();
        databases.forEach((id, d) -> {
            List<ProxyInfo> proxies = new ArrayList<>();
            int i = 0;
            for (ClusterInfo c : clusters.values()) {
                i++;
                Optional<ScriptedShard> primary = shards.values().stream()
                        .filter(s -> s.db.equals(id) && s.cluster.equals(c.id()) && s.role == Role.PRIMARY && s.state.isUp())
                        .findFirst();
                boolean present = shards.values().stream().anyMatch(s -> s.db.equals(id) && s.cluster.equals(c.id()));
                if (present) {
                    proxies.add(new ProxyInfo(c.id(), "10.0." + i + ".100:" + (12000 + dbs.size()), primary.map(p -> p.id)));
                }
            }
            dbs.add(new DatabaseInfo(id, d[0], Boolean.parseBoolean(d[1]), proxies, load.getOrDefault(id, 0)));
        });
        List<SyncerInfo> sy = new ArrayList<>();
        for (ScriptedSyncer y : syncers.values()) {
            sy.add(new SyncerInfo(y.id, y.db, y.source, y.target, y.state,
                    y.state == SyncerState.IN_SYNC ? "syncing stream" : y.state == SyncerState.SYNCING ? "receiving rdb" : "disconnected",
                    y.lagMillis, y.lagBytes, y.ingress, Optional.of(SyncType.PARTIAL), "failover", y.checkpoints));
        }
        return new TopologySnapshot(clock.get(), List.copyOf(clusters.values()), List.copyOf(nodes.values()), dbs, infos,
                sy, List.copyOf(faults.values()));
    }

    private ShardInfo info(ScriptedShard s) {
        List<ConnectedReplica> links = new ArrayList<>();
        for (ScriptedShard r : shards.values()) {
            if (r.upstream == s && r.state.isUp()) {
                links.add(new ConnectedReplica("127.0.0.1", r.port, r.fullSync != null ? "send_bulk" : "online", r.offset,
                        r.ackLagSeconds, Optional.of(r.id)));
            }
        }
        Optional<UpstreamLink> up = Optional.ofNullable(s.upstream).map(u -> new UpstreamLink("127.0.0.1", u.port,
                Optional.empty(), streaming(s), streaming(s) ? 0 : -1, s.fullSync != null, -1, 0, s.offset,
                streaming(s) ? -1 : 5));
        ReplicationInfo r = new ReplicationInfo(s.role, s.replid, s.replid2, s.offset, s.second,
                s.psyncSource().backlog(), links, up, "no-failover");
        ShardStats stats = new ShardStats(s.state.isUp() ? s.ops : 0, s.ops * 0.1, s.ops * 0.12, s.syncFull, s.syncPartial, 0,
                12_000_000 + s.offset / 10, 10_000 + s.offset / 100, s.refused);
        return new ShardInfo(s.id, s.name, s.cluster, s.node, s.db, s.endpoint(), s.state, r, stats,
                Optional.ofNullable(s.fullSync));
    }

    private Optional<ScriptedShard> sourceOf(ScriptedSyncer y) {
        return shards.values().stream().filter(s -> s.db.equals(y.db) && s.cluster.equals(y.source)
                && s.role == Role.PRIMARY && s.state.isUp()).findFirst();
    }

    // ---- the events port ----

    @Override
    public Subscription subscribe(Consumer<ConsoleEvent> listener) {
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    public void emit(ConsoleEvent e) {
        eventListeners.forEach(l -> l.accept(e));
    }

    /** A sync event as the receiving side reports it. */
    public SyncReport syncEvent(String receiver, String source, SyncType type, SyncCause cause, String replid, long offset,
                               Optional<String> operationId) {
        synchronized (this) {
            seq++;
        }
        long bytes = type == SyncType.FULL ? 2_400_000 : 1_800;
        Duration took = type == SyncType.FULL ? Duration.ofMillis(1840) : Duration.ofMillis(14);
        List<SyncPhase> phases = type == SyncType.FULL
                ? List.of(new SyncPhase("hand shaking", Duration.ofMillis(4)), new SyncPhase("bgsave", Duration.ofMillis(610)),
                        new SyncPhase("transfer", Duration.ofMillis(820)), new SyncPhase("loading rdb", Duration.ofMillis(406)))
                : List.of(new SyncPhase("hand shaking", Duration.ofMillis(4)), new SyncPhase("backlog", Duration.ofMillis(10)));
        return new SyncReport(seq, clock.get(), receiver, syncers.containsKey(receiver)
                ? dev.syncer.views.model.port.SyncSide.SYNCER : dev.syncer.views.model.port.SyncSide.REPLICA,
                type, cause, "", source, replid, offset, bytes, took, phases, SyncOutcome.OK, operationId);
    }

    // ---- the operations port ----

    @Override
    public synchronized Optional<String> whyUnsupported(OperationKind kind) {
        return Optional.ofNullable(unsupported.get(kind));
    }

    /** Requests received, in order. */
    public List<OperationRequest> submitted() {
        return List.copyOf(submitted);
    }

    @Override
    public CompletableFuture<OperationResult> submit(OperationRequest request, Consumer<OperationProgress> progress) {
        submitted.add(request);
        CompletableFuture<OperationResult> result = new CompletableFuture<>();
        Executor e;
        synchronized (this) {
            e = executor;
        }
        e.execute(() -> {
            try {
                Optional<String> why = whyUnsupported(request.operation().kind());
                if (why.isPresent()) {
                    throw new IllegalStateException(why.get());
                }
                List<SyncReport> caused = new ArrayList<>();
                String summary;
                synchronized (this) {
                    summary = new ScriptedOperations(this, request, progress, caused).run();
                }
                publish();
                for (SyncReport r : caused) {
                    emit(r);
                    if (bothSides) {
                        primarySide(r).ifPresent(this::emit);
                    }
                }
                result.complete(new OperationResult(request.id(), summary, List.of(summary)));
            } catch (RuntimeException ex) {
                result.completeExceptionally(ex);
            }
        });
        return result;
    }

    // ---- used by ScriptedOperations (same package) ----

    synchronized Map<String, ScriptedShard> shards() {
        return shards;
    }

    Map<String, ScriptedSyncer> syncers() {
        return syncers;
    }

    Map<LinkRef, LinkFaultInfo> faults() {
        return faults;
    }

    Map<String, Integer> loads() {
        return load;
    }

    Map<String, NodeInfo> nodes() {
        return nodes;
    }

    boolean takeForcedFull(String id) {
        return forceFull.remove(id);
    }

    boolean tagsEvents() {
        return tagEvents;
    }

    Optional<ScriptedShard> source(ScriptedSyncer y) {
        return sourceOf(y);
    }

    String newReplid() {
        replidCounter++;
        return String.format("%08x", 0x5eed0000 + replidCounter * 7919) + "0000000000000000000000000000000a"
                .substring(0, 32);
    }

    int newPort() {
        return nextPort++;
    }
}
