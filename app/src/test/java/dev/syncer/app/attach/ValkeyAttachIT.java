package dev.syncer.app.attach;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.print.PrintCommand;
import dev.syncer.app.testing.RealSentinels;
import dev.syncer.engine.testing.Json;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Valkey 8 as a second peer: a valkey-server primary with a replica, discovered and printed the way
 * a redis-server tree is, and a Valkey Sentinel deployment (valkey-server --sentinel), which says
 * {@code server_mode} where Redis says redis_mode. The binary is found by {@link RealRedis#valkeyServer()} ({@code .ci/run}
 * fetches it); without it the test is skipped, saying how to get one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValkeyAttachIT {

    private RealRedis primary;
    private RealRedis replica;

    @BeforeAll
    void start() {
        primary = RealRedis.startValkey();
        replica = RealRedis.startValkey("--replicaof", "127.0.0.1", Integer.toString(primary.port()));
        ReplicationWaits.awaitInSync(primary.port(), replica.port());
    }

    @AfterAll
    void stop() {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void discoversTheValkeyTreeFromItsReplica() {
        assertThat(ReplicationWaits.field(primary.port(), "server", "server_name")).isEqualTo("valkey");
        try (ProbePool probes = new ProbePool()) {
            Discovery discovery = Discovery.at(Target.of("127.0.0.1", replica.port()), probes);
            Deployment d = discovery.discover();

            assertThat(discovery.kind()).isEqualTo(DeploymentKind.STANDALONE);
            assertThat(d.trees()).singleElement().satisfies(t -> {
                assertThat(t.primary()).get().extracting(m -> m.target().port()).isEqualTo(primary.port());
                assertThat(t.members()).extracting(m -> m.target().port())
                        .containsExactlyInAnyOrder(primary.port(), replica.port());
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void printListsRolesReplidsAndTheLinkUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = PrintCommand.run(List.of("--attach", "127.0.0.1:" + primary.port(), "--print"),
                new PrintStream(out, true), System.err);

        assertThat(code).isZero();
        Map<String, Object> doc = (Map<String, Object>) Json.parse(out.toString(StandardCharsets.UTF_8).strip());
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) ((List<Map<String, Object>>) doc.get("trees"))
                .getFirst().get("nodes");
        String replid = ReplicationWaits.field(primary.port(), "replication", "master_replid");
        assertThat(nodes).extracting(n -> n.get("role")).containsExactlyInAnyOrder("primary", "replica");
        assertThat(nodes).allSatisfy(n -> assertThat(n).containsEntry("replid", replid));
        assertThat(nodes).filteredOn(n -> "replica".equals(n.get("role"))).singleElement()
                .satisfies(n -> assertThat((Map<String, Object>) n.get("upstream")).containsEntry("link", "up"));
    }

    @Test
    void discoversAValkeySentinelDeploymentAsSentinel() {
        try (RealSentinels deployment = RealSentinels.startValkey(1, 3)) {
            Target sentinel = Target.of("127.0.0.1", deployment.sentinels().getFirst().port());
            assertThat(ReplicationWaits.field(sentinel.port(), "server", "server_mode")).isEqualTo("sentinel");

            SentinelAttachIT.assertDiscoversTheDeployment(sentinel, deployment);
        }
    }
}
