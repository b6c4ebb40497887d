package dev.syncer.app.monitor;

import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.TestShard;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A probe reads a shard's sync events across a restart of that shard on the same port. */
class RedisProbeIT {

    @Test
    void aRestartedShardsEventsAreReadFromItsNewLogsStart() {
        ClientResources resources = DefaultClientResources.create();
        TestShard primary = TestShard.start();
        int port = primary.port();
        try (TestShard replica = TestShard.start();
             RedisProbe probe = new RedisProbe(resources, Target.of("127.0.0.1", port))) {
            replica.follow(port);
            List<InfoFields> before = new ArrayList<>();
            await("the first full sync is read").atMost(Duration.ofSeconds(20))
                    .until(() -> before.addAll(servedSyncs(probe.poll())) || !before.isEmpty());
            assertThat(before.get(0).getLong("seq", 0)).isEqualTo(1);

            // The new process's log starts again at seq 1, which the probe has already read once.
            primary.close();
            primary = TestShard.start(primary.dir(), "port", Integer.toString(port));
            List<InfoFields> after = new ArrayList<>();
            await("the restarted shard's first sync is read").atMost(Duration.ofSeconds(30))
                    .until(() -> after.addAll(servedSyncs(probe.poll())) || !after.isEmpty());
            assertThat(after.get(0).getLong("seq", 0)).isEqualTo(1);
            ReplicationWaits.awaitLinkUp(replica.port());
        } finally {
            primary.close();
            resources.shutdown();
        }
    }

    private static List<InfoFields> servedSyncs(RedisProbe.Sample sample) {
        return sample.events().stream().filter(e -> "primary".equals(e.get("side", ""))).toList();
    }
}
