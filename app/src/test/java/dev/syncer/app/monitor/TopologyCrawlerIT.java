package dev.syncer.app.monitor;

import dev.syncer.engine.testing.RealRedis;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The crawler finds a real redis-server chain (primary → replica → sub-replica) from any member. */
class TopologyCrawlerIT {

    @Test
    void discoversAChainedTreeFromTheSubReplica() {
        ClientResources resources = DefaultClientResources.create();
        try (RealRedis primary = RealRedis.start();
             RealRedis replica = RealRedis.start("--replicaof", "127.0.0.1", "0");
             RealRedis sub = RealRedis.start()) {
            replica.cli("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
            sub.cli("REPLICAOF", "127.0.0.1", Integer.toString(replica.port()));
            await().atMost(Duration.ofSeconds(20)).until(() -> replica.cli("INFO", "replication").contains("master_link_status:up")
                    && sub.cli("INFO", "replication").contains("master_link_status:up"));

            Map<Target, ReplicationState> tree = TopologyCrawler.crawl(Target.of("127.0.0.1", sub.port()), t -> {
                try (RedisProbe probe = new RedisProbe(resources, t)) {
                    return probe.poll().replication();
                }
            });

            assertThat(tree.keySet()).extracting(Target::port)
                    .containsExactlyInAnyOrder(primary.port(), replica.port(), sub.port());
            assertThat(tree.get(Target.of("127.0.0.1", primary.port())).primary()).isTrue();
            assertThat(tree.get(Target.of("127.0.0.1", sub.port())).masterPort()).isEqualTo(replica.port());
        } finally {
            resources.shutdown();
        }
    }
}
