package dev.syncer.app.testing;

import dev.syncer.engine.server.InfoText;
import dev.syncer.engine.testing.Cli;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Redis Cluster on loopback for tests: redis-server nodes with {@code --cluster-enabled yes},
 * joined by {@code redis-cli --cluster create … --cluster-replicas 1}, each node a process of ours
 * (bus ports chosen free too: port + 10000 may not exist). Skipped where redis-server is missing.
 */
public final class RealCluster implements AutoCloseable {

    private final List<RealRedis> nodes = new ArrayList<>();

    private RealCluster() {
    }

    /** {@code primaries} shards with one replica each; returns once every node reports cluster_state:ok. */
    public static RealCluster start(int primaries) {
        RealCluster c = launch(primaries, 0);
        c.create();
        return c;
    }

    /**
     * The nodes of {@code primaries} shards with a replica each, started but not joined yet (each
     * its own master without slots); the first on {@code firstPort} when it is not 0.
     */
    public static RealCluster launch(int primaries, int firstPort) {
        Cli.assumeInstalled("redis-cli");
        RealCluster c = new RealCluster();
        try {
            for (int i = 0; i < primaries * 2; i++) {
                c.nodes.add(RealRedis.start(Files.createTempDirectory("cluster-node"), i == 0 ? firstPort : 0,
                        "--cluster-enabled", "yes", "--cluster-port", Integer.toString(RealRedis.freePort()),
                        "--cluster-node-timeout", "2000", "--repl-diskless-sync-delay", "0"));
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** {@code redis-cli --cluster create … --cluster-replicas 1}; returns once every node reports cluster_state:ok. */
    public void create() {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> cmd.add("127.0.0.1:" + n.port()));
        cmd.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Cli.Outcome created = Cli.run(60, cmd);
        if (created.exitCode() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: " + created.output());
        }
        for (RealRedis n : nodes) {
            awaitClusterField(n.port(), "cluster_state", "ok");
            awaitClusterField(n.port(), "cluster_known_nodes", Integer.toString(nodes.size()));
        }
        for (RealRedis n : nodes) {
            if ("slave".equals(ReplicationWaits.field(n.port(), "replication", "role"))) {
                ReplicationWaits.awaitLinkUp(n.port());
            }
        }
        // CLUSTER SHARDS calls a replica "loading" while its offset is 0: move every stream once
        inRole("master").forEach(m -> m.cli("FLUSHALL"));
        RealRedis first = nodes.getFirst();
        ReplicationWaits.await("every node online in CLUSTER SHARDS").until(() ->
                !first.cli("CLUSTER", "SHARDS").contains("loading"));
    }

    /** CLUSTER INFO as field → value. */
    public static Map<String, String> clusterInfo(int port) {
        try (RespClient c = RespClient.connect(port)) {
            return InfoText.fields(RespClient.text(c.call("CLUSTER", "INFO")));
        }
    }

    /** Waits until CLUSTER INFO shows {@code field} at {@code value} on the node at {@code port}. */
    public static void awaitClusterField(int port, String field, String value) {
        ReplicationWaits.await(field + " on cluster node " + port).until(() -> value.equals(clusterInfo(port).get(field)));
    }

    public List<RealRedis> nodes() {
        return List.copyOf(nodes);
    }

    /** The nodes INFO replication reports in {@code role} (master or slave) right now. */
    public List<RealRedis> inRole(String role) {
        return nodes.stream().filter(n -> role.equals(ReplicationWaits.field(n.port(), "replication", "role"))).toList();
    }

    @Override
    public void close() {
        nodes.forEach(RealRedis::close);
    }
}
