package dev.syncer.views.testing;

import static org.awaitility.Awaitility.await;

import dev.syncer.views.model.ConsoleModel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console on the default lab's shape in a 1280 × 800 window, operations run on a thread of
 * their own: what a UI test at the smallest supported screen starts from.
 */
public final class DefaultLabWindow {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService labThread = FxConsole.appThread("scripted-lab");
    public final ScriptedLab lab;
    public ConsoleModel model;

    /** @param configure adjusts the lab before the window opens ({@code lab -> lab} for none) */
    public DefaultLabWindow(Supplier<Instant> clock, UnaryOperator<ScriptedLab> configure) {
        lab = configure.apply(DefaultLabShape.create(clock)).runOperationsOn(labThread);
    }

    /** From a test's {@code @Start}, on the FX thread. */
    public void show(Stage stage) {
        model = FxConsole.show(stage, lab, "default lab", 1280, 800);
        stage.sizeToScene(); // the stage is shared between tests and one may resize it
    }

    /** Publishes a snapshot and waits until the graph shows it. */
    public void awaitFirstSnapshot(FxRobot robot) {
        lab.publish();
        await().atMost(WAIT).until(() -> robot.lookup("#shard-east-cache2").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    public void close() {
        labThread.shutdownNow();
    }
}
