package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.charts.Metric;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.testing.DemoLab;
import dev.syncer.views.testing.FxConsole;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live charts at 1280 × 800: an operation appears as a mark on the time axis, the legend lies
 * inside the window, the backlog is charted in bytes and in seconds of runway, and hovering the
 * plot shows each series' value.
 */
@ExtendWith(ApplicationExtension.class)
class LiveChartsViewTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ExecutorService labThread = FxConsole.appThread("scripted-lab");
    private ScriptedLab lab;
    private ConsoleModel model;

    @Start
    void start(Stage stage) {
        lab = DemoLab.create(Instant::now).runOperationsOn(labThread);
        model = FxConsole.show(stage, lab, "scripted lab", 1280, 800);
        ((ConsoleView) stage.getScene().getRoot()).showTab("Live charts");
    }

    @AfterEach
    void stopLab() {
        labThread.shutdownNow();
    }

    @Test
    void anOperationIsMarkedOnTheTimeAxisAndTheLegendFits(FxRobot robot) {
        lab.publish();
        await().atMost(WAIT).until(() -> robot.lookup("#shard-s4").tryQuery().isPresent());
        // As the lab's and Redis's operation ports announce every operation, this console's or not.
        lab.emit(new OperationEvent("op-1", Instant.now(), OperationKind.FAILOVER, OperationEvent.Status.STARTED,
                "failover to s4"));
        await().atMost(WAIT).until(() -> {
            lab.publish();
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup(".operation-mark-label").tryQuery()
                    .map(n -> ((Label) n).getText().equals(OperationKind.FAILOVER.label())).orElse(false);
        });
        Node legend = robot.lookup(".chart-legend").query();
        Bounds b = legend.localToScene(legend.getLayoutBounds());
        assertThat(b.getMaxX()).isLessThanOrEqualTo(legend.getScene().getWidth());
        assertThat(b.getMaxY()).isLessThanOrEqualTo(legend.getScene().getHeight());
        assertThat(model.live().metricProperty().get().unit()).isNotEqualTo("%");
    }

    @Test
    void hoveringThePlotShowsTheValues(FxRobot robot) {
        lab.publish();
        await().atMost(WAIT).until(() -> robot.lookup("#shard-s1").tryQuery().isPresent());
        Platform.runLater(() -> {
            model.selectShard("s1");
            model.live().metricProperty().set(Metric.BACKLOG_USED);
        });
        await().atMost(WAIT).until(() -> {
            lab.run(Duration.ofMillis(600));
            lab.publish();
            WaitForAsyncUtils.waitForFxEvents();
            return !model.live().getSeries().isEmpty() && !model.live().getSeries().getFirst().points().isEmpty();
        });
        robot.moveTo(robot.lookup(".chart-plot-background").<Node>query());
        await().atMost(WAIT).until(() -> robot.lookup("#chart-hover").<Label>query().isVisible());
        assertThat(robot.lookup("#chart-hover").<Label>query().getText()).contains("s ago").contains("s1: ");
    }
}
