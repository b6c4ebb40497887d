package dev.syncer.app.attach;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.print.PrintCommand;
import dev.syncer.app.redis.RedisConsole;
import dev.syncer.app.testing.RealCluster;
import dev.syncer.app.testing.ThreadUiScheduler;
import dev.syncer.engine.testing.Json;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.operations.OperationDraft;
import dev.syncer.views.model.timeline.TimelineEntry;
import dev.syncer.views.model.port.OperationKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attached to a real Redis Cluster (3 primaries, a replica each): one tree per shard named by its
 * slots, {@code --print}, and a CLUSTER FAILOVER from the console seen on the timeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAttachIT {

    private static final List<String> SLOTS = List.of("slots 0-5460", "slots 5461-10922", "slots 10923-16383");

    private RealCluster cluster;

    @BeforeAll
    void start() {
        cluster = RealCluster.start(3);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Target seed() {
        return Target.of("127.0.0.1", cluster.nodes().getFirst().port());
    }

    @Test
    @Order(1)
    void discoversOneTreePerShardNamedBySlotsWithItsPrimaryAndReplica() {
        try (ProbePool probes = new ProbePool()) {
            Discovery discovery = Discovery.at(seed(), probes);
            Deployment d = discovery.discover();

            assertThat(discovery.kind()).isEqualTo(DeploymentKind.CLUSTER);
            assertThat(d.trees()).extracting(Deployment.Tree::name).containsExactlyElementsOf(SLOTS);
            List<Integer> primaries = cluster.inRole("master").stream().map(RealRedis::port).toList();
            assertThat(d.trees()).allSatisfy(t -> {
                assertThat(t.members()).hasSize(2);
                assertThat(t.primary()).get().extracting(m -> m.target().port()).isIn(primaries);
                assertThat(t.facts()).containsEntry("health", "ok").containsKey("config-epoch");
                String replid = ReplicationWaits.field(t.members().get(0).target().port(), "replication", "master_replid");
                assertThat(ReplicationWaits.field(t.members().get(1).target().port(), "replication", "master_replid"))
                        .isEqualTo(replid);
            });
        }
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void printListsEveryShardWithItsRolesAndReplids() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = PrintCommand.run(List.of("--attach", seed().id(), "--print"), new PrintStream(out, true), System.err);

        assertThat(code).isZero();
        Map<String, Object> doc = (Map<String, Object>) Json.parse(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(doc).containsEntry("kind", "cluster");
        List<Map<String, Object>> trees = (List<Map<String, Object>>) doc.get("trees");
        assertThat(trees).extracting(t -> t.get("name")).containsExactlyElementsOf(SLOTS);
        for (Map<String, Object> t : trees) {
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) t.get("nodes");
            assertThat(nodes).extracting(n -> n.get("role")).containsExactlyInAnyOrder("primary", "replica");
            assertThat(nodes).extracting(n -> n.get("replid")).containsOnly(nodes.getFirst().get("replid"));
            assertThat((Map<String, Object>) t.get("facts")).containsEntry("slots", t.get("name").toString().substring(6));
        }
    }

    @Test
    @Order(3)
    void clusterFailoverFromTheConsoleFlipsTheRolesAndShowsOnTheTimeline() throws Exception {
        try (RedisConsole console = new RedisConsole(seed()); ThreadUiScheduler ui = new ThreadUiScheduler()) {
            ConsoleModel model = new ConsoleModel(console.ports(), ui);
            model.start();
            RealRedis primary = cluster.inRole("master").getFirst();
            String primaryId = "127.0.0.1:" + primary.port();
            ReplicationWaits.await("the console shows " + primaryId).until(() -> ui.read(() ->
                    model.topology().shard(primaryId).isPresent()));
            OperationDraft draft = ui.read(() -> {
                model.selectShard(primaryId);
                return model.operations().command(OperationKind.FAILOVER).prepare().orElseThrow();
            });
            String target = draft.choiceProperty().get().id();

            ui.read(() -> model.operations().submit(draft)).get(40, TimeUnit.SECONDS);

            assertThat(ReplicationWaits.field(primary.port(), "replication", "role")).isEqualTo("slave");
            assertThat(ReplicationWaits.field(Target.parse(target, null, false).port(), "replication", "role"))
                    .isEqualTo("master");
            ReplicationWaits.await("the failover on the timeline, its prediction held").until(() -> ui.read(() -> {
                List<TimelineEntry> rows = model.timeline().getAll();
                return rows.stream().anyMatch(e -> e.summary().contains("primary " + primaryId + " → " + target))
                        && rows.stream().anyMatch(e -> e.key().startsWith("op:op-") && e.verdict() == TimelineEntry.Verdict.HELD);
            }));
            assertThat(ui.read(() -> model.timeline().getAll())).filteredOn(e -> e.kind() == TimelineEntry.Kind.PARTIAL_SYNC)
                    .anySatisfy(e -> assertThat(e.causeDetail()).contains("observed: sync_partial_ok"));
            model.close();
        }
    }
}
