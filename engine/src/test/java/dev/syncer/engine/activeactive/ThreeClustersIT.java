package dev.syncer.engine.activeactive;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three complete Active-Active shards (clusters A, B, C) on loopback take random writes of every
 * type from real clients, while each one's CRDT.APPLYs of its own origin are captured from its
 * replication feed and written into the other two, as their syncers will, late and in random
 * interleavings (each source in order, some twice). At the end, what clients read — every key's
 * type, content and TTL, through RESP — is the same on all three.
 */
class ThreeClustersIT {

    /** One cluster: its shard, a client, the feed captured on its loop, and the syncers' session. */
    private static final class Cluster implements AutoCloseable {
        final TestShard shard;
        final String origin;
        final RespClient client;
        final List<AaNode.Propagated> log = new ArrayList<>(); // its own deltas, in order
        final ClientSession writer;
        private final List<AaNode.Propagated> feed = new ArrayList<>(); // loop thread only

        Cluster(String origin) {
            this.origin = origin;
            this.shard = TestShard.start(ActiveActive.ORIGIN_CONFIG, origin);
            Shard s = shard.shard();
            this.writer = s.call(() -> {
                s.setFeed((db, argv) -> feed.add(new AaNode.Propagated(db, argv)));
                return s.internalClient(ClientSession.Kind.NORMAL);
            });
            this.client = shard.raw();
        }

        /** Moves what the shard propagated with its own origin into the log. */
        void collect() {
            List<AaNode.Propagated> out = shard.shard().call(() -> {
                List<AaNode.Propagated> copy = new ArrayList<>(feed);
                feed.clear();
                return copy;
            });
            out.stream().filter(p -> origin.equals(p.origin())).forEach(log::add);
        }

        void apply(AaNode.Propagated p) {
            Shard s = shard.shard();
            Object reply = s.call(() -> {
                writer.select(p.db());
                ByteBuf out = Unpooled.buffer();
                s.dispatcher().execute(writer, p.argv(), new Reply(out));
                Object r = RespReplyParser.parse(out);
                out.release();
                return r;
            });
            assertThat(reply).isEqualTo("OK");
        }

        @Override
        public void close() {
            client.close();
            shard.close();
        }
    }

    @Test
    void threeClustersReadTheSameDataOnceEveryDeltaIsDelivered() {
        Random random = new Random(7);
        RandomCommands commands = new RandomCommands(random, true, 600_000);
        List<Cluster> clusters = List.of(new Cluster("A"), new Cluster("B"), new Cluster("C"));
        try {
            int[][] delivered = new int[3][3]; // [source][target]: how much of source's log target applied
            for (int step = 0; step < 1500; step++) {
                Cluster c = clusters.get(random.nextInt(3));
                c.client.call(commands.next(System.currentTimeMillis()));
                c.collect();
                if (random.nextInt(3) == 0) {
                    int source = random.nextInt(3);
                    int target = (source + 1 + random.nextInt(2)) % 3;
                    List<AaNode.Propagated> log = clusters.get(source).log;
                    for (int n = random.nextInt(8); n > 0 && delivered[source][target] < log.size(); n--) {
                        clusters.get(target).apply(log.get(delivered[source][target]++));
                    }
                    if (delivered[source][target] > 0 && random.nextInt(4) == 0) {
                        clusters.get(target).apply(log.get(random.nextInt(delivered[source][target]))); // again
                    }
                }
            }
            for (int source = 0; source < 3; source++) {
                clusters.get(source).collect();
                for (int target = 0; target < 3; target++) {
                    List<AaNode.Propagated> log = clusters.get(source).log;
                    while (target != source && delivered[source][target] < log.size()) {
                        clusters.get(target).apply(log.get(delivered[source][target]++));
                    }
                }
            }
            TreeMap<String, String> a = RespDataset.read(clusters.get(0).client);
            assertThat(a).hasSizeGreaterThan(5);
            assertThat(RespDataset.read(clusters.get(1).client)).isEqualTo(a);
            assertThat(RespDataset.read(clusters.get(2).client)).isEqualTo(a);
        } finally {
            clusters.forEach(Cluster::close);
        }
    }
}
