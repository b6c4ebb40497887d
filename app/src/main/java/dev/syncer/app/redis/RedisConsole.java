package dev.syncer.app.redis;

import dev.syncer.app.adapter.Hub;
import dev.syncer.app.adapter.Poller;
import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.adapter.ShardInfos;
import dev.syncer.app.adapter.SyncEvents;
import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.ReplicationState;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.monitor.TopologyCrawler;
import dev.syncer.views.model.port.ClusterInfo;
import dev.syncer.views.model.port.ConsolePorts;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.NodeInfo;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.TopologySnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console attached to real Redis: from one seed it discovers the whole replication tree
 * (replicas through INFO replication, primaries through master_host) and keeps polling it with
 * Lettuce. Newly attached replicas are found by a periodic re-crawl.
 */
public final class RedisConsole implements AutoCloseable {

    public static final Duration POLL_PERIOD = Duration.ofMillis(250);
    private static final int ROUNDS_PER_CRAWL = 8;
    private static final String CLUSTER = "redis";
    private static final String DATABASE = "db";

    private final Target seed;
    private final ProbePool probes = new ProbePool();
    private final Hub hub = new Hub();
    private final RedisOperationsPort operations;
    private final Poller poller;
    private final Map<Target, ShardInfo> lastSeen = new LinkedHashMap<>();
    private List<Target> known = List.of();
    private int round;

    public RedisConsole(Target seed) {
        this.seed = seed;
        this.operations = new RedisOperationsPort(probes, hub, seed);
        this.poller = new Poller("redis-poller", POLL_PERIOD, this::round);
    }

    public ConsolePorts ports() {
        return new ConsolePorts("redis://" + seed.id(), hub, hub.events(), operations);
    }

    private void round() {
        if (round++ % ROUNDS_PER_CRAWL == 0 || known.isEmpty()) {
            Set<Target> found = new LinkedHashSet<>(known);
            found.addAll(TopologyCrawler.crawl(seed, t -> probes.probe(t).poll().replication()).keySet());
            known = List.copyOf(found);
        }
        List<RedisProbe.Sample> samples = probes.poll(known);
        List<ShardInfo> shards = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (RedisProbe.Sample sample : samples) {
            Target t = sample.target();
            hosts.add(t.host());
            ShardInfo info = sample.reachable() ? shardInfo(sample) : unreachable(t);
            lastSeen.put(t, info);
            shards.add(info);
            for (InfoFields e : sample.events()) {
                hub.publish(SyncEvents.from(e, t.id(), Optional::of, Optional.empty()));
            }
        }
        List<NodeInfo> nodes = hosts.stream().map(h -> new NodeInfo(h, CLUSTER, h, h, true)).toList();
        hub.publish(new TopologySnapshot(Instant.now(), List.of(new ClusterInfo(CLUSTER, seed.host())), nodes,
                List.of(new DatabaseInfo(DATABASE, "replication tree of " + seed.id(), false, List.of(), 0)),
                shards, List.of(), List.of()));
    }

    private static ShardInfo shardInfo(RedisProbe.Sample sample) {
        Target t = sample.target();
        ReplicationState s = sample.replication();
        String peer = s.primary() ? "" : s.masterHost() + ":" + s.masterPort();
        ShardState state = sample.info().getLong("loading", 0) == 1 ? ShardState.LOADING : ShardState.RUNNING;
        return new ShardInfo(t.id(), ":" + t.port(), CLUSTER, t.host(), DATABASE, t.id(), state,
                ShardInfos.replication(s, sample.info(), Optional::of), ShardInfos.stats(sample.info()),
                ShardInfos.fullSync(sample.info(), peer));
    }

    private ShardInfo unreachable(Target t) {
        ShardInfo last = lastSeen.get(t);
        if (last == null) {
            return new ShardInfo(t.id(), ":" + t.port(), CLUSTER, t.host(), DATABASE, t.id(), ShardState.UNREACHABLE,
                    new dev.syncer.views.model.port.ReplicationInfo(dev.syncer.views.model.port.Role.PRIMARY,
                            dev.syncer.views.model.port.ReplicationInfo.NO_REPLID,
                            dev.syncer.views.model.port.ReplicationInfo.NO_REPLID, 0, -1,
                            new dev.syncer.views.model.port.BacklogInfo(false, 0, 0, 0), List.of(), Optional.empty(),
                            "no-failover"),
                    dev.syncer.views.model.port.ShardStats.NONE, Optional.empty());
        }
        return new ShardInfo(last.id(), last.name(), last.clusterId(), last.nodeId(), last.databaseId(), last.endpoint(),
                ShardState.UNREACHABLE, last.replication(), last.stats(), Optional.empty());
    }

    @Override
    public void close() {
        poller.close();
        operations.close();
        probes.close();
    }
}
