package dev.syncer.engine.replication.primary;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot for replicas that is no longer of use stops, as Redis kills its RDB child: a disk dump whose last
 * waiting replica left (unless save rules want the RDB anyway), and any dump when FLUSHALL empties the data.
 * Each dump here is slowed to minutes by rdb-key-save-delay, so only a stopped one lets the waits succeed.
 */
class DumpKillIT {

    private static boolean dumping(TestShard p) {
        return "1".equals(field(p.port(), "persistence", "rdb_bgsave_in_progress"));
    }

    @Test
    void aDiskDumpNoReplicaWaitsForStopsUnlessSaveRulesWantIt() {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no", "save", "", "rdb-key-save-delay", "1000000");
             RespClient c = p.raw()) {
            c.call("DEBUG", "POPULATE", "100");
            try (TestShard r = TestShard.start(); RespClient rc = r.raw()) {
                rc.call("REPLICAOF", "127.0.0.1", Integer.toString(p.port()));
                await("the dump runs").until(() -> dumping(p));
                rc.call("REPLICAOF", "NO", "ONE");
                await("the useless dump stopped").until(() -> !dumping(p));

                c.call("CONFIG", "SET", "save", "900 1");
                rc.call("REPLICAOF", "127.0.0.1", Integer.toString(p.port()));
                await("the dump runs again").until(() -> dumping(p));
                rc.call("REPLICAOF", "NO", "ONE");
                await("a dump save rules want goes on").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                        .until(() -> dumping(p));
                c.call("CONFIG", "SET", "rdb-key-save-delay", "0"); // a quick end
            }
        }
    }

    @Test
    void flushallStopsTheDumpAndTheReplicaSyncsTheEmptyData() {
        try (TestShard p = TestShard.start("repl-diskless-sync", "yes", "repl-diskless-sync-delay", "0",
                "rdb-key-save-delay", "100000");
             TestShard r = TestShard.start("repl-diskless-load", "swapdb"); RespClient c = p.raw(); RespClient rc = r.raw()) {
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 100; i++) { // incompressible 70 KB values: each fills a chunk, the transfer starts at once
                byte[] value = new byte[70_000];
                random.nextBytes(value);
                c.callBytes("SET".getBytes(), ("key:" + i).getBytes(), value);
            }
            rc.call("REPLICAOF", "127.0.0.1", Integer.toString(p.port()));
            await("the replica loads").until(() -> "1".equals(field(r.port(), "persistence", "loading")));
            c.call("CONFIG", "SET", "rdb-key-save-delay", "0");
            c.call("FLUSHALL");
            awaitInSync(p.port(), r.port());
            assertThat(rc.call("DBSIZE")).isEqualTo(0L);
            assertThat(field(p.port(), "stats", "sync_full")).isEqualTo("2");
        }
    }
}
