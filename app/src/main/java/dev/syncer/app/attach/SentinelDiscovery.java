package dev.syncer.app.attach;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery through Sentinel: {@code SENTINEL MASTERS} names the trees, {@code SENTINEL REPLICAS}
 * and {@code SENTINELS} fill them. Asks the seed first and, when it does not answer, the other
 * sentinels it named.
 */
final class SentinelDiscovery implements Discovery {

    private final Target seed;
    private final ProbePool probes;
    private final Askable sentinels;

    SentinelDiscovery(Target seed, ProbePool probes) {
        this.seed = seed;
        this.probes = probes;
        this.sentinels = new Askable(seed, "sentinel");
    }

    @Override
    public DeploymentKind kind() {
        return DeploymentKind.SENTINEL;
    }

    @Override
    public Deployment discover() {
        return sentinels.ask(this::discoverThrough);
    }

    private Deployment discoverThrough(Target sentinel) {
        var probe = probes.probe(sentinel);
        List<Deployment.Tree> trees = new ArrayList<>();
        Map<Target, Deployment.Member> watchers = new LinkedHashMap<>();
        watchers.put(sentinel, new Deployment.Member(sentinel, false, Map.of("flags", "sentinel", "asked", "true")));
        for (Map<String, Object> master : Replies.maps(probe.call("SENTINEL", "MASTERS"))) {
            String name = Replies.text(master, "name");
            List<Map<String, Object>> replicas = Replies.maps(probe.call("SENTINEL", "REPLICAS", name));
            trees.add(tree(sentinel, master, replicas));
            for (Map<String, Object> s : Replies.maps(probe.call("SENTINEL", "SENTINELS", name))) {
                Target t = sentinel.at(Replies.text(s, "ip"), Replies.port(s));
                watchers.putIfAbsent(t, new Deployment.Member(t, false, Map.of("flags", Replies.text(s, "flags"))));
            }
        }
        sentinels.learn(List.copyOf(watchers.keySet()));
        return new Deployment(DeploymentKind.SENTINEL, seed, trees, List.copyOf(watchers.values()));
    }

    /** One monitored master name: its master and replicas, with Sentinel's flags and quorum. */
    static Deployment.Tree tree(Target credentials, Map<String, Object> master, List<Map<String, Object>> replicas) {
        List<Deployment.Member> members = new ArrayList<>();
        members.add(new Deployment.Member(credentials.at(Replies.text(master, "ip"), Replies.port(master)), true,
                Map.of("flags", Replies.text(master, "flags"))));
        for (Map<String, Object> r : replicas) {
            members.add(new Deployment.Member(credentials.at(Replies.text(r, "ip"), Replies.port(r)), false,
                    Map.of("flags", Replies.text(r, "flags"),
                            "master-link-status", Replies.text(r, "master-link-status"))));
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (String f : List.of("quorum", "flags", "num-other-sentinels", "config-epoch", "failover-state")) {
            if (master.containsKey(f)) {
                facts.put(f, Replies.text(master, f));
            }
        }
        String flags = Replies.text(master, "flags");
        facts.put("o_down", Boolean.toString(flags.contains("o_down")));
        facts.put("s_down", Boolean.toString(flags.contains("s_down")));
        return new Deployment.Tree(Replies.text(master, "name"), members, facts);
    }
}
