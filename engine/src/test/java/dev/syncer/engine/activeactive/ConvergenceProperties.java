package dev.syncer.engine.activeactive;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three Active-Active shards (clusters A, B, C, clocks a few ms apart) take random writes of every
 * type on the same few keys, while their deltas are delivered to each other late, in random
 * interleavings (each source's order kept, some deltas delivered twice), with keys expiring along
 * the way. Once everything is delivered, all three show the same data and TTLs and hold the same
 * states — and a replica fed with a primary's stream holds exactly what its primary holds.
 */
class ConvergenceProperties {

    private static final long T0 = 1_700_000_000_000L;

    @Property(tries = 10)
    void threeClustersConvergeWhateverTheDeliveryOrder(@ForAll long seed) {
        Random random = new Random(seed);
        long[] skews = {0, random.nextInt(40) - 20, random.nextInt(40) - 20};
        try (AaDeployment d = new AaDeployment(T0, skews, "A", "B", "C");
             AaNode replicaOfA = AaNode.replica("A", d.clock.skewed(skews[0]))) {
            Links links = new Links(d.nodes, random);
            RandomCommands commands = new RandomCommands(random, true, 0);
            for (int step = 0; step < 250; step++) {
                AaNode node = d.node(random.nextInt(3));
                node.call(commands.next(node.shard.clock().millis()));
                d.clock.advance(random.nextInt(8));
                links.collect();
                if (random.nextInt(4) == 0) {
                    links.deliverSome();
                }
                if (random.nextInt(25) == 0) {
                    d.node(random.nextInt(3)).expireDueKeys();
                }
                replicate(d.node(0), replicaOfA);
            }
            do {
                for (AaNode n : d.nodes) {
                    n.expireDueKeys();
                }
                links.collect();
            } while (links.deliverAll());
            replicate(d.node(0), replicaOfA);

            String dataset = d.node(0).dataset();
            String states = d.node(0).states();
            for (AaNode n : d.nodes) {
                assertThat(n.dataset()).as("data at " + n.origin()).isEqualTo(dataset);
                assertThat(n.states()).as("states at " + n.origin()).isEqualTo(states);
            }
            assertThat(replicaOfA.dataset()).as("data at A's replica").isEqualTo(dataset);
            assertThat(replicaOfA.states()).as("states at A's replica").isEqualTo(states);
        }
    }

    /** A primary's whole stream, applied by its replica through the master link. */
    private static void replicate(AaNode primary, AaNode replica) {
        for (AaNode.Propagated p : primary.drainForReplica()) {
            replica.deliver(p);
        }
    }

    /** The syncers between the clusters: per source and target, a cursor into the source's own deltas. */
    private static final class Links {
        private final List<AaNode> nodes;
        private final Random random;
        private final List<List<AaNode.Propagated>> logs = new ArrayList<>();
        private final int[][] cursors;

        Links(List<AaNode> nodes, Random random) {
            this.nodes = nodes;
            this.random = random;
            for (int i = 0; i < nodes.size(); i++) {
                logs.add(new ArrayList<>());
            }
            cursors = new int[nodes.size()][nodes.size()];
        }

        /** Takes what each source propagated that originated there (what its syncers forward). */
        void collect() {
            for (int i = 0; i < nodes.size(); i++) {
                AaNode source = nodes.get(i);
                for (AaNode.Propagated p : source.drain()) {
                    if (source.origin().equals(p.origin())) {
                        logs.get(i).add(p);
                    }
                }
            }
        }

        void deliverSome() {
            int target = random.nextInt(nodes.size());
            int source = random.nextInt(nodes.size());
            if (source == target) {
                return;
            }
            List<AaNode.Propagated> log = logs.get(source);
            int n = random.nextInt(6);
            for (int i = 0; i < n && cursors[source][target] < log.size(); i++) {
                nodes.get(target).deliver(log.get(cursors[source][target]++));
            }
            if (cursors[source][target] > 0 && random.nextInt(5) == 0) {
                nodes.get(target).deliver(log.get(random.nextInt(cursors[source][target]))); // a duplicate
            }
        }

        /** Delivers everything pending; true if anything was. */
        boolean deliverAll() {
            boolean any = false;
            for (int target = 0; target < nodes.size(); target++) {
                List<Integer> sources = new ArrayList<>();
                for (int s = 0; s < nodes.size(); s++) {
                    if (s != target) {
                        sources.add(s);
                    }
                }
                while (!sources.isEmpty()) {
                    int s = sources.get(random.nextInt(sources.size()));
                    if (cursors[s][target] >= logs.get(s).size()) {
                        sources.remove(Integer.valueOf(s));
                        continue;
                    }
                    nodes.get(target).deliver(logs.get(s).get(cursors[s][target]++));
                    any = true;
                }
            }
            return any;
        }
    }
}
