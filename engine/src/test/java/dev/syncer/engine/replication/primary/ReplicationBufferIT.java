package dev.syncer.engine.replication.primary;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static dev.syncer.engine.testing.ReplicationWaits.info;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared replication buffer as INFO shows it, with a replica that waits for its snapshot. */
class ReplicationBufferIT {

    @Test
    void aReplicaWaitingForItsSnapshotMakesTheBacklogOutgrowItsSizeUntilItLeaves() {
        // 5 s a key: the replica's snapshot runs through the whole test
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0", "rdb-key-save-delay", "5000000",
                "repl-backlog-size", "16kb");
             RespClient c = p.raw()) {
            c.call("MSET", "a", "1", "b", "2");
            TestShard r = TestShard.start("replicaof", "127.0.0.1 " + p.port());
            try {
                await("the replica's snapshot runs").until(() -> "1".equals(field(p.port(), "persistence", "rdb_bgsave_in_progress")));
                String value = "v".repeat(5000);
                for (int i = 0; i < 200; i++) {
                    c.call("SET", "k" + i, value);
                }
                Map<String, String> repl = info(p.port(), "replication");
                assertThat(Long.parseLong(repl.get("repl_backlog_histlen"))).as("held for the replica").isGreaterThan(1_000_000);
                assertThat(Long.parseLong(repl.get("repl_backlog_first_byte_offset"))).isEqualTo(1);
                Map<String, String> mem = info(p.port(), "memory");
                long total = Long.parseLong(mem.get("mem_total_replication_buffers"));
                assertThat(total).isGreaterThan(1_000_000);
                assertThat(mem.get("mem_replication_backlog")).as("the backlog's share is its size").isEqualTo("16384");
                assertThat(Long.parseLong(mem.get("mem_clients_slaves"))).as("the rest is the replica's")
                        .isGreaterThanOrEqualTo(total - 16384);
                assertThat(Long.parseLong(mem.get("used_memory"))).as("counted once").isGreaterThan(total);
            } finally {
                r.close();
            }
            await("the replica is gone").until(() -> "0".equals(field(p.port(), "replication", "connected_slaves")));
            await("the backlog is back near its size").until(
                    () -> Long.parseLong(field(p.port(), "replication", "repl_backlog_histlen")) <= 2 * 16384);
            assertThat(Long.parseLong(field(p.port(), "memory", "mem_total_replication_buffers"))).isLessThan(3 * 16384 + 1024);
        }
    }
}
