package dev.syncer.app.attach;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.ReplicationState;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.monitor.TopologyCrawler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain primary with hand-set replicas: the crawler walks INFO replication up and down from the
 * seed. Servers seen once are kept, so a replica that is down for a while stays in its tree.
 */
final class StandaloneDiscovery implements Discovery {

    private final Target seed;
    private final ProbePool probes;
    private final Set<Target> known = new LinkedHashSet<>();

    StandaloneDiscovery(Target seed, ProbePool probes) {
        this.seed = seed;
        this.probes = probes;
    }

    @Override
    public DeploymentKind kind() {
        return DeploymentKind.STANDALONE;
    }

    @Override
    public Deployment discover() {
        Map<Target, ReplicationState> found = new LinkedHashMap<>();
        for (Target from : starts()) {
            if (!found.containsKey(from)) {
                found.putAll(TopologyCrawler.crawl(from, t -> probes.probe(t).poll().replication()));
            }
        }
        known.addAll(found.keySet());
        return new Deployment(DeploymentKind.STANDALONE, seed, List.of(tree(found)), List.of());
    }

    private List<Target> starts() {
        List<Target> starts = new ArrayList<>();
        starts.add(seed);
        starts.addAll(known);
        return starts;
    }

    /**
     * One tree: a failover changes which server is primary, not what the tree is, so it is named
     * for the deployment rather than for a node.
     */
    private Deployment.Tree tree(Map<Target, ReplicationState> found) {
        List<Deployment.Member> members = new ArrayList<>();
        for (Target t : known) {
            ReplicationState s = found.get(t);
            boolean primary = s != null && s.primary();
            members.add(new Deployment.Member(t, primary, Map.of("reachable", Boolean.toString(s != null))));
        }
        members.sort((a, b) -> Boolean.compare(b.primary(), a.primary()));
        return new Deployment.Tree("replication tree", members, Map.of("seed", seed.id()));
    }
}
