package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.timeline.TimelineEntry;
import dev.syncer.views.testing.DemoLab;
import dev.syncer.views.testing.FxConsole;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main view rendered headless (Monocle) from the scripted lab: shards are found in the graph,
 * operations are triggered from context menus and confirmed in the dialog, and the timeline shows
 * the predicted against the actual syncs.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleViewTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService labThread = FxConsole.appThread("scripted-lab");
    private ScriptedLab lab;
    private ConsoleModel model;

    @Start
    void start(Stage stage) {
        lab = DemoLab.create(Instant::now)
                .unsupported(OperationKind.CRASH_SHARD, "Needs the lab: Redis has no command to crash a server")
                .runOperationsOn(labThread);
        model = FxConsole.show(stage, lab, "scripted lab");
    }

    @BeforeEach
    void firstSnapshot(FxRobot robot) {
        lab.publish();
        await().atMost(WAIT).until(() -> robot.lookup("#shard-s8").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stopLab() {
        labThread.shutdownNow();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).<Labeled>query().getText();
    }

    private static Node menuItem(FxRobot robot, String id) {
        return robot.lookup("#" + id).match(Node::isVisible).query();
    }

    @Test
    void everyShardSitsInItsNodeWithItsRole(FxRobot robot) {
        for (String id : List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8")) {
            assertThat(robot.lookup("#shard-" + id).tryQuery()).as(id).isPresent();
        }
        assertThat(robot.lookup("#shard-s1 .role-badge").<Label>query().getText()).isEqualTo("primary");
        assertThat(robot.lookup("#shard-s6 .role-badge").<Label>query().getText()).isEqualTo("replica");
        Bounds node = robot.lookup("#node-n1").query().localToScene(robot.lookup("#node-n1").query().getBoundsInLocal());
        Bounds card = robot.lookup("#shard-s1").query().localToScene(robot.lookup("#shard-s1").query().getBoundsInLocal());
        assertThat(node.contains(card)).isTrue();
        assertThat(robot.lookup("#edge-link-s3 .edge-label").<Label>query().getText()).startsWith("+150 ms");
        // between neighbouring clusters the label is stacked, one part per line, to fit the gap
        assertThat(robot.lookup("#edge-y1 .edge-label").<Label>query().getText()).startsWith("orders\nin-sync");
    }

    @Test
    void failoverFromTheContextMenuShowsThePredictionThenWhatHappened(FxRobot robot) {
        robot.rightClickOn("#shard-s5");
        robot.clickOn(menuItem(robot, "item-failover"));
        await().atMost(WAIT).until(() -> robot.lookup("#operation-dialog").tryQuery().isPresent());
        List<String> predicted = robot.lookup("#predictions .prediction-peer").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertThat(predicted).containsExactly("s6  ←  s5", "s4  ←  s5");
        assertThat(robot.lookup("#predictions .sync-badge").queryAllAs(Label.class)).extracting(Label::getText)
                .containsOnly("PARTIAL");
        assertThat(robot.lookup("#predictions .prediction-rule").queryAllAs(Label.class)).extracting(Label::getText)
                .anyMatch(rule -> rule.contains("matches replid2 and offset"));

        robot.clickOn(robot.lookup("#operation-dialog .button").match((Button b) -> b.getText().equals("Failover"))
                .<Button>query());

        TableView<TimelineEntry> table = robot.lookup("#timeline-table").queryTableView();
        await().atMost(WAIT).until(() -> table.getItems().stream()
                .anyMatch(e -> e.kind() == TimelineEntry.Kind.OPERATION && e.verdict() == TimelineEntry.Verdict.HELD));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).filteredOn(e -> e.operationLabel().equals("Failover sessions"))
                .extracting(TimelineEntry::subject, TimelineEntry::expectation)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("s4 ← s5", "predicted partial"),
                        org.assertj.core.groups.Tuple.tuple("s6 ← s5", "predicted partial"));
        assertThat(robot.lookup(".verdict-held").queryAll()).isNotEmpty();
        assertThat(text(robot, "#shard-s5 .role-badge")).isEqualTo("primary");
        assertThat(lab.submitted()).singleElement().satisfies(r -> assertThat(r.operation().kind()).isEqualTo(OperationKind.FAILOVER));
    }

    @Test
    void timelineFiltersAndExplainsTheSelectedRow(FxRobot robot) {
        lab.emit(lab.syncEvent("s2", "s1", dev.syncer.views.model.port.SyncType.PARTIAL, dev.syncer.views.model.port.SyncCause.LINK_DROP,
                DemoLab.ORDERS_REPLID, 48_100_000, java.util.Optional.empty()));
        lab.emit(lab.syncEvent("s8", "s7", dev.syncer.views.model.port.SyncType.FULL, dev.syncer.views.model.port.SyncCause.OFFSET_OUT_OF_BACKLOG,
                DemoLab.WEST_REPLID, 21_000_000, java.util.Optional.empty()));
        TableView<TimelineEntry> table = robot.lookup("#timeline-table").queryTableView();
        await().atMost(WAIT).until(() -> table.getItems().size() == 2);
        robot.clickOn("#filter-partial");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(TimelineEntry::subject).containsExactly("s8 ← s7");
        TimelineEntry full = table.getItems().getFirst();
        robot.clickOn(robot.lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getItem() == full).<Node>query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#timeline-details").queryTextInputControl().getText())
                .startsWith("full sync of s8 from s7").contains("cause: offset out of backlog").contains("loading rdb");
    }

    @Test
    void liveChartsFollowTheSelectedShardAndTheDashboardShowsHeadlines(FxRobot robot) {
        robot.clickOn("#shard-s7");
        for (int i = 0; i < 3; i++) {
            lab.run(Duration.ofMillis(600));
            lab.publish();
            WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        robot.clickOn("#tab-live-charts");
        javafx.scene.chart.LineChart<?, ?> chart = robot.lookup("#live-charts .chart").query();
        // Lag is charted for what reads from s7: its replica and the syncer west→east; a primary has none.
        await().atMost(WAIT).until(() -> chart.getData().size() == 2);
        assertThat(chart.getData()).extracting(javafx.scene.chart.XYChart.Series::getName)
                .containsExactly("s8", "syncer west→east");

        robot.clickOn("#tab-dashboard");
        WaitForAsyncUtils.waitForFxEvents();
        List<eu.hansolo.tilesfx.Tile> tiles = robot.from(robot.lookup("#dashboard").<Node>query())
                .lookup((Node n) -> n instanceof eu.hansolo.tilesfx.Tile).queryAllAs(eu.hansolo.tilesfx.Tile.class).stream().toList();
        assertThat(tiles).extracting(eu.hansolo.tilesfx.Tile::getTitle).contains("Shards up", "Syncers in sync");
        await().atMost(WAIT).until(() -> tiles.stream().filter(t -> t.getTitle().equals("Shards up"))
                .allMatch(t -> t.getValue() == 8));
    }

    @Test
    void unsupportedActionSaysWhyInTheMenu(FxRobot robot) {
        robot.rightClickOn("#shard-s1");
        Node crash = menuItem(robot, "item-crash-shard");
        assertThat(robot.from(crash).lookup(".action-reason").<Label>query().getText())
                .isEqualTo("Needs the lab: Redis has no command to crash a server");
        robot.clickOn(crash);
        assertThat(lab.submitted()).isEmpty();
    }

    @Test
    void disabledToolbarButtonKeepsATooltipThatExplains(FxRobot robot) {
        robot.interact(() -> model.selectionProperty().set(null));
        Button failover = robot.lookup("#button-failover").queryButton();
        assertThat(failover.isDisabled()).isTrue();
        Tooltip tip = (Tooltip) failover.getParent().getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip.getText()).isEqualTo("Select a primary, or the replica to promote");
    }

    @Test
    void cancellingTheConfirmationSubmitsNothing(FxRobot robot) {
        robot.rightClickOn("#shard-s2");
        robot.clickOn(menuItem(robot, "item-stop-shard"));
        await().atMost(WAIT).until(() -> robot.lookup("#operation-dialog").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#operation-dialog .button").match((Button b) -> b.getText().equals("Cancel"))
                .<Button>query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#operation-dialog").tryQuery()).isEmpty();
        assertThat(lab.submitted()).isEmpty();
    }

    @Test
    void selectingAShardShowsItsFieldsAndItsRunway(FxRobot robot) {
        robot.clickOn("#shard-s1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#detail .detail-title")).isEqualTo("s1 · primary");
        assertThat(robot.lookup("#detail .field-value").queryAllAs(Label.class)).extracting(Label::getText).contains("8f3a12…");
        assertThat(robot.lookup("#detail .runway-reader").queryAllAs(Label.class)).extracting(Label::getText)
                .anyMatch(t -> t.startsWith("syncer east→west")).anyMatch(t -> t.startsWith("s2"));
    }

    @Test
    void aLongOperationShowsProgressWhileTheUiStaysResponsive(FxRobot robot) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        lab.runOperationsOn(task -> labThread.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        }));
        robot.rightClickOn("#edge-link-s3 .edge-label");
        robot.clickOn(menuItem(robot, "item-heal-link"));
        assertThat(started.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#operation-status")).startsWith("Heal link s3 ← s1 — submitted");

        robot.clickOn("#shard-s2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#detail .detail-title")).isEqualTo("s2 · replica of s1");

        release.countDown();
        await().atMost(WAIT).until(() -> text(robot, "#operation-status").contains("done"));
    }
}
