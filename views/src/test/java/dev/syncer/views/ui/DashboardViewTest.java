package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncer.views.testing.FxConsole;
import dev.syncer.views.testing.ScriptedLab;
import eu.hansolo.tilesfx.Tile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard at 1280 × 800 on a deployment without syncers (as over real Redis): no syncer
 * tiles, and the tiles it shows are all of one size and inside the window.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardViewTest {

    private final ExecutorService labThread = FxConsole.appThread("scripted-lab");
    private ScriptedLab lab;

    @Start
    void start(Stage stage) {
        lab = new ScriptedLab(Instant::now);
        lab.cluster("c1", "east");
        lab.node("n1", "c1", "n1").node("n2", "c1", "n2");
        lab.database("db", "db", false);
        lab.primary("s1", "n1", "db", 7001, "aaaa11112222333344445555666677778888aaaa", 10_000).backlog(8000, 2001);
        lab.replica("s2", "n2", "s1", 7002, 9_990).backlog(8000, 1991);
        lab.runOperationsOn(labThread);
        FxConsole.show(stage, lab, "redis://127.0.0.1:7001", 1280, 800);
        ((ConsoleView) stage.getScene().getRoot()).showTab("Dashboard");
    }

    @AfterEach
    void stopLab() {
        labThread.shutdownNow();
    }

    @Test
    void withoutSyncersNoSyncerTileAndEveryTileOfOneSizeInsideTheWindow(FxRobot robot) {
        lab.publish();
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#shard-s2").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        DashboardView dashboard = robot.lookup("#dashboard").query();
        List<Tile> shown = dashboard.shownTiles();
        assertThat(shown).extracting(Tile::getTitle).doesNotContain("Syncers in sync", "Worst syncer lag")
                .contains("Shards up", "Thinnest runway", "Full syncs");
        assertThat(shown).extracting(Node::getLayoutBounds).extracting(Bounds::getWidth).containsOnly(
                shown.getFirst().getLayoutBounds().getWidth());
        double windowWidth = dashboard.getScene().getWidth();
        for (Tile t : shown) {
            Bounds b = t.localToScene(t.getLayoutBounds());
            assertThat(b.getMaxX()).as(t.getTitle()).isLessThanOrEqualTo(windowWidth);
            assertThat(b.getWidth()).as(t.getTitle()).isGreaterThanOrEqualTo(150);
        }
    }
}
