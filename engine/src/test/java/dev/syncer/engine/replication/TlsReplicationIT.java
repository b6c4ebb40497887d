package dev.syncer.engine.replication;

import dev.syncer.engine.testing.Datasets;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestCertificates;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication over TLS with Debian's redis-server (built with OpenSSL), both ways: a redis-server
 * replica with tls-replication reaches a shard's TLS port, and a shard with tls-replication
 * reaches a redis-server's. Each replica announces its TLS port, full sync and stream carry the
 * data (equal DEBUG DIGESTs).
 */
class TlsReplicationIT {

    private final TestCertificates certs = TestCertificates.get();

    @Test
    void aRedisServerReplicaFollowsAShardOverTls() throws InterruptedException {
        try (TestShard shard = TestShard.start(certs.shardSettings().toArray(String[]::new))) {
            int shardTls = shard.shard().listenTls(0);
            Datasets.everyType(shard.port(), "before");
            int replicaTls = RealRedis.freePort();
            List<String> options = new ArrayList<>(certs.redisServerOptions(replicaTls));
            options.addAll(List.of("--tls-replication", "yes", "--enable-debug-command", "yes",
                    "--replicaof", "127.0.0.1", Integer.toString(shardTls)));
            try (RealRedis replica = RealRedis.start(options.toArray(String[]::new))) {
                ReplicationWaits.awaitLinkUp(replica.port());
                Datasets.everyType(shard.port(), "streamed");
                awaitSameData(shard.port(), replica.port());
                assertThat(ReplicationWaits.field(shard.port(), "replication", "slave0"))
                        .contains("port=" + replicaTls + ",", "state=online");
            }
        }
    }

    @Test
    void aShardFollowsARedisServerOverTls() throws InterruptedException {
        int primaryTls = RealRedis.freePort();
        List<String> options = new ArrayList<>(certs.redisServerOptions(primaryTls));
        options.addAll(List.of("--enable-debug-command", "yes"));
        try (RealRedis primary = RealRedis.start(options.toArray(String[]::new))) {
            Datasets.everyType(primary.port(), "before");
            List<String> settings = new ArrayList<>(certs.shardSettings());
            settings.addAll(List.of("tls-replication", "yes"));
            try (TestShard replica = TestShard.start(settings.toArray(String[]::new))) {
                int replicaTls = replica.shard().listenTls(0);
                try (RespClient admin = replica.raw()) {
                    assertThat(admin.call("REPLICAOF", "127.0.0.1", Integer.toString(primaryTls))).isEqualTo("OK");
                }
                ReplicationWaits.awaitLinkUp(replica.port());
                Datasets.everyType(primary.port(), "streamed");
                awaitSameData(primary.port(), replica.port());
                assertThat(ReplicationWaits.field(primary.port(), "replication", "slave0"))
                        .contains("port=" + replicaTls + ",", "state=online");
            }
        }
    }

    private static void awaitSameData(int primaryPort, int replicaPort) {
        String expected = ReplicationWaits.digest(primaryPort);
        ReplicationWaits.await("replica " + replicaPort + " holds the primary's data")
                .until(() -> ReplicationWaits.digest(replicaPort).equals(expected));
    }
}
