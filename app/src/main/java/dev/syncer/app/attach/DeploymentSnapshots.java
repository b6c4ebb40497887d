package dev.syncer.app.attach;

import dev.syncer.app.adapter.ShardInfos;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.ReplicationState;
import dev.syncer.app.monitor.Target;
import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.ClusterInfo;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.NodeInfo;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.ShardStats;
import dev.syncer.views.model.port.TopologySnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A deployment and one round of INFO samples as the console's snapshot: one database per tree
 * (named as discovery named it), one node per host, and a server that stopped answering kept with
 * its last seen figures, marked unreachable.
 */
public final class DeploymentSnapshots {

    private final Map<Target, ShardInfo> lastSeen = new LinkedHashMap<>();

    /** The cluster id the snapshot puts every server in: the deployment's kind. */
    public static String clusterId(Deployment d) {
        return d.kind().word();
    }

    public TopologySnapshot snapshot(Deployment deployment, List<RedisProbe.Sample> samples) {
        String cluster = clusterId(deployment);
        List<ShardInfo> shards = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (RedisProbe.Sample sample : samples) {
            Target t = sample.target();
            String tree = deployment.treeOf(t).map(Deployment.Tree::name).orElse("unassigned");
            hosts.add(t.host());
            ShardInfo info = sample.reachable() ? shardInfo(sample, cluster, tree) : unreachable(t, cluster, tree);
            lastSeen.put(t, info);
            shards.add(info);
        }
        List<NodeInfo> nodes = hosts.stream().map(h -> new NodeInfo(h, cluster, h, h, true)).toList();
        List<DatabaseInfo> databases = deployment.trees().stream()
                .map(t -> new DatabaseInfo(t.name(), t.name() + describe(t), false, List.of(), 0)).toList();
        return new TopologySnapshot(Instant.now(), List.of(new ClusterInfo(cluster, title(deployment))), nodes,
                databases, shards, List.of(), List.of());
    }

    /** "Sentinel at 10.0.0.5:26379": what the operator attached to. */
    static String title(Deployment d) {
        return switch (d.kind()) {
            case SENTINEL -> "Sentinel at " + d.seed().id() + " (" + d.sentinels().size() + " sentinels)";
            case CLUSTER -> "Redis Cluster at " + d.seed().id();
            case STANDALONE -> "Redis at " + d.seed().id();
        };
    }

    /** The tree's headline facts: " · quorum 2 · o_down" or " · epoch 7 · degraded". */
    static String describe(Deployment.Tree t) {
        List<String> parts = new ArrayList<>();
        Optional.ofNullable(t.facts().get("quorum")).ifPresent(q -> parts.add("quorum " + q));
        if ("true".equals(t.facts().get("o_down"))) {
            parts.add("o_down");
        } else if ("true".equals(t.facts().get("s_down"))) {
            parts.add("s_down");
        }
        Optional.ofNullable(t.facts().get("config-epoch")).ifPresent(e -> parts.add("epoch " + e));
        if ("degraded".equals(t.facts().get("health"))) {
            parts.add("degraded");
        }
        return parts.stream().map(p -> " · " + p).collect(Collectors.joining());
    }

    private static ShardInfo shardInfo(RedisProbe.Sample sample, String cluster, String tree) {
        Target t = sample.target();
        ReplicationState s = sample.replication();
        String peer = s.primary() ? "" : s.masterHost() + ":" + s.masterPort();
        ShardState state = sample.info().getLong("loading", 0) == 1 ? ShardState.LOADING : ShardState.RUNNING;
        return new ShardInfo(t.id(), ":" + t.port(), cluster, t.host(), tree, t.id(), state,
                ShardInfos.replication(s, sample.info(), Optional::of), ShardInfos.stats(sample.info()),
                ShardInfos.fullSync(sample.info(), peer));
    }

    private ShardInfo unreachable(Target t, String cluster, String tree) {
        ShardInfo last = lastSeen.get(t);
        if (last == null) {
            return new ShardInfo(t.id(), ":" + t.port(), cluster, t.host(), tree, t.id(), ShardState.UNREACHABLE,
                    new ReplicationInfo(Role.PRIMARY, ReplicationInfo.NO_REPLID, ReplicationInfo.NO_REPLID, 0, -1,
                            new BacklogInfo(false, 0, 0, 0), List.of(), Optional.empty(), "no-failover"),
                    ShardStats.NONE, Optional.empty());
        }
        return new ShardInfo(last.id(), last.name(), last.clusterId(), last.nodeId(), tree, last.endpoint(),
                ShardState.UNREACHABLE, last.replication(), last.stats(), Optional.empty());
    }
}
