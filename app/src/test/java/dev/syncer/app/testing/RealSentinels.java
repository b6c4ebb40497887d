package dev.syncer.app.testing;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sentinel deployment on loopback for tests: one redis-server primary, replicas, and sentinels
 * (Debian's redis-sentinel, or redis-server --sentinel where that package is missing) monitoring it
 * as {@link #MASTER}, each a process of ours stopped by its PID. Sentinels judge a server down after
 * {@link #DOWN_AFTER_MS}, short so tests stay quick. Skipped (not failed) where redis-server is not
 * installed.
 */
public final class RealSentinels implements AutoCloseable {

    public static final String MASTER = "mymaster";
    public static final int DOWN_AFTER_MS = 1000;

    private final RealRedis primary;
    private final List<RealRedis> replicas;
    private final List<Sentinel> sentinels = new ArrayList<>();

    /** One redis-sentinel process. */
    public record Sentinel(Process process, int port, Path dir) {
        void stop() {
            RealRedis.stop(process);
        }
    }

    private RealSentinels(RealRedis primary, List<RealRedis> replicas) {
        this.primary = primary;
        this.replicas = replicas;
    }

    /** Starts the servers and sentinels and waits until every sentinel knows every replica and the other sentinels. */
    public static RealSentinels start(int replicaCount, int sentinelCount) {
        return start(replicaCount, sentinelCount, null);
    }

    /**
     * The same deployment in Valkey 8: valkey-server for the data and, with {@code --sentinel}, for
     * the sentinels. Skipped (not failed) where no valkey-server is found.
     */
    public static RealSentinels startValkey(int replicaCount, int sentinelCount) {
        Path valkey = RealRedis.valkeyServer();
        org.assertj.core.api.Assumptions.assumeThat(valkey).as("valkey-server ($VALKEY_SERVER, or fetched by .ci/run)")
                .isNotNull();
        return start(replicaCount, sentinelCount, valkey);
    }

    private static RealSentinels start(int replicaCount, int sentinelCount, Path valkey) {
        // no diskless-sync delay: replicas that connect one after another need not wait 5 s each
        RealRedis primary = server(valkey, "--repl-diskless-sync-delay", "0");
        List<RealRedis> replicas = new ArrayList<>();
        RealSentinels d = new RealSentinels(primary, replicas);
        try {
            for (int i = 0; i < replicaCount; i++) {
                replicas.add(server(valkey, "--repl-diskless-sync-delay", "0", "--replicaof", "127.0.0.1",
                        Integer.toString(primary.port())));
            }
            replicas.forEach(r -> ReplicationWaits.awaitLinkUp(r.port()));
            for (int i = 0; i < sentinelCount; i++) {
                d.sentinels.add(startSentinel(primary.port(), sentinelCount / 2 + 1, valkey));
            }
            for (Sentinel s : d.sentinels) {
                awaitMasterField(s.port(), "num-slaves", Integer.toString(replicaCount));
                awaitMasterField(s.port(), "num-other-sentinels", Integer.toString(sentinelCount - 1));
            }
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private static RealRedis server(Path valkey, String... options) {
        return valkey == null ? RealRedis.start(options) : RealRedis.startValkey(options);
    }

    private static Sentinel startSentinel(int primaryPort, int quorum, Path valkey) {
        try {
            Path dir = Files.createTempDirectory("sentinel");
            int port = RealRedis.freePort();
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, String.join("\n",
                    "port " + port, "bind 127.0.0.1", "dir " + dir, "logfile " + dir.resolve("sentinel.log"),
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " " + quorum,
                    "sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER_MS,
                    "sentinel failover-timeout " + MASTER + " 10000", ""));
            // Debian's redis-sentinel package only adds a name and a service: redis-server runs it too
            List<String> command = valkey != null ? List.of(valkey.toString(), conf.toString(), "--sentinel")
                    : Files.isExecutable(Path.of("/usr/bin/redis-sentinel"))
                    ? List.of("redis-sentinel", conf.toString()) : List.of("redis-server", conf.toString(), "--sentinel");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Sentinel s = new Sentinel(p, port, dir);
            ReplicationWaits.await("sentinel on port " + port).until(() -> ping(port));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ping(int port) {
        try (RespClient c = RespClient.connect(port)) {
            return "PONG".equals(c.call("PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Waits until SENTINEL MASTER shows {@code field} at {@code value} on the sentinel at {@code port}. */
    public static void awaitMasterField(int port, String field, String value) {
        ReplicationWaits.await(field + " of " + MASTER + " on sentinel " + port).until(() ->
                value.equals(masterField(port, field)));
    }

    /** One field of SENTINEL MASTER {@link #MASTER}. */
    public static String masterField(int port, String field) {
        try (RespClient c = RespClient.connect(port)) {
            if (c.call("SENTINEL", "MASTER", MASTER) instanceof List<?> flat) {
                for (int i = 0; i + 1 < flat.size(); i += 2) {
                    if (field.equals(RespClient.text(flat.get(i)))) {
                        return RespClient.text(flat.get(i + 1));
                    }
                }
            }
            return null;
        }
    }

    /**
     * The port SENTINEL GET-MASTER-ADDR-BY-NAME gives on the sentinel at {@code sentinelPort}: the
     * promoted replica's as soon as it is promoted (SENTINEL MASTER's fields change only at
     * +failover-end).
     */
    public static int primaryPort(int sentinelPort) {
        try (RespClient c = RespClient.connect(sentinelPort)) {
            List<?> addr = (List<?>) c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
            return Integer.parseInt(RespClient.text(addr.get(1)));
        }
    }

    /** The first primary, as started (see {@link #primaryPort} for the current one). */
    public RealRedis primary() {
        return primary;
    }

    public List<RealRedis> replicas() {
        return List.copyOf(replicas);
    }

    public List<Sentinel> sentinels() {
        return List.copyOf(sentinels);
    }

    /** Every data server: the first primary, then the replicas. */
    public List<RealRedis> servers() {
        List<RealRedis> all = new ArrayList<>(List.of(primary));
        all.addAll(replicas);
        return all;
    }

    @Override
    public void close() {
        sentinels.forEach(Sentinel::stop);
        replicas.forEach(RealRedis::close);
        primary.close();
    }
}
