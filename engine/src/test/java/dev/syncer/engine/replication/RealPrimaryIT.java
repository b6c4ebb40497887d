package dev.syncer.engine.replication;

import dev.syncer.engine.testing.Datasets;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static dev.syncer.engine.testing.ReplicationWaits.statsField;
import static org.assertj.core.api.Assertions.assertThat;

/** Our shard replicating from a real redis-server 7.0, and relaying to a real one below it. */
class RealPrimaryIT {

    private static RealRedis realPrimary(String diskless) {
        return RealRedis.start("--enable-debug-command", "local", "--repl-diskless-sync", diskless,
                "--repl-diskless-sync-delay", "0");
    }

    @ParameterizedTest(name = "diskless={0}")
    @ValueSource(strings = {"yes", "no"})
    void ourReplicaFullSyncsFromRealRedisThenStreamsThenResumesPartially(String diskless) {
        try (RealRedis primary = realPrimary(diskless); RespClient p = primary.raw()) {
            Datasets.everyType(primary.port(), "before");
            try (TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port())) {
                awaitInSync(primary.port(), replica.port());
                Datasets.everyType(primary.port(), "after");
                p.call("INCRBYFLOAT", "after:float", "2.25");
                p.call("LPOP", "after:list");
                awaitInSync(primary.port(), replica.port());
                assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));

                assertThat(p.call("CLIENT", "KILL", "TYPE", "replica")).isEqualTo(1L);
                p.call("SET", "while:down", "1");
                await("partial resync").until(() -> statsField(primary.port(), "sync_partial_ok") == 1);
                awaitInSync(primary.port(), replica.port());
                assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
                assertThat(statsField(primary.port(), "sync_full")).isEqualTo(1);
                try (RespClient r = replica.raw()) {
                    assertThat(r.call("SET", "k", "v")).isEqualTo(
                            new RespClient.Error("READONLY You can't write against a read only replica."));
                }
            }
        }
    }

    @Test
    void chainRealToOursToRealRelaysTheExactStream() {
        try (RealRedis top = realPrimary("yes");
             TestShard middle = TestShard.start("replicaof", "127.0.0.1 " + top.port(), "repl-diskless-sync-delay", "0");
             RealRedis bottom = RealRedis.start("--enable-debug-command", "local",
                     "--replicaof", "127.0.0.1", Integer.toString(middle.port()))) {
            Datasets.everyType(top.port(), "a");
            awaitInSync(top.port(), middle.port());
            awaitInSync(middle.port(), bottom.port());
            Datasets.everyType(top.port(), "b");
            awaitInSync(top.port(), middle.port());
            awaitInSync(middle.port(), bottom.port());
            assertThat(digest(bottom.port())).isEqualTo(digest(top.port()));
            assertThat(field(bottom.port(), "replication", "master_replid"))
                    .isEqualTo(field(top.port(), "replication", "master_replid"));
        }
    }
}
