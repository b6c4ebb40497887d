package dev.syncer.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A real redis-server process on a free loopback port with its own directory, for interop tests.
 * Tests that need it are skipped (not failed) where redis-server is not installed; CI installs it.
 */
public final class RealRedis implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private RealRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server"));
    }

    /** Starts redis-server with extra options such as "--requirepass", "secret". */
    public static RealRedis start(String... options) {
        assumeThat(installed()).as("redis-server is installed").isTrue();
        try {
            Path dir = Files.createTempDirectory("redis");
            return start(dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RealRedis start(Path dir, String... options) {
        return start(dir, 0, options);
    }

    /** Starts redis-server on {@code port} (a restart at the same address), or a free one when 0. */
    public static RealRedis start(Path dir, int fixedPort, String... options) {
        assumeThat(installed()).as("redis-server is installed").isTrue();
        return launch("redis-server", dir, fixedPort, options);
    }

    /**
     * Starts another Redis-compatible server binary (valkey-server) the way redis-server is
     * started, on a free port; the caller checks that {@code binary} exists.
     */
    public static RealRedis startBinary(Path binary, Path dir, String... options) {
        return launch(binary.toString(), dir, 0, options);
    }

    private static RealRedis launch(String binary, Path dir, int fixedPort, String... options) {
        for (int attempt = 0; ; attempt++) {
            int port = fixedPort > 0 ? fixedPort : freePort();
            List<String> cmd = new ArrayList<>(List.of(binary, "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                    "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
            cmd.addAll(List.of(options));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
                RealRedis redis = new RealRedis(p, port, dir);
                if (redis.awaitReady()) {
                    return redis;
                }
                redis.close();
                if (attempt >= 3) {
                    throw new IllegalStateException(binary + " did not start: " + redis.log());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private boolean awaitReady() {
        try {
            org.awaitility.Awaitility.await("redis-server on port " + port).atMost(java.time.Duration.ofSeconds(10))
                    .pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || answersPing());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
        return process.isAlive();
    }

    private boolean answersPing() {
        try (RespClient c = RespClient.connect(port)) {
            Object pong = c.call("PING");
            // NOAUTH means up (a password is set); LOADING means still reading its RDB
            return "PONG".equals(pong) || pong instanceof RespClient.Error e && !e.message().startsWith("LOADING");
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public RespClient raw() {
        return RespClient.connect(port);
    }

    /** Runs redis-cli against this server and returns its output. */
    public String cli(String... args) {
        return Cli.run(port, args);
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    /** Stops a server process of ours (SIGTERM, then SIGKILL after five seconds) and waits for it. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
