package dev.syncer.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A shard running as its own process from the built {@code syncer-shard.jar}, so a test can kill
 * it with SIGKILL (by its PID) as a crash would, and start it again on the same directory.
 */
public final class ShardProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ShardProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the jar with {@code --dir dir} and the given "--name value" settings; returns once it answers PING. */
    public static ShardProcess start(Path dir, String... settings) {
        Path jar = Path.of("target", "syncer-shard.jar");
        assumeThat(Files.exists(jar)).as("the shard jar is built by the package phase").isTrue();
        int port = RealRedis.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--port", Integer.toString(port), "--dir", dir.toString(), "--save", ""));
        cmd.addAll(List.of(settings));
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("shard.log").toFile()));
            // Every start here ends with kill -9, so each would be an AOT training run (slower to
            // start) whose cache is never written: the launcher's AOT cache stays out of it.
            builder.environment().put("SYNCER_NO_AOT", "1");
            Process p = builder.start();
            ShardProcess shard = new ShardProcess(p, port);
            // two JVM starts (the launcher re-execs itself): 42 s measured at load average 30 on 2 cores
            try {
                await("shard process on port " + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(25))
                        .until(() -> !p.isAlive() || shard.answersPing());
            } catch (RuntimeException e) {
                p.destroyForcibly(); // a start given up on leaves no process behind
                throw e;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the shard process exited: " + Files.readString(dir.resolve("shard.log")));
            }
            return shard;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean answersPing() {
        try (RespClient c = RespClient.connect(port)) {
            return "PONG".equals(c.call("PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9 (SIGKILL by its PID): no shutdown hook, no final flush. */
    public void kill() {
        Processes.kill(process);
    }

    @Override
    public void close() {
        Processes.stop(process, 20);
    }
}
