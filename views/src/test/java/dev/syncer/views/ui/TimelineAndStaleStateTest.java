package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.timeline.SyncExpectation;
import dev.syncer.views.model.timeline.TimelineEntry;
import dev.syncer.views.testing.DefaultLabWindow;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
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
 * The default lab's shape at 1280 × 800 with shards that report each sync from both ends, as the
 * lab's do: a failover shows one timeline row per sync, the columns an operator reads a row by
 * (time, type, who, cause, what happened) show their whole text, and a crashed shard is greyed
 * with how long ago it was last seen, in its card and in the detail panel.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineAndStaleStateTest {

    private static final Duration WAIT = DefaultLabWindow.WAIT;
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final Set<String> KEY_COLUMNS = Set.of("Time", "Type", "Shard / operation", "Cause", "What happened");

    private final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
    private final DefaultLabWindow window = new DefaultLabWindow(clock::get, ScriptedLab::reportBothSides);
    private final ScriptedLab lab = window.lab;
    private ConsoleModel model;

    @Start
    void start(Stage stage) {
        window.show(stage);
        model = window.model;
    }

    @BeforeEach
    void firstSnapshot(FxRobot robot) {
        window.awaitFirstSnapshot(robot);
    }

    @AfterEach
    void stopLab() {
        window.close();
    }

    @Test
    void aFailoverShowsOneTimelineRowPerSyncWithBothEndsViews(FxRobot robot) {
        robot.interact(() -> {
            model.selectShard("east-cache1");
            model.operations().submit(model.operations().command(OperationKind.FAILOVER).prepare().orElseThrow());
        });
        TableView<TimelineEntry> table = robot.lookup("#timeline-table").queryTableView();
        await().atMost(WAIT).until(() -> table.getItems().stream()
                .anyMatch(e -> e.kind() == TimelineEntry.Kind.OPERATION && e.verdict() == TimelineEntry.Verdict.HELD));
        WaitForAsyncUtils.waitForFxEvents();

        List<TimelineEntry> syncs = List.copyOf(table.getItems()).stream()
                .filter(e -> e.kind() != TimelineEntry.Kind.OPERATION).toList();
        assertThat(syncs).as("the failover's syncs").isNotEmpty();
        assertThat(syncs.stream().collect(Collectors.groupingBy(TimelineEntry::subject, Collectors.counting())))
                .as("rows per sync").allSatisfy((subject, rows) -> assertThat(rows).as(subject).isEqualTo(1L));
        assertThat(syncs).allSatisfy(e -> {
            assertThat(e.details()).contains("(primary side) answered").contains("(replica side) asked");
            assertThat(e.verdict()).isEqualTo(TimelineEntry.Verdict.HELD);
            assertThat(e.judgement().expectation()).isEqualTo(SyncExpectation.EXPECTED);
        });
        assertThat(robot.lookup(".kind-surprise").queryAll()).as("no row in the alarm colour").isEmpty();
    }

    @Test
    void aBacklogOverflowReadsAsTheOneSurprise(FxRobot robot) {
        lab.forceFullSyncOf("east-shop2");
        lab.submit(new OperationRequest("restart-1", new Operation.Lifecycle("east-shop2", OperationKind.RESTART_SHARD),
                clock.get()), p -> { }).join();
        TableView<TimelineEntry> table = robot.lookup("#timeline-table").queryTableView();
        // the two ends report separately: wait until the primary's report has joined the replica's
        await("both ends' reports in one row").atMost(WAIT).until(() -> !table.getItems().isEmpty()
                && table.getItems().get(0).causeDetail().contains("replica:"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(List.copyOf(table.getItems())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.FULL_SYNC);
            assertThat(e.judgement().expectation()).isEqualTo(SyncExpectation.SURPRISE);
            assertThat(e.cause()).isEqualTo("offset out of backlog");
            assertThat(e.causeDetail()).isEqualTo("replica: restart from RDB");
        });
        assertThat(robot.lookup(".kind-surprise").match(Node::isVisible).queryAll()).hasSize(1);
    }

    @Test
    void aCrashedShardIsGreyedWithWhenItWasLastSeen(FxRobot robot) {
        lab.submit(new OperationRequest("crash-1", new Operation.Lifecycle("east-cache2", OperationKind.CRASH_SHARD),
                clock.get()), p -> { }).join();
        clock.set(clock.get().plusSeconds(7));
        lab.publish();
        Node card = robot.lookup("#shard-east-cache2").query();
        await().atMost(WAIT).until(() -> card.getPseudoClassStates().contains(STALE));
        Function<String, String> text = q -> robot.lookup(q).<Label>query().getText();
        await().atMost(WAIT).until(() -> text.apply("#shard-east-cache2 .shard-status").equals("last seen 7 s ago"));
        assertThat(text.apply("#shard-east-cache2 .role-badge")).isEqualTo("crashed");

        robot.interact(() -> model.selectShard("east-cache2"));
        await().atMost(WAIT).until(() -> robot.lookup("#detail-stale").<Label>query().isVisible());
        assertThat(text.apply("#detail-stale")).startsWith("crashed · last seen 7 s ago").contains("last INFO");
        assertThat(robot.lookup("#detail").query().getPseudoClassStates()).contains(STALE);

        clock.set(clock.get().plusSeconds(5));
        lab.publish();
        await().atMost(WAIT).until(() -> text.apply("#shard-east-cache2 .shard-status").equals("last seen 12 s ago"));
        await().atMost(WAIT).until(() -> text.apply("#detail-stale").startsWith("crashed · last seen 12 s ago"));
        assertThat(robot.lookup("#shard-east-cache1").query().getPseudoClassStates()).doesNotContain(STALE);
    }

    @Test
    void keyColumnsAreWholeAt1280WithSyncerRowsAndPredictions(FxRobot robot) {
        String east = lab.shard("east-shop1").replid();
        lab.emit(lab.syncEvent("syncer-east-west", "east-shop1", SyncType.FULL, SyncCause.NEW_REPLICA, east, 10_234_567,
                Optional.empty()));
        lab.emit(lab.syncEvent("syncer-north-east", "north-shop1", SyncType.PARTIAL, SyncCause.OFFSET_BEYOND_HISTORY,
                lab.shard("north-shop1").replid(), 558_707, Optional.empty()));
        lab.emit(lab.syncEvent("east-cache3", "east-cache2", SyncType.FULL, SyncCause.OFFSET_OUT_OF_BACKLOG,
                lab.shard("east-cache1").replid(), 100_362, Optional.empty()));
        TableView<TimelineEntry> table = robot.lookup("#timeline-table").queryTableView();
        await().atMost(DefaultLabWindow.WAIT).until(() -> table.getItems().size() == 3);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertKeyColumnsWhole(robot, 3);
        assertThat(List.copyOf(table.getItems())).extracting(TimelineEntry::subject).contains("syncer east→west ← east-shop1");

        robot.interact(() -> {
            model.selectShard("east-cache1");
            model.operations().submit(model.operations().command(OperationKind.FAILOVER).prepare().orElseThrow());
        });
        await().atMost(DefaultLabWindow.WAIT).until(() -> table.getItems().stream()
                .anyMatch(e -> e.kind() == TimelineEntry.Kind.OPERATION && e.verdict() == TimelineEntry.Verdict.HELD));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertKeyColumnsWhole(robot, 4);

        Node filters = robot.lookup(".timeline-filters").query();
        Bounds bar = sceneBounds(filters);
        Bounds shardFilter = sceneBounds(robot.lookup("#shard-filter").query());
        assertThat(shardFilter.getMaxX()).as("the shard filter inside the filters bar").isLessThanOrEqualTo(bar.getMaxX());
        assertThat(bar.getMaxX()).as("the filters bar inside the window").isLessThanOrEqualTo(filters.getScene().getWidth());
    }

    /** Every non-empty cell of a key column draws its whole text (a cut one draws "…"). */
    private static void assertKeyColumnsWhole(FxRobot robot, int atLeastRows) {
        List<TableCell<?, ?>> cells = robot.lookup("#timeline-table .table-cell").match(Node::isVisible).queryAll().stream()
                .<TableCell<?, ?>>map(c -> (TableCell<?, ?>) c)
                .filter(c -> c.getTableColumn() != null && KEY_COLUMNS.contains(c.getTableColumn().getText()))
                .filter(c -> c.getText() != null && !c.getText().isEmpty()).toList();
        assertThat(cells).as("key cells shown").hasSizeGreaterThanOrEqualTo(atLeastRows * KEY_COLUMNS.size());
        for (TableCell<?, ?> cell : cells) {
            Text drawn = (Text) cell.lookup(".text");
            assertThat(cell.getTooltip()).as("the whole text on hover").isNotNull();
            if (isOperationOutcome(cell)) {
                // an operation's outcome is a sentence of the shard's: its verdict first, the rest on hover
                assertThat(drawn.getText()).as("an outcome's first word").startsWith(cell.getText().split(":")[0]);
                continue;
            }
            assertThat(drawn.getText()).as(cell.getTableColumn().getText() + " drawn whole in " + cell.getWidth() + " px of " + cell.getTableView().getWidth()).isEqualTo(cell.getText());
        }
    }

    private static boolean isOperationOutcome(TableCell<?, ?> cell) {
        return "What happened".equals(cell.getTableColumn().getText()) && cell.getTableRow().getItem() instanceof TimelineEntry e
                && e.kind() == TimelineEntry.Kind.OPERATION;
    }

    private static Bounds sceneBounds(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }
}
