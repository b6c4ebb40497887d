package dev.syncer.engine.replication.replica;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static org.assertj.core.api.Assertions.assertThat;

/** REPLICAOF's replies, replica-read-only and replica-serve-stale-data. */
class ReplicaControlsIT {

    private static final RespClient.Error MASTERDOWN =
            new RespClient.Error("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");

    @Test
    void aReplicaWithoutItsPrimaryRefusesToServeStaleDataWhenToldSo() {
        int nobody = RealRedis.freePort();
        try (TestShard r = TestShard.start("replicaof", "127.0.0.1 " + nobody, "replica-serve-stale-data", "no");
             RespClient c = r.raw()) {
            assertThat(c.call("GET", "k")).isEqualTo(MASTERDOWN);
            assertThat(c.call("PING")).as("PING too, as in Redis 7.0").isEqualTo(MASTERDOWN);
            assertThat(RespClient.text(c.call("INFO", "replication"))).contains("master_link_status:down");
            assertThat(c.call("CONFIG", "SET", "replica-serve-stale-data", "yes")).isEqualTo("OK");
            assertThat(c.call("GET", "k")).isNull();
        }
    }

    @Test
    void replicaofRepliesAsRedisAndReadOnlyCanBeLifted() {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0"); TestShard r = TestShard.start();
             RespClient c = r.raw()) {
            assertThat(c.call("REPLICAOF", "127.0.0.1", "99999")).isEqualTo(new RespClient.Error("ERR Invalid master port"));
            assertThat(c.call("REPLICAOF", "127.0.0.1", "x")).isEqualTo(new RespClient.Error("ERR Invalid master port"));
            assertThat(c.call("REPLICAOF", "NO", "ONE")).as("already a primary").isEqualTo("OK");
            assertThat(c.call("SLAVEOF", "127.0.0.1", Integer.toString(p.port()))).isEqualTo("OK");
            assertThat(c.call("REPLICAOF", "127.0.0.1", Integer.toString(p.port())))
                    .isEqualTo("OK Already connected to specified master");
            awaitInSync(p.port(), r.port());
            assertThat(c.call("SET", "k", "v")).isEqualTo(new RespClient.Error("READONLY You can't write against a read only replica."));
            assertThat(c.call("CONFIG", "SET", "replica-read-only", "no")).isEqualTo("OK");
            assertThat(c.call("SET", "local", "v")).as("a writable replica's writes stay local").isEqualTo("OK");
            assertThat(field(r.port(), "replication", "slave_read_only")).isEqualTo("0");
            try (RespClient pc = p.raw()) {
                assertThat(pc.call("GET", "local")).isNull();
            }
            assertThat(c.call("REPLICAOF", "NO", "ONE")).isEqualTo("OK");
            assertThat(field(r.port(), "replication", "role")).isEqualTo("master");
            assertThat(field(r.port(), "replication", "master_replid2"))
                    .isEqualTo(field(p.port(), "replication", "master_replid"));
            await("primary sees the replica leave").until(() -> "0".equals(field(p.port(), "replication", "connected_slaves")));
        }
    }
}
