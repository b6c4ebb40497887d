package dev.syncer.engine.replication;

import dev.syncer.engine.testing.Datasets;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.statsField;
import static org.assertj.core.api.Assertions.assertThat;

/** A real redis-server 7.0 replicating from our shard: full sync both ways, the stream, a partial resume. */
class RealReplicaIT {

    @ParameterizedTest(name = "diskless={0}")
    @ValueSource(strings = {"yes", "no"})
    void realReplicaFullSyncsThenStreamsThenResumesPartiallyAfterItsLinkIsKilled(String diskless) {
        try (TestShard primary = TestShard.start("repl-diskless-sync", diskless, "repl-diskless-sync-delay", "0");
             RespClient p = primary.raw()) {
            Datasets.everyType(primary.port(), "before");
            try (RealRedis replica = RealRedis.start("--enable-debug-command", "local", "--replicaof", "127.0.0.1", Integer.toString(primary.port()))) {
                awaitInSync(primary.port(), replica.port());
                Datasets.everyType(primary.port(), "after");
                awaitInSync(primary.port(), replica.port());
                assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
                assertThat(statsField(primary.port(), "sync_full")).isEqualTo(1);

                assertThat(p.call("CLIENT", "KILL", "TYPE", "replica")).isEqualTo(1L);
                p.call("SET", "while:down", "1");
                await("the replica resumes").until(() -> statsField(primary.port(), "sync_partial_ok") == 1);
                awaitInSync(primary.port(), replica.port());
                assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
                assertThat(statsField(primary.port(), "sync_full")).isEqualTo(1);
                assertThat(replica.log()).contains("Successful partial resynchronization with master.");
                p.call("CONFIG", "RESETSTAT"); // clears the sync counters too, as redis-server does
                assertThat(statsField(primary.port(), "sync_full")).isZero();
                assertThat(statsField(primary.port(), "sync_partial_ok")).isZero();
            }
        }
    }
}
