package dev.syncer.engine.launch;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.ShardProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** {@code java -jar syncer-shard.jar} as a user starts it: one process, under the PID they started. */
class LaunchedShardIT {

    @Test
    void theRelaunchedShardIsTheProcessTheUserStartedAndEndsOnSigterm(@TempDir Path dir) {
        assumeThat(Execv.available(System.getProperty("os.name"), Runtime.version().feature()))
                .as("execv through the FFM API: Linux, JDK 22+").isTrue();
        ShardProcess shard = ShardProcess.start(dir);
        ProcessHandle started = ProcessHandle.of(shard.pid()).orElseThrow();
        try (RespClient c = RespClient.connect(shard.port())) {
            assertThat(c.info("server").get("process_id")).isEqualTo(Long.toString(shard.pid()));
        }
        assertThat(started.info().arguments().orElseThrow()).as("the JVM under that PID runs with the server options")
                .contains("-XX:+UseSerialGC", "-Dsyncer.relaunched=exec");
        assertThat(started.children().toList()).as("no second JVM").isEmpty();

        shard.close(); // SIGTERM to that PID, as `kill PID` sends
        await("the shard exits on SIGTERM").atMost(Duration.ofSeconds(20)).until(() -> !started.isAlive());
    }
}
