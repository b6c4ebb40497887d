package dev.syncer.app.testing;

import dev.syncer.app.ConsoleApp;
import dev.syncer.views.model.timeline.TimelineEntry;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real console app, headless (Monocle), as a test drives it: launch it with command-line
 * arguments, look at its cards and timeline, run an operation from a card's menu. Lookups run on
 * the FX thread, since the live console changes its scene graph while a test searches it.
 */
public final class ConsoleRobot implements AutoCloseable {

    private final FxRobot robot = new FxRobot();
    private final Application app;

    private ConsoleRobot(Application app) {
        this.app = app;
    }

    public static ConsoleRobot launch(String... args) throws Exception {
        FxToolkit.registerPrimaryStage();
        return new ConsoleRobot(FxToolkit.setupApplication(ConsoleApp.class, args));
    }

    /**
     * A named wait on the window: polled every half second, since each look runs on the FX thread,
     * which also draws the live console (in software, headless).
     */
    public static org.awaitility.core.ConditionFactory awaitWindow(String what) {
        return await(what).atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(500))
                .ignoreExceptions();
    }

    public FxRobot robot() {
        return robot;
    }

    public <T> T onFx(Callable<T> query) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Node> byId(String id) {
        return onFx(() -> robot.lookup((Node n) -> id.equals(n.getId())).tryQuery());
    }

    /** The role badge of a shard's card: primary, replica, its state ("crashed") while it does not answer, or "" while not shown. */
    public String role(String shardId) {
        return onFx(() -> robot.lookup((Node n) -> ("shard-" + shardId).equals(n.getId())).tryQuery()
                .flatMap(card -> robot.from(card).lookup(".role-badge").<Label>tryQuery())
                .map(Label::getText).orElse(""));
    }

    /** A shard card's headline: the tree it is in (a master name, a shard's slots) and its port. */
    public String headline(String shardId) {
        return onFx(() -> robot.lookup((Node n) -> ("shard-" + shardId).equals(n.getId())).tryQuery()
                .flatMap(card -> robot.from(card).lookup(".shard-headline").<Label>tryQuery())
                .map(Label::getText).orElse(""));
    }

    /** What the progress screen says while the console opens; "" once the console shows. */
    public String splashMessage() {
        return onFx(() -> robot.lookup("#splash-message").<Label>tryQuery().map(Label::getText).orElse(""));
    }

    /** The timeline's rows as the table holds them now. */
    public List<TimelineEntry> timeline() {
        TableView<TimelineEntry> table = onFx(() -> robot.lookup("#timeline-table").queryTableView());
        return onFx(() -> List.copyOf(table.getItems()));
    }

    /**
     * Failover from a shard card's menu, confirmed in the operation dialog; {@code choiceId} picks
     * the replica to promote when not null.
     */
    public void failoverFrom(String shardId, String choiceId) {
        robot.rightClickOn(byId("shard-" + shardId).orElseThrow());
        robot.clickOn(onFx(() -> robot.lookup("#item-failover").match(Node::isVisible).<Node>query()));
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> onFx(() ->
                robot.lookup("#operation-dialog").tryQuery().isPresent()));
        if (choiceId != null) {
            onFx(() -> {
                ComboBox<Object> choice = robot.lookup("#draft-choice").query();
                choice.getItems().stream().filter(c -> c.toString().startsWith(choiceName(choiceId))).findFirst()
                        .ifPresent(c -> choice.getSelectionModel().select(c));
                return null;
            });
        }
        robot.clickOn(onFx(() -> robot.lookup("#operation-dialog .button").match((Button b) -> b.getText().equals("Failover"))
                .<Button>query()));
    }

    /** A choice reads "{name} on {node} · offset …"; a real server's name is ":port". */
    private static String choiceName(String shardId) {
        return ":" + shardId.substring(shardId.lastIndexOf(':') + 1) + " ";
    }

    @Override
    public void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }
}
