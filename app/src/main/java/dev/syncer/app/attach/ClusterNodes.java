package dev.syncer.app.attach;

import dev.syncer.app.monitor.Target;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code CLUSTER NODES} read: one line per node,
 * {@code <id> <ip:port@cport[,hostname]> <flags> <master-id|-> <ping-sent> <pong-recv> <config-epoch> <link-state> <slot>…}.
 */
final class ClusterNodes {

    /** Trees ordered by their first slot; a shard without slots last. */
    static final Comparator<Deployment.Tree> BY_FIRST_SLOT = Comparator.comparingLong(
            t -> Long.parseLong(t.facts().getOrDefault("first-slot", Long.toString(Long.MAX_VALUE))));

    /** One node as the bus describes it. */
    record Node(String id, String host, int port, String flags, String primaryId, long configEpoch, String linkState,
                List<long[]> slots) {

        boolean primary() {
            return flags.contains("master");
        }

        boolean failing() {
            return flags.contains("fail");
        }
    }

    private ClusterNodes() {
    }

    static List<Node> parse(String text) {
        List<Node> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 8) {
                continue;
            }
            String address = f[1];
            int at = address.indexOf('@');
            String hostPort = at >= 0 ? address.substring(0, at) : address;
            int colon = hostPort.lastIndexOf(':');
            List<long[]> slots = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue; // a slot being imported or migrated
                }
                String[] range = f[i].split("-");
                long from = Long.parseLong(range[0]);
                slots.add(new long[]{from, range.length > 1 ? Long.parseLong(range[1]) : from});
            }
            out.add(new Node(f[0], hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), f[2],
                    f[3], Long.parseLong(f[6]), f[7], slots));
        }
        return out;
    }

    /** The shards from CLUSTER NODES alone: each primary with the replicas naming it. */
    static List<Deployment.Tree> trees(Target credentials, List<Node> bus) {
        List<Deployment.Tree> trees = new ArrayList<>();
        for (Node p : bus) {
            if (!p.primary()) {
                continue;
            }
            List<Deployment.Member> members = new ArrayList<>();
            members.add(member(credentials, p));
            bus.stream().filter(n -> n.primaryId().equals(p.id())).forEach(n -> members.add(member(credentials, n)));
            trees.add(tree(p.slots(), p.id(), members));
        }
        trees.sort(BY_FIRST_SLOT);
        return trees;
    }

    private static Deployment.Member member(Target credentials, Node n) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("node-id", n.id());
        facts.put("health", n.failing() ? "fail" : "online");
        facts.put("flags", n.flags());
        facts.put("config-epoch", Long.toString(n.configEpoch()));
        facts.put("link-state", n.linkState());
        return new Deployment.Member(address(credentials, n.host(), n.port()), n.primary(), facts);
    }

    /**
     * A node's address as the bus gives it, with the asked node's credentials. A node that has not
     * met another yet (a cluster not formed) does not know its own IP and gives an empty one: the
     * address it was asked at is its own then.
     */
    static Target address(Target asked, String host, int port) {
        return asked.at(host == null || host.isBlank() ? asked.host() : host, port);
    }

    /** A shard named by its slot ranges ("slots 0-5460"), which stay when its primary changes. */
    static Deployment.Tree tree(List<long[]> ranges, String primaryId, List<Deployment.Member> members) {
        Map<String, String> facts = new LinkedHashMap<>();
        String slots = ranges.stream().map(r -> r[0] == r[1] ? Long.toString(r[0]) : r[0] + "-" + r[1])
                .collect(Collectors.joining(","));
        facts.put("slots", slots);
        facts.put("slot-count", Long.toString(ranges.stream().mapToLong(r -> r[1] - r[0] + 1).sum()));
        if (!ranges.isEmpty()) {
            facts.put("first-slot", Long.toString(ranges.getFirst()[0]));
        }
        long epoch = members.stream().filter(Deployment.Member::primary)
                .mapToLong(m -> Long.parseLong(m.facts().getOrDefault("config-epoch", "0"))).max().orElse(0);
        facts.put("config-epoch", Long.toString(epoch));
        boolean healthy = members.stream().allMatch(m -> "online".equals(m.facts().get("health")));
        facts.put("health", healthy ? "ok" : "degraded");
        String name = ranges.isEmpty() ? "no slots (" + primaryId.substring(0, Math.min(8, primaryId.length())) + ")"
                : "slots " + slots;
        return new Deployment.Tree(name, members, facts);
    }
}
