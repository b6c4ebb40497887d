package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A shard started on a port that is taken ends as redis-server does: exit code 1 and
 * "Failed listening on port", with no PID line before it, which is how Redis's own test suite
 * tells a busy port (try another) from a server that started.
 */
class ListenFailureIT {

    @Test
    void aTakenPortEndsTheStartWithRedissWords(@TempDir Path dir) throws IOException, InterruptedException {
        Path jar = Path.of("target", "syncer-shard.jar");
        assumeThat(Files.exists(jar)).as("the shard jar is built by the package phase").isTrue();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "")).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("shard.log").toFile());
            builder.environment().put("SYNCER_NO_AOT", "1");
            Process p = builder.start();
            try {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the shard exits").isTrue();
                String log = Files.readString(dir.resolve("shard.log"));
                assertThat(p.exitValue()).as(log).isEqualTo(1);
                assertThat(log).contains("Could not create server TCP listening socket 127.0.0.1:" + port)
                        .contains("Failed listening on port " + port + " (TCP), aborting.")
                        .doesNotContain(" PID: ");
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
