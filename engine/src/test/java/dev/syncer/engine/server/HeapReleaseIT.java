package dev.syncer.engine.server;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.ShardProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The memory a flush freed leaves the process, as it leaves redis-server: at once on MEMORY PURGE
 * (after FLUSHDB, which asks for nothing itself), and by itself after FLUSHALL. Measured as the
 * operating system sees it (the shard jar's process, its RSS), which is what a user compares.
 */
class HeapReleaseIT {

    private static final long MB = 1024;

    @Test
    void aFlushedShardGivesItsHeapBackOnPurgeAndByItselfAfterFlushall(@TempDir Path dir) {
        assumeThat(Files.isReadable(Path.of("/proc/self/status"))).as("RSS from /proc: Linux").isTrue();
        try (ShardProcess shard = ShardProcess.start(dir, "--enable-debug-command", "local");
             RespClient c = RespClient.connect(shard.port())) {
            long empty = rssKb(shard.pid());

            assertThat(c.call("DEBUG", "POPULATE", "1000000")).isEqualTo("OK");
            long full = rssKb(shard.pid());
            assertThat(full - empty).as("what 1M keys took (KB)").isGreaterThan(30 * MB);
            assertThat(c.call("FLUSHDB")).isEqualTo("OK");
            assertThat(c.call("MEMORY", "PURGE")).isEqualTo("OK");
            assertThat(rssKb(shard.pid())).as("RSS once PURGE answered (KB; empty %d, full %d)", empty, full)
                    .isLessThan(full - (full - empty) / 2);

            assertThat(c.call("DEBUG", "POPULATE", "1000000")).isEqualTo("OK");
            long again = rssKb(shard.pid());
            assertThat(c.call("FLUSHALL")).isEqualTo("OK");
            await("the heap FLUSHALL freed given back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> rssKb(shard.pid()) < again - (again - empty) / 2);
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
