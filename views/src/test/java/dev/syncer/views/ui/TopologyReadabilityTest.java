package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.testing.DefaultLabShape;
import dev.syncer.views.testing.FxConsole;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The topology as a new operator first sees it: the default lab's shape in a 1280 × 800 window,
 * readable without zooming, every cluster in view after the shape or the window changes, and the
 * zoom controls off the cards.
 */
@ExtendWith(ApplicationExtension.class)
class TopologyReadabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final double READABLE_PX = 11;

    private ScriptedLab lab;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        lab = DefaultLabShape.create(Instant::now);
        FxConsole.show(stage, lab, "default lab", 1280, 800);
        stage.sizeToScene(); // the stage is shared between tests and one of them resizes it
    }

    @BeforeEach
    void firstSnapshot(FxRobot robot) {
        lab.publish();
        await().atMost(WAIT).until(() -> robot.lookup("#shard-north-shop2").tryQuery().isPresent());
        settle();
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents(5);
    }

    @Test
    void smallestCardTextIsReadableAtTheDefaultFit(FxRobot robot) {
        List<Text> texts = robot.lookup(".shard-card .text").match(Node::isVisible).queryAllAs(Text.class).stream()
                .filter(t -> !t.getText().isEmpty()).toList();
        assertThat(texts).hasSizeGreaterThan(9 * 3);
        double smallest = texts.stream().mapToDouble(TopologyReadabilityTest::renderedSize).min().orElseThrow();
        assertThat(smallest).as("smallest card text in screen pixels").isGreaterThanOrEqualTo(READABLE_PX);
    }

    @Test
    void everyClusterStaysInViewAfterAMigrationAndAfterAResize(FxRobot robot) {
        assertClustersInView(robot);
        lab.submit(new OperationRequest("migrate-1", new Operation.MigrateReplica("west-shop2", "west3"), Instant.now()), p -> { });
        lab.publish();
        // Redraws are throttled: wait, by name, until the graph shows the move.
        try {
            // Mid-redraw the card may be in neither node: that is "not yet", not an error. Looked up on
            // the FX thread: a lookup from this one can meet a child list the redraw is changing.
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> robot.lookup("#node-west3").tryQuery()
                            .flatMap(node -> robot.lookup("#shard-west-shop2").tryQuery()
                                    .map(card -> sceneBounds(node).contains(sceneBounds(card))))
                            .orElse(false)).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the moved replica is never drawn in its new node", e);
        }
        settle();
        assertClustersInView(robot);
        robot.interact(() -> {
            stage.setWidth(1100);
            stage.setHeight(720);
        });
        settle();
        assertClustersInView(robot);
    }

    @Test
    void zoomControlsCoverNoCard(FxRobot robot) {
        Bounds controls = sceneBounds(robot.lookup(".zoom-controls").query());
        for (Node card : robot.lookup(".shard-card").queryAll()) {
            assertThat(sceneBounds(card).intersects(controls)).as(card.getId()).isFalse();
        }
    }

    @Test
    void aTreeSharesOneReplidColourAndTheDetailPanelShowsTheWholeReplid(FxRobot robot) {
        assertThat(chipOf(robot, "east-shop2")).isEqualTo(chipOf(robot, "east-shop1"));
        assertThat(chipOf(robot, "east-cache3")).isEqualTo(chipOf(robot, "east-cache1"));
        assertThat(chipOf(robot, "west-shop1")).isNotEqualTo(chipOf(robot, "east-shop1"));
        assertThat(chipOf(robot, "east-cache1")).isNotEqualTo(chipOf(robot, "east-shop1"));
        robot.clickOn("#shard-east-shop2");
        settle();
        String replid = lab.shard("east-shop1").replid();
        TextField full = robot.lookup("#detail .replid-full").queryAs(TextField.class);
        assertThat(full.getText()).isEqualTo(replid);
        assertThat(full.isEditable()).isFalse();
        robot.interact(full::selectAll);
        assertThat(full.getSelectedText()).as("selectable, so it can be copied").isEqualTo(replid);
        Circle detailChip = robot.lookup("#detail .replid-chip").queryAs(Circle.class);
        assertThat(detailChip.getFill()).isEqualTo(chipOf(robot, "east-shop1"));
    }

    @Test
    void theDetailPanelShowsEveryValueAndTheWholeReplidAt1280(FxRobot robot) {
        robot.clickOn("#shard-east-shop1");
        settle();
        List<javafx.scene.control.Label> values = robot.lookup("#detail .field-value").queryAllAs(javafx.scene.control.Label.class)
                .stream().toList();
        assertThat(values).hasSizeGreaterThan(10);
        for (javafx.scene.control.Label value : values) {
            Text drawn = (Text) value.lookup(".text");
            assertThat(drawn.getText()).as("the value drawn, not cut").isEqualTo(value.getText());
        }
        TextField full = robot.lookup("#detail .replid-full").queryAs(TextField.class);
        Text measure = new Text(full.getText());
        measure.setFont(full.getFont());
        double room = full.getWidth() - full.getInsets().getLeft() - full.getInsets().getRight();
        assertThat(measure.getLayoutBounds().getWidth()).as("the whole replid fits its field").isLessThanOrEqualTo(room);
    }

    @Test
    void everyProxyLineIsDrawnWholeAt1280(FxRobot robot) {
        List<javafx.scene.control.Label> lines = robot.lookup(".proxy-line").queryAllAs(javafx.scene.control.Label.class)
                .stream().toList();
        assertThat(lines).hasSize(4); // shop in each of three clusters, cache in east
        for (javafx.scene.control.Label line : lines) {
            Text drawn = (Text) line.lookup(".text");
            assertThat(drawn.getText()).as("the proxy line drawn, not cut: its port is what one connects to")
                    .isEqualTo(line.getText());
        }
    }

    private static Paint chipOf(FxRobot robot, String shard) {
        return robot.lookup("#shard-" + shard + " .replid-chip").queryAs(Circle.class).getFill();
    }

    private static void assertClustersInView(FxRobot robot) {
        Bounds view = sceneBounds(robot.lookup(".graph-scroll .viewport").query());
        for (Node cluster : robot.lookup(".cluster-box").queryAll()) {
            Bounds b = sceneBounds(cluster);
            assertThat(view.contains(b)).as(cluster.getId() + " " + b + " in " + view).isTrue();
        }
    }

    private static Bounds sceneBounds(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    /** A text's font size as drawn on the screen: its size times every scale above it. */
    private static double renderedSize(Text t) {
        return t.getFont().getSize() * t.getLocalToSceneTransform().getMxx();
    }
}
