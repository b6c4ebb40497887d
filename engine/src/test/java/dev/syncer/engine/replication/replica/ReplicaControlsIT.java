package dev.syncer.engine.replication.replica;

import dev.syncer.engine.testing.FakePrimary;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static dev.syncer.engine.testing.ReplicationWaits.info;
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
    void aTransferInProgressShowsItsProgressInInfo() {
        try (FakePrimary primary = new FakePrimary(c -> {
                 c.handshake();
                 c.send("+FULLRESYNC " + "c".repeat(40) + " 7\r\n$1000\r\n");
                 c.send(new byte[250]); // a quarter of the payload, then silence
                 c.drain();
             });
             TestShard r = TestShard.start("replicaof", "127.0.0.1 " + primary.port())) {
            await("a quarter received").until(() -> "250".equals(field(r.port(), "replication", "master_sync_read_bytes")));
            Map<String, String> i = info(r.port(), "replication");
            assertThat(i).containsEntry("master_sync_in_progress", "1").containsEntry("master_sync_total_bytes", "1000")
                    .containsEntry("master_sync_left_bytes", "750").containsEntry("master_sync_perc", "25.00")
                    .containsEntry("master_link_status", "down");
            Map<String, String> sync = info(r.port(), "sync");
            assertThat(sync).containsEntry("repl_state", "transfer").containsEntry("sync_in_progress", "1");
            assertThat(sync.get("sync0")).startsWith("side=replica,type=full,peer=127.0.0.1:" + primary.port()
                    + ",phase=transfer,bytes=250,total=1000,perc=25.00");
            try (RespClient c = r.raw()) {
                List<?> role = (List<?>) c.call("ROLE");
                assertThat(RespClient.text(role.get(3))).isEqualTo("sync");
                assertThat(role.get(4)).isEqualTo(-1L);
            }
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
