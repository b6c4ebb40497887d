package dev.syncer.engine.security;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a kill -9 during a save, temporary RDB files stayed forever and were world-readable. A
 * shard now removes the stale temporary files of dead saves at start-up and writes dumps 0600.
 */
class PersistenceHygieneIT {

    /** No process has this id: Linux pids stay far below it. */
    private static final long DEAD_PID = 2_000_000_000L;

    @Test
    void startUpRemovesTempFilesOfDeadSavesAndDumpsAreOwnerOnly() throws IOException {
        Path dir = Files.createTempDirectory("hygiene");
        Path stale = Files.writeString(dir.resolve("temp-" + DEAD_PID + "-123.rdb"), "half a dump");
        Path alive = Files.writeString(dir.resolve("temp-" + ProcessHandle.current().pid() + "-1.rdb"), "in progress");
        Path unrelated = Files.writeString(dir.resolve("notes.rdb"), "not ours");
        try (TestShard shard = TestShard.start(dir); RespClient c = shard.raw()) {
            assertThat(Files.exists(stale)).isFalse();
            assertThat(Files.exists(alive)).as("a live process's save is left alone").isTrue();
            assertThat(Files.exists(unrelated)).isTrue();
            assertThat(c.call("SET", "k", "v")).isEqualTo("OK");
            assertThat(c.call("SAVE")).isEqualTo("OK");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dump.rdb"))))
                    .isEqualTo("rw-------");
        }
    }
}
