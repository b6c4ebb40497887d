package dev.syncer.app.lab;

import dev.syncer.app.adapter.Hub;
import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.adapter.ShardInfos;
import dev.syncer.app.adapter.SyncEvents;
import dev.syncer.app.adapter.SyncerInfos;
import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.Target;
import dev.syncer.engine.lab.DatabaseInstance;
import dev.syncer.engine.lab.Lab;
import dev.syncer.engine.lab.LabShard;
import dev.syncer.engine.lab.LabSyncers;
import dev.syncer.engine.lab.Proxy;
import dev.syncer.engine.lab.Topology;
import dev.syncer.views.model.port.ClusterInfo;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.NodeInfo;
import dev.syncer.views.model.port.ProxyInfo;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.ShardStats;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.TopologySnapshot;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One polling round over the lab: the lab says what exists (clusters, nodes, databases, which
 * shard is where, proxies, faults); each shard says how it replicates, over RESP through Lettuce —
 * the same probe that watches a real redis-server.
 */
final class LabTopology {

    private final Lab lab;
    private final ProbePool probes;
    private final Hub hub;
    private final Map<String, ShardInfo> lastSeen = new ConcurrentHashMap<>();

    LabTopology(Lab lab, ProbePool probes, Hub hub) {
        this.lab = lab;
        this.probes = probes;
        this.hub = hub;
    }

    void round() {
        List<LabShard> shards = lab.shards();
        Map<String, String> byEndpoint = endpointsToShards(shards);
        List<Target> targets = new ArrayList<>();
        List<LabShard> running = new ArrayList<>();
        for (LabShard s : shards) {
            InetSocketAddress a = s.address();
            if (a != null && a.getPort() > 0) { // a shard still binding its port is polled next round
                targets.add(Target.of("127.0.0.1", a.getPort()));
                running.add(s);
            }
        }
        List<RedisProbe.Sample> samples = probes.poll(targets);
        Map<String, RedisProbe.Sample> sampleOf = new HashMap<>();
        for (int i = 0; i < running.size(); i++) {
            sampleOf.put(running.get(i).id(), samples.get(i));
        }
        List<ShardInfo> infos = new ArrayList<>();
        for (LabShard s : shards) {
            ShardInfo info = shardInfo(s, sampleOf.get(s.id()), byEndpoint);
            lastSeen.put(s.id(), info);
            infos.add(info);
        }
        List<LinkFaultInfo> faults = faults(shards);
        faults.addAll(syncerFaults());
        hub.publish(new TopologySnapshot(Instant.now(), clusters(), nodes(), databases(), infos, syncers(running, sampleOf),
                faults));
        for (LabShard s : running) {
            RedisProbe.Sample sample = sampleOf.get(s.id());
            for (InfoFields e : sample.events()) {
                String reporter = "syncer".equals(e.get("side"))
                        ? SyncerInfos.reporterOf(e.get("peer", ""), s.database(), s.cluster()) : s.id();
                hub.publish(SyncEvents.from(e, reporter, ep -> Optional.ofNullable(byEndpoint.get(ep)), Optional.empty()));
            }
        }
    }

    /**
     * Shard endpoints and link-proxy endpoints (a replica's master_port names its link, a syncer's
     * source address its own link) to the shard ids behind them.
     */
    private Map<String, String> endpointsToShards(List<LabShard> shards) {
        Map<String, String> map = new HashMap<>();
        for (LabShard s : shards) {
            InetSocketAddress a = s.address();
            if (a != null) {
                map.put("127.0.0.1:" + a.getPort(), s.id());
            }
        }
        for (LabShard s : shards) {
            Proxy link = s.link();
            LabShard up = s.upstream();
            if (link != null && up != null) {
                map.put("127.0.0.1:" + link.port(), up.id());
            }
        }
        for (LabSyncers.Entry e : lab.syncers()) {
            try {
                LabShard sourcePrimary = lab.instance(e.syncer().spec().source(), e.syncer().spec().database()).primary();
                map.put("127.0.0.1:" + e.link().port(), sourcePrimary.id());
            } catch (IllegalStateException | IllegalArgumentException noPrimary) {
                // between a crash and a failover the source has no primary to name
            }
        }
        return map;
    }

    private ShardInfo shardInfo(LabShard s, RedisProbe.Sample sample, Map<String, String> byEndpoint) {
        String name = s.database() + "/" + s.id().substring(s.id().lastIndexOf('/') + 1);
        InetSocketAddress a = s.address();
        String endpoint = a == null ? "-" : "127.0.0.1:" + a.getPort();
        if (sample == null || !sample.reachable()) {
            ShardInfo last = lastSeen.get(s.id());
            ShardState state = switch (s.state()) {
                case CRASHED -> ShardState.CRASHED;
                case STOPPED -> ShardState.STOPPED;
                case RUNNING -> ShardState.UNREACHABLE;
            };
            ReplicationInfo repl = last != null ? last.replication() : new ReplicationInfo(
                    s.isPrimary() ? Role.PRIMARY : Role.REPLICA, ReplicationInfo.NO_REPLID, ReplicationInfo.NO_REPLID, 0, -1,
                    new dev.syncer.views.model.port.BacklogInfo(false, 0, 0, 0), List.of(), Optional.empty(), "no-failover");
            return new ShardInfo(s.id(), name, s.cluster(), s.node(), s.database(), endpoint, state, repl,
                    last != null ? last.stats() : ShardStats.NONE, Optional.empty());
        }
        ReplicationInfo repl = ShardInfos.replication(sample.replication(), sample.info(),
                ep -> Optional.ofNullable(byEndpoint.get(ep)));
        String peer = s.upstream() == null ? "" : s.upstream().id();
        ShardState state = sample.info().getLong("loading", 0) == 1 ? ShardState.LOADING : ShardState.RUNNING;
        return new ShardInfo(s.id(), name, s.cluster(), s.node(), s.database(), endpoint, state, repl,
                ShardInfos.stats(sample.info()), ShardInfos.fullSync(sample.info(), peer));
    }

    /** Syncer status from the {@code # Syncers} INFO section every shard of an Active-Active instance carries. */
    private static List<SyncerInfo> syncers(List<LabShard> running, Map<String, RedisProbe.Sample> sampleOf) {
        Map<String, SyncerInfo> byId = new java.util.LinkedHashMap<>();
        for (LabShard s : running) {
            RedisProbe.Sample sample = sampleOf.get(s.id());
            if (sample != null && sample.reachable() && s.isPrimary()) {
                SyncerInfos.from(sample.info()).forEach(info -> byId.put(info.id(), info));
            }
        }
        return List.copyOf(byId.values());
    }

    private List<ClusterInfo> clusters() {
        return lab.clusters().stream().map(c -> new ClusterInfo(c, c)).toList();
    }

    private List<NodeInfo> nodes() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (String c : lab.clusters()) {
            for (String n : lab.nodes(c)) {
                nodes.add(new NodeInfo(n, c, n.substring(n.indexOf('-') + 1), "127.0.0.1", true));
            }
        }
        return nodes;
    }

    private List<DatabaseInfo> databases() {
        List<DatabaseInfo> out = new ArrayList<>();
        for (Topology.DatabaseSpec spec : lab.topology().databases()) {
            List<ProxyInfo> proxies = new ArrayList<>();
            for (DatabaseInstance i : lab.instances()) {
                if (i.database().equals(spec.name()) && i.proxy() != null) {
                    Optional<String> target;
                    try {
                        LabShard p = i.primary();
                        target = p.shard() == null ? Optional.empty() : Optional.of(p.id());
                    } catch (IllegalStateException e) {
                        target = Optional.empty();
                    }
                    proxies.add(new ProxyInfo(i.cluster(), "127.0.0.1:" + i.proxy().port(), target));
                }
            }
            out.add(new DatabaseInfo(spec.name(), spec.name(), spec.activeActive(), proxies, lab.writeLoadRate(spec.name())));
        }
        return out;
    }

    private List<LinkFaultInfo> syncerFaults() {
        List<LinkFaultInfo> out = new ArrayList<>();
        for (LabSyncers.Entry e : lab.syncers()) {
            dev.syncer.engine.lab.LinkFault f = e.link().fault();
            if (!f.healthy()) {
                out.add(new LinkFaultInfo(LinkRef.syncer(e.syncer().spec().id()), f.cut() ? LinkFaultInfo.Kind.CUT : LinkFaultInfo.Kind.DELAYED,
                        Duration.ofMillis(f.delayMillis())));
            }
        }
        return out;
    }

    private static List<LinkFaultInfo> faults(List<LabShard> shards) {
        List<LinkFaultInfo> out = new ArrayList<>();
        for (LabShard s : shards) {
            Proxy link = s.link();
            if (link != null && !link.fault().healthy()) {
                dev.syncer.engine.lab.LinkFault f = link.fault();
                out.add(new LinkFaultInfo(LinkRef.replication(s.id()), f.cut() ? LinkFaultInfo.Kind.CUT : LinkFaultInfo.Kind.DELAYED,
                        Duration.ofMillis(f.delayMillis())));
            }
        }
        return out;
    }
}
