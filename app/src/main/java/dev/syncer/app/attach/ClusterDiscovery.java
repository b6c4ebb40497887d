package dev.syncer.app.attach;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.Target;
import io.lettuce.core.RedisCommandExecutionException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery through the cluster bus: {@code CLUSTER SHARDS} (Redis 7) gives one tree per shard
 * with its slot ranges, health and offsets; {@code CLUSTER NODES} gives the epochs and flags, and
 * the shards themselves on a server without CLUSTER SHARDS. Asks the seed, then any node it knows.
 */
final class ClusterDiscovery implements Discovery {

    private final Target seed;
    private final ProbePool probes;
    private final Askable nodes;
    private boolean shardsSupported = true;

    ClusterDiscovery(Target seed, ProbePool probes) {
        this.seed = seed;
        this.probes = probes;
        this.nodes = new Askable(seed, "cluster node");
    }

    @Override
    public DeploymentKind kind() {
        return DeploymentKind.CLUSTER;
    }

    @Override
    public Deployment discover() {
        Deployment d = nodes.ask(this::discoverThrough);
        nodes.learn(d.servers());
        return d;
    }

    private Deployment discoverThrough(Target node) {
        var probe = probes.probe(node);
        List<ClusterNodes.Node> bus = ClusterNodes.parse(String.valueOf(probe.call("CLUSTER", "NODES").get(0)));
        List<Deployment.Tree> trees = null;
        if (shardsSupported) {
            try {
                trees = fromShards(node, probe.call("CLUSTER", "SHARDS"), bus);
            } catch (RedisCommandExecutionException e) {
                shardsSupported = false; // before Redis 7: CLUSTER NODES says it all
            }
        }
        if (trees == null) {
            trees = ClusterNodes.trees(node, bus);
        }
        return new Deployment(DeploymentKind.CLUSTER, seed, trees, List.of());
    }

    /** CLUSTER SHARDS into trees, each member with its node's epoch and flags from CLUSTER NODES. */
    static List<Deployment.Tree> fromShards(Target credentials, List<Object> reply, List<ClusterNodes.Node> bus) {
        Map<String, ClusterNodes.Node> byId = new LinkedHashMap<>();
        bus.forEach(n -> byId.put(n.id(), n));
        List<Deployment.Tree> trees = new ArrayList<>();
        for (Map<String, Object> shard : Replies.maps(reply)) {
            List<long[]> ranges = new ArrayList<>();
            if (shard.get("slots") instanceof List<?> bounds) {
                for (int i = 0; i + 1 < bounds.size(); i += 2) {
                    ranges.add(new long[]{Long.parseLong(String.valueOf(bounds.get(i))),
                            Long.parseLong(String.valueOf(bounds.get(i + 1)))});
                }
            }
            List<Deployment.Member> members = new ArrayList<>();
            List<Map<String, Object>> shardNodes = shard.get("nodes") instanceof List<?> l ? Replies.maps(l) : List.of();
            String primaryId = "";
            for (Map<String, Object> n : shardNodes) {
                String id = Replies.text(n, "id");
                boolean primary = "master".equals(Replies.text(n, "role"));
                primaryId = primary ? id : primaryId;
                Map<String, String> facts = new LinkedHashMap<>();
                facts.put("node-id", id);
                facts.put("health", Replies.text(n, "health"));
                facts.put("replication-offset", Replies.text(n, "replication-offset"));
                ClusterNodes.Node known = byId.get(id);
                if (known != null) {
                    facts.put("flags", known.flags());
                    facts.put("config-epoch", Long.toString(known.configEpoch()));
                    facts.put("link-state", known.linkState());
                }
                members.add(new Deployment.Member(ClusterNodes.address(credentials, Replies.text(n, "ip"), Replies.port(n)),
                        primary, facts));
            }
            members.sort((a, b) -> Boolean.compare(b.primary(), a.primary()));
            trees.add(ClusterNodes.tree(ranges, primaryId, members));
        }
        trees.sort(ClusterNodes.BY_FIRST_SLOT);
        return trees;
    }
}
