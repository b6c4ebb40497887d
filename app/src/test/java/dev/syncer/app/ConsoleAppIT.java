package dev.syncer.app;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.views.model.timeline.TimelineEntry;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real app, headless (Monocle): on a small embedded lab, a failover is triggered from the UI and
 * the new roles and the partial syncs show; attached to a real redis-server with a replica, both
 * servers show with their roles.
 */
class ConsoleAppIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private Application app;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
    }

    /**
     * A wait on the live console; a lookup the busy FX thread could not answer in time is retried
     * until the wait itself runs out.
     */
    private static org.awaitility.core.ConditionFactory awaitUi() {
        return await().atMost(WAIT).ignoreExceptionsInstanceOf(IllegalStateException.class);
    }

    private void launch(String... args) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(ConsoleApp.class, args);
    }

    /** Looks up on the FX thread: the live console changes its scene graph while we search it. */
    private <T> T onFx(java.util.concurrent.Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Node> byId(String id) {
        return onFx(() -> robot.lookup((Node n) -> id.equals(n.getId())).tryQuery());
    }

    private String role(String shardId) {
        return onFx(() -> robot.lookup((Node n) -> ("shard-" + shardId).equals(n.getId())).tryQuery()
                .flatMap(card -> robot.from(card).lookup(".role-badge").<Label>tryQuery())
                .map(Label::getText).orElse(""));
    }

    @Test
    void failoverFromTheUiPromotesTheReplicaAndTheTimelineShowsPartialSyncs() throws Exception {
        Path topology = Files.createTempFile("lab", ".topology");
        Files.writeString(topology, "cluster east nodes=3\ndatabase cache plain east replicas=2\n");
        launch("--lab", topology.toString(), "--no-load");

        awaitUi().until(() -> byId("shard-east/cache/3").isPresent() && "replica".equals(role("east/cache/2")));
        assertThat(role("east/cache/1")).isEqualTo("primary");

        robot.rightClickOn(byId("shard-east/cache/2").orElseThrow());
        robot.clickOn(onFx(() -> robot.lookup("#item-failover").match(Node::isVisible).<Node>query()));
        awaitUi().until(() -> onFx(() -> robot.lookup("#operation-dialog").tryQuery().isPresent()));
        DocsShots.take("failover-1-prediction");
        robot.clickOn(onFx(() -> robot.lookup("#operation-dialog .button").match((Button b) -> b.getText().equals("Failover"))
                .<Button>query()));

        awaitUi().until(() -> "primary".equals(role("east/cache/2")) && "replica".equals(role("east/cache/1")));
        TableView<TimelineEntry> timeline = onFx(() -> robot.lookup("#timeline-table").queryTableView());
        // The old primary's partial sync reaches the timeline over RESP and is attributed to the failover.
        awaitUi().until(() -> onFx(() -> List.copyOf(timeline.getItems())).stream()
                .anyMatch(e -> e.kind() == TimelineEntry.Kind.PARTIAL_SYNC && e.subject().contains("cache/1")
                        && !e.operationLabel().isEmpty()));
        List<TimelineEntry> attributed = onFx(() -> List.copyOf(timeline.getItems())).stream()
                .filter(e -> e.kind() != TimelineEntry.Kind.OPERATION && !e.operationLabel().isEmpty()).toList();
        assertThat(attributed).as("syncs attributed to the failover").isNotEmpty()
                .allSatisfy(e -> assertThat(e.kind()).as(e.subject()).isEqualTo(TimelineEntry.Kind.PARTIAL_SYNC));
        WaitForAsyncUtils.waitForFxEvents();
        DocsShots.take("failover-2-flipped");
        if (DocsShots.wanted()) {
            robot.clickOn(onFx(() -> robot.lookup("#timeline-table").<Node>query()));
            onFx(() -> {
                timeline.getSelectionModel().select(timeline.getItems().stream()
                        .filter(e -> e.kind() == TimelineEntry.Kind.OPERATION).findFirst().orElseThrow());
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            DocsShots.take("failover-3-held");
            for (String tab : List.of("Live charts", "Dashboard")) {
                robot.clickOn(onFx(() -> robot.lookup(".tab-pane .tab-label").match((Label l) -> l.getText().equals(tab))
                        .<Node>query()));
                WaitForAsyncUtils.waitForFxEvents();
                DocsShots.take("failover-4-" + tab.toLowerCase().replace(' ', '-'));
            }
        }
    }

    @Test
    void attachedToRealRedisShowsThePrimaryAndItsReplica() throws Exception {
        try (RealRedis primary = RealRedis.start(); RealRedis replica = RealRedis.start()) {
            replica.cli("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
            launch("--attach", "127.0.0.1:" + replica.port());

            String p = "127.0.0.1:" + primary.port();
            String r = "127.0.0.1:" + replica.port();
            awaitUi().until(() -> byId("shard-" + p).isPresent() && byId("shard-" + r).isPresent()
                    && "primary".equals(role(p)) && "replica".equals(role(r)));
        }
    }
}
