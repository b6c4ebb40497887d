package dev.syncer.app.attach;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.print.PrintCommand;
import dev.syncer.app.redis.RedisConsole;
import dev.syncer.app.testing.ConsoleRobot;
import dev.syncer.app.testing.RealCluster;
import dev.syncer.app.testing.ThreadUiScheduler;
import dev.syncer.engine.testing.Json;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.operations.OperationDraft;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.prediction.SyncPrediction;
import dev.syncer.views.model.timeline.TimelineEntry;
import org.junit.jupiter.api.AfterAll;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * Attached to a real Redis Cluster (3 primaries, a replica each): the window, opened before the
 * cluster answers, keeps trying, shows the nodes alone and then one tree per shard named by its
 * slots, and a CLUSTER FAILOVER from a card flips the roles on the timeline; discovery and
 * {@code --print} see the same shards; a replica moved to another shard (CLUSTER REPLICATE) takes
 * the full sync predicted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAttachIT {

    private static final List<String> SLOTS = List.of("slots 0-5460", "slots 5461-10922", "slots 10923-16383");

    private final int seedPort = RealRedis.freePort();
    private RealCluster cluster;

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The cluster the first test formed; formed here when that one failed before. */
    private RealCluster formed() {
        if (cluster == null) {
            cluster = RealCluster.launch(3, seedPort);
            cluster.create();
        }
        return cluster;
    }

    private Target seed() {
        return Target.of("127.0.0.1", seedPort);
    }

    private static String id(RealRedis node) {
        return "127.0.0.1:" + node.port();
    }

    @Test
    @Order(1)
    void theWindowOpenedBeforeTheClusterShowsItsShardsOnceFormedAndAFailoverFromACardFlipsTheRoles() throws Exception {
        try (ConsoleRobot window = ConsoleRobot.launch("--attach", seed().id())) {
            ConsoleRobot.awaitWindow("the window trying again").until(() -> window.splashMessage().contains("no answer (try"));
            cluster = RealCluster.launch(3, seedPort);
            ConsoleRobot.awaitWindow("the seed shown alone, without slots").until(() ->
                    window.headline(seed().id()).startsWith("no slots"));

            cluster.create();

            ConsoleRobot.awaitWindow("three shards named by their slots, a primary and a replica each").until(() ->
                    SLOTS.stream().allMatch(slots -> {
                        List<String> roles = cluster.nodes().stream().filter(n -> window.headline(id(n)).startsWith(slots + " "))
                                .map(n -> window.role(id(n))).sorted().toList();
                        return roles.equals(List.of("primary", "replica"));
                    }));
            RealRedis replica = cluster.inRole("slave").getFirst();
            String replicaId = id(replica);
            String primaryId = "127.0.0.1:" + ReplicationWaits.field(replica.port(), "replication", "master_port");

            window.failoverFrom(replicaId, replicaId);

            ConsoleRobot.awaitWindow("the roles flipped in the window").until(() ->
                    "primary".equals(window.role(replicaId)) && "replica".equals(window.role(primaryId)));
            ConsoleRobot.awaitWindow("the failover on the timeline, its prediction held").until(() -> {
                List<TimelineEntry> rows = window.timeline();
                return rows.stream().anyMatch(e -> e.summary().contains("primary " + primaryId + " → " + replicaId))
                        && rows.stream().anyMatch(e -> e.key().startsWith("op:op-") && e.verdict() == TimelineEntry.Verdict.HELD);
            });
            assertThat(window.timeline()).filteredOn(e -> e.kind() == TimelineEntry.Kind.PARTIAL_SYNC)
                    .anySatisfy(e -> assertThat(e.causeDetail()).contains("observed: sync_partial_ok"));
            assertThat(ReplicationWaits.field(replica.port(), "replication", "role")).isEqualTo("master");
        }
    }

    @Test
    @Order(2)
    void discoversOneTreePerShardNamedBySlotsWithItsPrimaryAndReplica() {
        formed();
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
    @Order(3)
    @SuppressWarnings("unchecked")
    void printListsEveryShardWithItsRolesAndReplids() {
        formed();
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
    @Order(4)
    void aReplicaMovedToAnotherShardWithClusterReplicateTakesThePredictedFullSync() throws Exception {
        formed();
        RealRedis replica = cluster.inRole("slave").getFirst();
        String replicaId = id(replica);
        String ownPrimary = ReplicationWaits.field(replica.port(), "replication", "master_port");
        RealRedis other = cluster.inRole("master").stream()
                .filter(m -> !Integer.toString(m.port()).equals(ownPrimary)).findFirst().orElseThrow();
        String otherId = id(other);
        try (RedisConsole console = new RedisConsole(seed()); ThreadUiScheduler ui = new ThreadUiScheduler()) {
            ConsoleModel model = new ConsoleModel(console.ports(), ui);
            model.start();
            ReplicationWaits.await("the console shows " + replicaId).until(() -> ui.read(() ->
                    model.topology().shard(replicaId).isPresent() && model.topology().shard(otherId).isPresent()));
            OperationDraft draft = ui.read(() -> {
                model.selectShard(replicaId);
                OperationDraft d = model.operations().command(OperationKind.REPOINT_REPLICA).prepare().orElseThrow();
                d.choiceProperty().set(d.choices().stream().filter(c -> c.id().equals(otherId)).findFirst().orElseThrow());
                return d;
            });
            assertThat(ui.read(draft::getPredictions)).extracting(SyncPrediction::peerId, SyncPrediction::type)
                    .containsExactly(tuple(replicaId, SyncType.FULL));

            ui.read(() -> model.operations().submit(draft)).get(20, TimeUnit.SECONDS);

            ReplicationWaits.await("the full sync on the timeline, its prediction held").until(() -> ui.read(() ->
                    model.timeline().getAll().stream().anyMatch(e -> e.key().startsWith("op:op-")
                            && e.verdict() == TimelineEntry.Verdict.HELD)));
            assertThat(ReplicationWaits.field(replica.port(), "replication", "master_port"))
                    .isEqualTo(Integer.toString(other.port()));
            assertThat(ui.read(() -> model.timeline().getAll()))
                    .filteredOn(e -> e.kind() == TimelineEntry.Kind.FULL_SYNC && e.involved().contains(":" + replica.port()))
                    .anySatisfy(e -> assertThat(e.causeDetail()).contains("observed: sync_full"));
            model.close();
        }
    }
}
