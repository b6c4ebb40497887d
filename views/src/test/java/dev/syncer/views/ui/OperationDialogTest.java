package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.topology.ShardModel;
import dev.syncer.views.testing.DefaultLabWindow;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
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
 * The confirmation dialog at 1280 × 800: the window behind it dims while it is open, its rules
 * show no stand-ins, the window takes the next click at once after it closes; disabled actions
 * look disabled and say why.
 */
@ExtendWith(ApplicationExtension.class)
class OperationDialogTest {

    private static final Duration WAIT = DefaultLabWindow.WAIT;

    private final DefaultLabWindow window = new DefaultLabWindow(Instant::now, lab -> lab);
    private final ScriptedLab lab = window.lab;
    private ConsoleModel model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
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
    void theWindowDimsBehindTheDialogWhoseRulesShowNoStandInsAndTakesTheNextClickAfterIt(FxRobot robot) {
        Node root = stage.getScene().getRoot();
        robot.interact(() -> model.selectShard("east-shop1"));
        Platform.runLater(() -> ((ConsoleView) root).actions().get(OperationKind.MIGRATE_PRIMARY_PRESERVING_ROLES)
                .handle(new ActionEvent()));
        await().atMost(WAIT).until(() -> robot.lookup("#operation-dialog").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(root.getEffect()).as("the main window behind the dialog").isSameAs(OperationDialog.DIMMED);
        List<String> rules = robot.lookup("#predictions .prediction-rule").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertThat(rules).isNotEmpty().noneMatch(r -> r.contains("<")).anyMatch(r -> r.contains("east/shop1's new replid")
                || r.contains("'s new replid"));

        robot.clickOn(robot.lookup("#operation-dialog .button").match((Button b) -> b.getText().equals("Cancel"))
                .<Button>query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(root.getEffect()).as("no dimming once it closed").isNull();
        robot.clickOn("#shard-east-cache2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectionProperty().get()).as("the first click after the dialog selects")
                .isInstanceOfSatisfying(ShardModel.class, s -> assertThat(s.id()).isEqualTo("east-cache2"));
    }

    @Test
    void aDisabledActionLooksDisabledAndSaysWhyOnHover(FxRobot robot) {
        robot.interact(() -> model.selectionProperty().set(null));
        WaitForAsyncUtils.waitForFxEvents();
        Button failover = robot.lookup("#button-failover").queryButton();
        assertThat(failover.isDisabled()).isTrue();
        assertThat(failover.getOpacity()).isEqualTo(1.0);
        assertThat(failover.getBorder().getStrokes()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.getTopStyle().getDashArray()).as("dashed outline").isNotEmpty());
        Object tip = ((StackPane) failover.getParent()).getProperties().values().stream()
                .filter(Tooltip.class::isInstance).findFirst().orElse(null);
        assertThat(tip).as("the wrapper's tooltip").isInstanceOfSatisfying(Tooltip.class,
                t -> assertThat(t.getText()).isNotBlank());
    }
}
