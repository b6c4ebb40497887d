package dev.syncer.engine.activeactive;

import dev.syncer.engine.testing.TestClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Several Active-Active primaries (one per cluster) sharing a manual clock, with the syncers'
 * job done by hand: each shard's propagated deltas of its own origin are delivered to the others.
 */
final class AaDeployment implements AutoCloseable {

    final TestClock clock;
    final List<AaNode> nodes = new ArrayList<>();

    AaDeployment(long startMillis, String... origins) {
        this(startMillis, new long[origins.length], origins);
    }

    /** Clusters whose clocks are off the shared time by the given offsets (ms). */
    AaDeployment(long startMillis, long[] skews, String... origins) {
        clock = new TestClock(startMillis);
        for (int i = 0; i < origins.length; i++) {
            nodes.add(AaNode.primary(origins[i], clock.skewed(skews[i])));
        }
    }

    AaNode node(int i) {
        return nodes.get(i);
    }

    /** Delivers what every shard propagated to every other shard, as the syncers would, until all is quiet. */
    void exchange() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (AaNode source : nodes) {
                List<AaNode.Propagated> out = source.drain();
                for (AaNode.Propagated p : out) {
                    if (!source.origin().equals(p.origin())) {
                        continue; // not written here: a syncer forwards only the source cluster's own writes
                    }
                    for (AaNode target : nodes) {
                        if (target != source) {
                            target.deliver(p);
                            moved = true;
                        }
                    }
                }
            }
        }
    }

    /** Expires what is due everywhere and exchanges the resulting tombstones, until nothing changes. */
    void settle() {
        for (AaNode n : nodes) {
            n.expireDueKeys();
        }
        exchange();
        for (AaNode n : nodes) {
            n.expireDueKeys();
        }
        exchange();
    }

    /** Shuffles each source's own deltas into a random interleaving that keeps each source's order. */
    static List<AaNode.Propagated> interleave(List<List<AaNode.Propagated>> perSource, Random random,
                                              double duplicates) {
        List<List<AaNode.Propagated>> queues = new ArrayList<>();
        for (List<AaNode.Propagated> q : perSource) {
            queues.add(new ArrayList<>(q));
        }
        List<AaNode.Propagated> out = new ArrayList<>();
        while (queues.stream().anyMatch(q -> !q.isEmpty())) {
            List<AaNode.Propagated> q = queues.get(random.nextInt(queues.size()));
            if (q.isEmpty()) {
                continue;
            }
            AaNode.Propagated p = q.removeFirst();
            out.add(p);
            if (random.nextDouble() < duplicates) {
                q.add(random.nextInt(q.size() + 1), p); // delivered again later (a resend after a resync)
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (AaNode n : nodes) {
            n.close();
        }
    }
}
