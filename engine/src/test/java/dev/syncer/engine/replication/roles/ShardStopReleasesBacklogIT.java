package dev.syncer.engine.replication.roles;

import dev.syncer.engine.Shards;
import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shard stopped inside a JVM that goes on (the lab crashes and restarts shards in one process)
 * lets go of its backlog's direct buffers, as the process's exit would.
 */
class ShardStopReleasesBacklogIT {

    @Test
    void aCrashedPrimaryFreesItsBacklog() throws Exception {
        assertThat(backlogAfter(true).memory()).isZero();
    }

    @Test
    void aClosedPrimaryFreesItsBacklog() throws Exception {
        assertThat(backlogAfter(false).memory()).isZero();
    }

    private static Backlog backlogAfter(boolean crash) throws Exception {
        Config config = Shards.config();
        config.setInitial("port", "0");
        config.setInitial("bind", "127.0.0.1");
        config.setInitial("dir", Files.createTempDirectory("backlog-release").toString());
        config.setInitial("save", "");
        Shards.Assembled primary = Shards.assemble(config);
        primary.shard().start();
        Backlog backlog;
        try (TestShard replica = TestShard.start()) {
            replica.follow(primary.shard().port());
            try (RespClient client = RespClient.connect(primary.shard().port())) {
                client.call("SET", "k", "v");
            }
            ReplicationWaits.awaitCaughtUp(primary.shard().port(), replica.port());
            backlog = primary.shard().call(() -> primary.replication().stream().backlog());
            assertThat(backlog.memory()).as("a backlog while the shard runs").isPositive();
        } finally {
            if (crash) {
                primary.shard().crash();
            } else {
                primary.shard().close();
            }
        }
        return backlog;
    }
}
