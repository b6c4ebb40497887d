package dev.syncer.app.attach;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.print.PrintCommand;
import dev.syncer.app.redis.RedisConsole;
import dev.syncer.app.testing.ConsoleRobot;
import dev.syncer.app.testing.RealSentinels;
import dev.syncer.app.testing.ThreadUiScheduler;
import dev.syncer.engine.testing.Cli;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attached to a Sentinel deployment of real redis-servers (1 primary, 2 replicas, 3 sentinels):
 * discovery, {@code --print}, and failovers Sentinel performs, seen on the timeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelAttachIT {

    private RealSentinels deployment;

    @BeforeAll
    void start() {
        deployment = RealSentinels.start(2, 3);
    }

    @AfterAll
    void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    private Target sentinel() {
        return Target.of("127.0.0.1", deployment.sentinels().getFirst().port());
    }

    /** The server Sentinel holds for the master now. */
    private int currentPrimaryPort() {
        return RealSentinels.primaryPort(deployment.sentinels().getFirst().port());
    }

    @Test
    @Order(1)
    void discoversOneTreePerMasterNameWithItsReplicasAndTheSentinels() {
        assertDiscoversTheDeployment(sentinel(), deployment);
    }

    /** Discovery from {@code sentinel} finds one tree named by the master, its servers and every sentinel. */
    static void assertDiscoversTheDeployment(Target sentinel, RealSentinels deployment) {
        try (ProbePool probes = new ProbePool()) {
            Discovery discovery = Discovery.at(sentinel, probes);
            Deployment d = discovery.discover();

            assertThat(discovery.kind()).isEqualTo(DeploymentKind.SENTINEL);
            assertThat(d.trees()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo(RealSentinels.MASTER);
                assertThat(t.primary()).get().extracting(m -> m.target().port()).isEqualTo(deployment.primary().port());
                assertThat(t.members()).extracting(m -> m.target().port()).containsExactlyInAnyOrderElementsOf(
                        deployment.servers().stream().map(RealRedis::port).toList());
                assertThat(t.facts()).containsEntry("quorum", "2").containsEntry("o_down", "false");
            });
            assertThat(d.sentinels()).extracting(m -> m.target().port()).containsExactlyInAnyOrderElementsOf(
                    deployment.sentinels().stream().map(RealSentinels.Sentinel::port).toList());
        }
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void printListsTheTreeWithRolesAndReplids() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = PrintCommand.run(List.of("--attach", sentinel().id(), "--print"), new PrintStream(out, true),
                System.err);

        assertThat(code).isZero();
        Map<String, Object> doc = (Map<String, Object>) Json.parse(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(doc).containsEntry("kind", "sentinel");
        assertThat((List<Object>) doc.get("sentinels")).hasSize(3);
        List<Map<String, Object>> trees = (List<Map<String, Object>>) doc.get("trees");
        assertThat(trees).singleElement().satisfies(t -> assertThat(t).containsEntry("name", RealSentinels.MASTER));
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) trees.getFirst().get("nodes");
        String replid = ReplicationWaits.field(deployment.primary().port(), "replication", "master_replid");
        assertThat(nodes).hasSize(3).allSatisfy(n -> assertThat(n).containsEntry("replid", replid));
        assertThat(nodes).filteredOn(n -> "primary".equals(n.get("role")))
                .singleElement().satisfies(n -> assertThat(n).containsEntry("endpoint", "127.0.0.1:" + deployment.primary().port()));
        assertThat(nodes).filteredOn(n -> "replica".equals(n.get("role"))).hasSize(2)
                .allSatisfy(n -> assertThat((Map<String, Object>) n.get("upstream")).containsEntry("link", "up"));
    }

    @Test
    @Order(3)
    void printWatchShowsASentinelFailoversRowsAsTheyHappen() throws Exception {
        int was = currentPrimaryPort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> PrintCommand.run(
                List.of("--attach", sentinel().id(), "--print", "--watch", "10"), new PrintStream(out, true), System.err));
        ReplicationWaits.await("--print --watch printing").until(() -> out.size() > 0);

        assertThat(Cli.run(deployment.sentinels().getFirst().port(), "SENTINEL", "FAILOVER", RealSentinels.MASTER))
                .contains("OK");

        assertThat(watching.get(30, TimeUnit.SECONDS)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("\"event\":\"+try-failover\"", "\"event\":\"+switch-master\"");
        assertThat(printed).containsPattern("\"row\":\"operation\".*\"status\":\"succeeded\",\"summary\":\"Sentinel switched "
                + RealSentinels.MASTER + " 127.0.0.1:" + was);
        int promoted = currentPrimaryPort();
        assertThat(promoted).isNotEqualTo(was);
        // The replica Sentinel re-pointed resynced from the new primary; its kind is what the new
        // primary counted (a forced failover may leave it ahead of the promoted one: then full).
        int repointed = deployment.servers().stream().mapToInt(RealRedis::port)
                .filter(p -> p != was && p != promoted).findFirst().orElseThrow();
        assertThat(printed).containsPattern("\"row\":\"sync\",[^\\n]*\"receiver\":\"127.0.0.1:" + repointed
                + "\"[^\\n]*\"peer\":\"127.0.0.1:" + promoted
                + "\",\"cause\":\"manual-replicaof\",\"detail\":\"primary changed[^\"]*observed: sync_");
    }

    @Test
    @Order(4)
    void sentinelFailoverFromTheConsoleIsPredictedPerformedAndItsPredictionsHold() throws Exception {
        int was = currentPrimaryPort();
        awaitAllLinksUp();
        try (RedisConsole console = new RedisConsole(sentinel()); ThreadUiScheduler ui = new ThreadUiScheduler()) {
            ConsoleModel model = new ConsoleModel(console.ports(), ui);
            model.start();
            String primaryId = "127.0.0.1:" + was;
            ReplicationWaits.await("the console shows " + primaryId).until(() -> ui.read(() ->
                    model.topology().shard(primaryId).isPresent()));
            // Sentinel picks the replica itself, from its own view of the replicas
            String chosen = sentinelsChoice();
            OperationDraft draft = ui.read(() -> {
                model.selectShard(primaryId);
                OperationDraft d = model.operations().command(OperationKind.FAILOVER).prepare().orElseThrow();
                d.choiceProperty().set(d.choices().stream().filter(c -> c.id().equals(chosen)).findFirst().orElseThrow());
                return d;
            });
            assertThat(draft.getPredictions()).isNotEmpty();

            ui.read(() -> model.operations().submit(draft)).get(40, TimeUnit.SECONDS);

            ReplicationWaits.await("the failover's predictions held").atMost(java.time.Duration.ofSeconds(40)).until(() ->
                    ui.read(() -> model.timeline().getAll().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.OPERATION
                            && e.key().startsWith("op:") && e.verdict() == TimelineEntry.Verdict.HELD)));
            List<TimelineEntry> rows = ui.read(() -> List.copyOf(model.timeline().getAll()));
            assertThat(rows).filteredOn(e -> e.kind() == TimelineEntry.Kind.OPERATION && e.summary().contains("Sentinel switched"))
                    .isNotEmpty();
            assertThat(rows).filteredOn(e -> e.kind() == TimelineEntry.Kind.PARTIAL_SYNC).hasSizeGreaterThanOrEqualTo(2);
            assertThat(currentPrimaryPort()).as("primary after the failover; timeline %s", rows).isNotEqualTo(was);
            model.close();
        }
    }

    @Test
    @Order(5)
    void sentinelFailoverFromTheWindowShowsSentinelsRowAndThePartialSyncsWithThePredictionHeld() throws Exception {
        int was = currentPrimaryPort();
        awaitAllLinksUp();
        String primaryId = "127.0.0.1:" + was;
        List<String> replicaIds = deployment.servers().stream().filter(s -> s.port() != was)
                .map(s -> "127.0.0.1:" + s.port()).toList();
        try (ConsoleRobot window = ConsoleRobot.launch("--attach", sentinel().id())) {
            try {
                ConsoleRobot.awaitWindow("the window shows the tree").until(() -> "primary".equals(window.role(primaryId))
                        && replicaIds.stream().allMatch(id -> "replica".equals(window.role(id))));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("roles in the window: " + primaryId + "=" + window.role(primaryId) + " "
                        + replicaIds.stream().map(id -> id + "=" + window.role(id)).toList(), e);
            }
            String chosen = sentinelsChoice();

            window.failoverFrom(chosen, chosen);

            ConsoleRobot.awaitWindow("the roles flipped in the window").until(() ->
                    "primary".equals(window.role(chosen)) && "replica".equals(window.role(primaryId)));
            ConsoleRobot.awaitWindow("Sentinel's row and the prediction held").until(() -> {
                        List<TimelineEntry> rows = window.timeline();
                        return rows.stream().anyMatch(e -> e.summary().contains("Sentinel switched " + RealSentinels.MASTER))
                                && rows.stream().anyMatch(e -> e.key().startsWith("op:op-")
                                && e.verdict() == TimelineEntry.Verdict.HELD);
                    });
            assertThat(window.timeline()).filteredOn(e -> e.kind() == TimelineEntry.Kind.PARTIAL_SYNC)
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    private void awaitAllLinksUp() {
        ReplicationWaits.await("every replica streaming from the current primary").until(() -> {
            int primary = currentPrimaryPort();
            return deployment.servers().stream().filter(s -> s.port() != primary).allMatch(s -> {
                Map<String, String> r = ReplicationWaits.info(s.port(), "replication");
                return "up".equals(r.get("master_link_status")) && r.get("master_port").equals(Integer.toString(primary));
            });
        });
    }

    /**
     * Steers Sentinel the way operators do: the replica with the lowest run id gets replica-priority
     * 50, the other servers 100, and once the first sentinel (the one the console asks) has seen
     * that in its INFO, sentinelSelectSlave over its view picks that replica whatever the offsets —
     * and keeps picking it when the view refreshes. Sentinel's view refreshes replica by replica,
     * every 10 s, so offsets alone would leave the pick to chance.
     */
    private String sentinelsChoice() {
        int primary = currentPrimaryPort();
        RealRedis steered = deployment.servers().stream().filter(s -> s.port() != primary)
                .min(Comparator.comparing(s -> ReplicationWaits.field(s.port(), "server", "run_id"))).orElseThrow();
        for (RealRedis s : deployment.servers()) {
            Cli.run(s.port(), "CONFIG", "SET", "replica-priority", s == steered ? "50" : "100");
        }
        String id = "127.0.0.1:" + steered.port();
        try (ProbePool probes = new ProbePool()) {
            var sentinel = probes.probe(sentinel());
            ReplicationWaits.await("Sentinel's view: " + id + " at replica-priority 50, its pick").until(() -> {
                List<SentinelPromotion.Candidate> view = SentinelPromotion.candidates(
                        sentinel.call("SENTINEL", "REPLICAS", RealSentinels.MASTER));
                return SentinelPromotion.sentinelSelectSlave(SentinelPromotion.Master.ofReply(
                                sentinel.call("SENTINEL", "MASTER", RealSentinels.MASTER)), view)
                        .filter(c -> c.id().equals(id) && c.priority() == 50).isPresent();
            });
        }
        return id;
    }
}
