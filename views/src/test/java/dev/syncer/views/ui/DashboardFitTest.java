package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncer.views.testing.DefaultLabShape;
import dev.syncer.views.testing.FxConsole;
import dev.syncer.views.testing.ScriptedLab;
import eu.hansolo.tilesfx.Tile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard of the default lab (ten tiles, syncers included) at 1600 × 1000 and at 1280 × 800:
 * every tile whole in view without a scroll, large enough that its title reads at 11 px; back on
 * the timeline, the graph gets its height back.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardFitTest {

    /** TilesFX draws a title at 8% of a tile's smaller side (TextSize.BIGGER): 11 px from 138 px. */
    private static final double READABLE_SIDE = 138;

    private ScriptedLab lab;
    private Stage stage;
    private ConsoleView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        lab = DefaultLabShape.create(Instant::now);
        FxConsole.show(stage, lab, "default lab", 1600, 1000);
        stage.sizeToScene();
        view = (ConsoleView) stage.getScene().getRoot();
    }

    @Test
    void everyTileFitsWithoutScrollingAt1600And1280(FxRobot robot) {
        lab.publish();
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#shard-north-shop2").tryQuery().isPresent());
        Node graph = robot.lookup(".graph-scroll").query();
        double graphHeight = graph.getBoundsInLocal().getHeight();
        robot.interact(() -> view.showTab("Dashboard"));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTilesFit(robot);

        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTilesFit(robot);

        robot.interact(() -> {
            stage.setWidth(1600);
            stage.setHeight(1000);
            view.showTab("Timeline");
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        assertThat(graph.getBoundsInLocal().getHeight()).as("the graph's height back").isCloseTo(graphHeight,
                org.assertj.core.data.Offset.offset(2.0));
    }

    private static void assertTilesFit(FxRobot robot) {
        DashboardView dashboard = robot.lookup("#dashboard").query();
        for (Parent p = dashboard.getParent(); p != null; p = p.getParent()) {
            assertThat(p).as("no scroll around the dashboard").isNotInstanceOf(ScrollPane.class);
        }
        List<Tile> shown = dashboard.shownTiles();
        assertThat(shown).hasSize(10);
        Bounds pane = dashboard.localToScene(dashboard.getLayoutBounds());
        double sceneWidth = dashboard.getScene().getWidth();
        double sceneHeight = dashboard.getScene().getHeight();
        for (Tile t : shown) {
            Bounds b = t.localToScene(t.getLayoutBounds());
            assertThat(pane.contains(b)).as(t.getTitle() + " " + b + " inside the dashboard " + pane).isTrue();
            assertThat(b.getMaxX()).as(t.getTitle()).isLessThanOrEqualTo(sceneWidth);
            assertThat(b.getMaxY()).as(t.getTitle()).isLessThanOrEqualTo(sceneHeight);
            assertThat(Math.min(b.getWidth(), b.getHeight())).as(t.getTitle() + " smaller side")
                    .isGreaterThanOrEqualTo(READABLE_SIDE);
        }
    }

    @Test
    void theGridTakesTheColumnCountWithTheLargestTiles() {
        // short and wide: one row of ten
        assertThat(DashboardView.Grid.of(10, 1580, 230, 8, 2)).isEqualTo(new DashboardView.Grid(10, 150, 150));
        // taller: two rows of five, no tile wider than twice its height
        assertThat(DashboardView.Grid.of(10, 1580, 430, 8, 2)).isEqualTo(new DashboardView.Grid(5, 309, 211));
        // narrow and tall: rows of two
        assertThat(DashboardView.Grid.of(8, 420, 900, 8, 2).columns()).isEqualTo(2);
    }
}
