package dev.syncer.engine.server;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.ShardProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
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
             RespClient c = patientClient(shard.port())) {
            long empty = rssKb(shard.pid());

            assertThat(c.call("DEBUG", "POPULATE", "200000", "key", "200")).isEqualTo("OK");
            long full = rssKb(shard.pid());
            assertThat(full - empty).as("what 200k keys of 200 B took (KB)").isGreaterThan(30 * MB);
            assertThat(c.call("FLUSHDB")).isEqualTo("OK");
            assertThat(c.call("MEMORY", "PURGE")).isEqualTo("OK");
            assertThat(rssKb(shard.pid())).as("RSS once PURGE answered (KB; empty %d, full %d)", empty, full)
                    .isLessThan(full - (full - empty) / 2);

            assertThat(c.call("DEBUG", "POPULATE", "200000", "key", "200")).isEqualTo("OK");
            long again = rssKb(shard.pid());
            assertThat(c.call("FLUSHALL")).isEqualTo("OK");
            await("the heap FLUSHALL freed given back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> rssKb(shard.pid()) < again - (again - empty) / 2);
        }
    }

    /** DEBUG POPULATE runs for seconds on a loaded machine, past RespClient's 10 s read timeout. */
    private static RespClient patientClient(int port) {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(120_000);
            return RespClient.over(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
