package dev.syncer.engine.replication.primary;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import static dev.syncer.engine.testing.ReplicationWaits.statsField;
import static org.assertj.core.api.Assertions.assertThat;

/** Nonsense REPLCONF and PSYNC get Redis's errors; the connection and the shard stay fine. */
class SyncCommandsBadInputIT {

    private static RespClient.Error err(String m) {
        return new RespClient.Error(m);
    }

    @Test
    void replconfNonsenseGetsRedisErrors() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw()) {
            assertThat(c.call("REPLCONF", "listening-port")).isEqualTo(err("ERR syntax error"));
            assertThat(c.call("REPLCONF", "bogus", "1")).isEqualTo(err("ERR Unrecognized REPLCONF option: bogus"));
            assertThat(c.call("REPLCONF", "listening-port", "abc")).isEqualTo(err("ERR value is not an integer or out of range"));
            assertThat(c.call("REPLCONF", "capa", "teleport")).as("unknown capabilities are ignored").isEqualTo("OK");
            assertThat(c.call("REPLCONF", "ip-address", "x".repeat(300)))
                    .isEqualTo(err("ERR REPLCONF ip-address provided by replica instance is too long: 300 bytes"));
            c.send(RespClient.encode("REPLCONF", "ACK", "100")); // not a replica: ignored, no reply
            c.send(RespClient.encode("REPLCONF", "GETACK", "*")); // on a primary: no reply
            c.send(RespClient.encode("REPLCONF", "ACK", "not-a-number"));
            assertThat(c.call("PING")).isEqualTo("PONG");
            assertThat(c.call("REPLCONF")).as("REPLCONF alone is fine").isEqualTo("OK");
        }
    }

    @Test
    void dualChannelNonsenseGetsValkeysErrorsAndAPrimaryWithoutItIgnoresTheCapa() {
        try (TestShard shard = TestShard.start("dual-channel-replication-enabled", "yes"); RespClient c = shard.raw()) {
            assertThat(c.call("REPLCONF", "set-rdb-client-id", "12345")).isEqualTo(err("ERR Unrecognized RDB client id 12345"));
            assertThat(c.call("REPLCONF", "set-rdb-client-id", "x")).isEqualTo(err("ERR value is not an integer or out of range"));
            assertThat(c.call("REPLCONF", "rdb-channel", "2")).isEqualTo(err("ERR value is out of range, must be positive"));
            assertThat(c.call("REPLCONF", "capa", "dual-channel")).isEqualTo("OK");
            c.send(RespClient.encode("PSYNC", "?", "-1"));
            assertThat(c.read()).isEqualTo("DUALCHANNELSYNC");
            assertThat(c.call("PING")).as("still a normal client, its rdb channel may follow").isEqualTo("PONG");
            assertThat(statsField(shard.port(), "sync_full")).isZero();
        }
        try (TestShard shard = TestShard.start("repl-diskless-sync", "no"); RespClient c = shard.raw()) {
            assertThat(c.call("REPLCONF", "capa", "dual-channel")).isEqualTo("OK");
            c.send(RespClient.encode("PSYNC", "?", "-1"));
            assertThat(c.read()).asString().startsWith("FULLRESYNC ");
        }
    }

    @Test
    void psyncPipelinedBehindUnsentRepliesIsRefusedAsRedisRefusesIt() {
        try (TestShard shard = TestShard.start("repl-diskless-sync", "no"); RealRedis redis = RealRedis.start()) {
            for (int port : new int[]{shard.port(), redis.port()}) {
                try (RespClient c = RespClient.connect(port)) {
                    // one write: the REPLCONF's +OK is still unsent when the PSYNC is read
                    c.send(concat(RespClient.encode("REPLCONF", "listening-port", "1"), RespClient.encode("PSYNC", "?", "-1")));
                    assertThat(c.read()).as("port %d", port).isEqualTo("OK");
                    assertThat(c.read()).as("port %d", port).isEqualTo(err("ERR SYNC and PSYNC are invalid with pending output"));
                    assertThat(c.call("PING")).as("still a normal client").isEqualTo("PONG");
                    c.send(RespClient.encode("PSYNC", "?", "-1")); // alone, it syncs
                    assertThat(c.read()).asString().startsWith("FULLRESYNC ");
                }
                assertThat(statsField(port, "sync_full")).isEqualTo(1);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void psyncWithGarbageGetsAClearErrorOrAFullSync() {
        try (TestShard shard = TestShard.start("repl-diskless-sync", "no"); RespClient c = shard.raw()) {
            assertThat(c.call("PSYNC", "?", "not-a-number")).isEqualTo(err("ERR value is not an integer or out of range"));
            assertThat(c.call("PSYNC", "x")).isEqualTo(err("ERR wrong number of arguments for 'psync' command"));
            assertThat(c.call("PSYNC", "a".repeat(40), "5", "FAILOVER"))
                    .isEqualTo(err("ERR PSYNC FAILOVER can't be sent to a master."));
            assertThat(c.call("PING")).as("still a normal client").isEqualTo("PONG");
            assertThat(statsField(shard.port(), "sync_full")).isZero();

            c.send(RespClient.encode("PSYNC", "not-an-id-at-all", "99999999999"));
            assertThat(c.read()).asString().matches("FULLRESYNC [0-9a-f]{40} 0");
            assertThat(statsField(shard.port(), "sync_full")).isEqualTo(1);
            assertThat(statsField(shard.port(), "sync_partial_err")).isEqualTo(1);
        }
    }

    @Test
    void psyncFailoverToAReplicaWithTheWrongIdIsRefused() {
        try (TestShard primary = TestShard.start("repl-diskless-sync-delay", "0");
             TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port());
             RespClient c = replica.raw()) {
            dev.syncer.engine.testing.ReplicationWaits.awaitLinkUp(replica.port());
            assertThat(c.call("PSYNC", "b".repeat(40), "1", "FAILOVER"))
                    .isEqualTo(err("ERR PSYNC FAILOVER replid must match my replid."));
            assertThat(RespClient.text(((java.util.List<?>) c.call("ROLE")).get(0))).isEqualTo("slave");
        }
    }
}
