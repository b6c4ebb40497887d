package dev.syncer.views.testing;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.ConsolePorts;
import dev.syncer.views.ui.ConsoleView;
import dev.syncer.views.ui.FxUiScheduler;
import dev.syncer.views.ui.Theme;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Puts the real console on a stage over a scripted lab, as the app will over its adapters. */
public final class FxConsole {

    public static final double WIDTH = 1600;
    public static final double HEIGHT = 1000;

    private FxConsole() {
    }

    /** Shows the console for {@code lab} on {@code stage} and starts its model; call on the FX thread. */
    public static ConsoleModel show(Stage stage, ScriptedLab lab, String targetName) {
        return show(stage, lab, targetName, WIDTH, HEIGHT);
    }

    /** As {@link #show(Stage, ScriptedLab, String)} in a window of {@code width} × {@code height}. */
    public static ConsoleModel show(Stage stage, ScriptedLab lab, String targetName, double width, double height) {
        ConsoleModel model = new ConsoleModel(new ConsolePorts(targetName, lab.topology(), lab, lab), new FxUiScheduler());
        ConsoleView view = new ConsoleView(model);
        Scene scene = new Scene(view, width, height);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.setTitle("Syncer Console — " + targetName);
        stage.show();
        model.start();
        return model;
    }

    /** A single daemon thread standing in for the app's own threads. */
    public static ScheduledExecutorService appThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
