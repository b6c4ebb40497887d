package dev.syncer.engine.replication;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitCaughtUp;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static dev.syncer.engine.testing.ReplicationWaits.info;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty rounds of faults under a steady write load: replication links cut from either end,
 * replicas restarted (saved or crashed) and coordinated failovers. A write counts as acknowledged
 * when WAIT 1 confirms it reached a replica; at the end every acknowledged write is on the
 * surviving primary and every replica holds exactly its data.
 *
 * <p>The faults come from a seeded random; the seed is printed at the start and named in any
 * failure, and {@code -Dfaultit.seed=N} replays a run.
 */
class FaultIT {

    private static final int ROUNDS = 20;

    /** One shard of the group, restartable in its own directory. */
    private static final class Node {
        final Path dir;
        TestShard shard;

        Node(Path dir, TestShard shard) {
            this.dir = dir;
            this.shard = shard;
        }

        int port() {
            return shard.port();
        }
    }

    private volatile int primaryPort;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    /** Every node, closed whatever happens. */
    private final List<Node> nodes = new ArrayList<>();

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("fault");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestShard start(Path dir, Integer primary) {
        return primary == null ? TestShard.start(dir, "repl-diskless-sync-delay", "0")
                : TestShard.start(dir, "replicaof", "127.0.0.1 " + primary, "repl-diskless-sync-delay", "0");
    }

    /** Writes w:n = n, and records n once WAIT 1 says a replica has it. */
    private void writeLoop() {
        RespClient client = null;
        int connectedTo = -1;
        for (long n = 0; writing.get(); n++) {
            try {
                if (client == null || connectedTo != primaryPort) {
                    if (client != null) {
                        client.close();
                    }
                    connectedTo = primaryPort;
                    client = RespClient.connect(connectedTo);
                }
                String key = "w:" + n;
                if ("OK".equals(client.call("SET", key, Long.toString(n)))
                        && client.call("WAIT", "1", "2000") instanceof Long acks && acks >= 1) {
                    acknowledged.put(key, Long.toString(n));
                }
            } catch (RuntimeException e) {
                if (client != null) {
                    client.close();
                }
                client = null; // the primary moved or a connection was cut: reconnect
            }
        }
        if (client != null) {
            client.close();
        }
    }

    /**
     * With writes flowing, a replica is fine once it reaches the primary's offset of now; and a
     * replica's own master_repl_offset (what its sub-replicas and a failover trust) is always
     * exactly what it applied, as one INFO reads both on the shard's loop.
     */
    private static void awaitAllCaughtUp(Node primary, List<Node> replicas) {
        for (Node r : replicas) {
            awaitCaughtUp(primary.port(), r.port());
            Map<String, String> i = info(r.port(), "replication");
            if ("up".equals(i.get("master_link_status"))) {
                assertThat(i.get("master_repl_offset")).as("replica %d: master_repl_offset against slave_repl_offset",
                        r.port()).isEqualTo(i.get("slave_repl_offset"));
            }
        }
    }

    @Test
    @Timeout(120)
    void acknowledgedWritesSurviveLinkCutsRestartsAndFailovers() throws Exception {
        long seed = Long.getLong("faultit.seed", System.nanoTime());
        System.out.println("FaultIT seed " + seed + " (replay with -Dfaultit.seed=" + seed + ")");
        List<String> actions = new ArrayList<>();
        try {
            run(new Random(seed), actions);
        } catch (Throwable t) {
            throw new AssertionError("FaultIT failed with -Dfaultit.seed=" + seed + ", actions " + actions
                    + replicationState(), t);
        } finally {
            for (Node n : nodes) {
                n.shard.close();
            }
        }
    }

    /** Each node's INFO replication now, so a failure tells which replica stood where. */
    private String replicationState() {
        StringBuilder b = new StringBuilder();
        for (Node n : nodes) {
            try {
                b.append("\n--- ").append(n.port()).append(' ').append(info(n.port(), "replication"));
            } catch (RuntimeException e) {
                b.append("\n--- ").append(n.port()).append(" unreachable: ").append(e);
            }
        }
        return b.toString();
    }

    private void run(Random random, List<String> actions) throws Exception {
        Node primary = new Node(tempDir(), null);
        primary.shard = start(primary.dir, null);
        nodes.add(primary);
        List<Node> replicas = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path dir = tempDir();
            replicas.add(new Node(dir, start(dir, primary.port())));
        }
        nodes.addAll(replicas);
        primaryPort = primary.port();
        for (Node r : replicas) {
            awaitInSync(primary.port(), r.port()); // no writes yet; the first replica changed the replid
        }
        Thread writer = new Thread(this::writeLoop, "fault-writer");
        writer.start();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                await("writes flowing").until(() -> acknowledged.size() > 0);
                Node replica = replicas.get(random.nextInt(replicas.size()));
                switch (random.nextInt(5)) {
                    case 0 -> {
                        actions.add("kill replica links");
                        try (RespClient c = primary.shard.raw()) {
                            c.call("CLIENT", "KILL", "TYPE", "replica");
                        }
                    }
                    case 1 -> {
                        actions.add("kill master link of " + replica.port());
                        try (RespClient c = replica.shard.raw()) {
                            c.call("CLIENT", "KILL", "TYPE", "master");
                        }
                    }
                    case 2 -> {
                        actions.add("restart " + replica.port() + " after SAVE");
                        try (RespClient c = replica.shard.raw()) {
                            c.call("SAVE");
                        }
                        replica.shard.close();
                        replica.shard = start(replica.dir, primary.port());
                    }
                    case 3 -> {
                        actions.add("crash " + replica.port());
                        replica.shard.shard().crash();
                        replica.shard.close();
                        replica.shard = start(replica.dir, primary.port());
                    }
                    default -> {
                        actions.add("failover " + primary.port() + " -> " + replica.port());
                        try (RespClient c = primary.shard.raw()) {
                            assertThat(c.call("FAILOVER", "TO", "127.0.0.1", Integer.toString(replica.port()))).isEqualTo("OK");
                        }
                        Node target = replica;
                        Node old = primary;
                        await("failover done").until(() -> "master".equals(field(target.port(), "replication", "role"))
                                && "no-failover".equals(field(old.port(), "replication", "master_failover_state")));
                        replicas.remove(target);
                        replicas.add(primary);
                        primary = target;
                        primaryPort = primary.port();
                        for (Node r : replicas) {
                            try (RespClient c = r.shard.raw()) {
                                c.call("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
                            }
                        }
                    }
                }
                awaitAllCaughtUp(primary, replicas);
            }
        } finally {
            writing.set(false);
            writer.join(10_000);
        }
        for (Node r : replicas) {
            awaitInSync(primary.port(), r.port()); // writes stopped: exact equality
        }
        assertThat(acknowledged).hasSizeGreaterThan(ROUNDS);
        try (RespClient c = primary.shard.raw()) {
            for (Map.Entry<String, String> w : acknowledged.entrySet()) {
                assertThat(RespClient.text(c.call("GET", w.getKey())))
                        .isEqualTo(w.getValue());
            }
        }
        String expected = digest(primary.port());
        for (Node r : replicas) {
            assertThat(digest(r.port())).as("replica %d", r.port()).isEqualTo(expected);
        }
    }
}
