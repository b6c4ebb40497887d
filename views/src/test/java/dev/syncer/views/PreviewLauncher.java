package dev.syncer.views;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.testing.DemoLab;
import dev.syncer.views.testing.FxConsole;
import dev.syncer.views.testing.LoadLab;
import dev.syncer.views.testing.ScriptedLab;
import dev.syncer.views.ui.ConsoleView;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Opens the real console window on the scripted demo lab, for looking at it (and for
 * screenshots). Test scope only: the scripted lab is a test double. Argument: a tab to show
 * ("Timeline", "Live charts", "Dashboard"), "dialog" or "menu" to open those, "crash" for the crash
 * dialog of the selected shard, "crashed" to crash s6 at once, or "big" for the fifty-shard topology zoomed to fit.
 */
public final class PreviewLauncher {

    private PreviewLauncher() {
    }

    private static ConsoleView view(Stage stage) {
        return (ConsoleView) stage.getScene().getRoot();
    }

    /** "dialog": the forced-promotion confirmation for s1; "menu": the context menu of s3. */
    private static void show(ConsoleView view, String mode) {
        if (mode.equals("big")) {
            view.fitGraph();
        } else if (mode.equals("dialog")) {
            view.actions().get(OperationKind.FORCED_FAILOVER).handle(new javafx.event.ActionEvent());
        } else if (mode.equals("crash")) {
            view.actions().get(OperationKind.CRASH_SHARD).handle(new javafx.event.ActionEvent());
        } else if (mode.equals("menu")) {
            javafx.scene.Node card = view.graph().cardOf("s3");
            javafx.geometry.Bounds b = card.localToScreen(card.getBoundsInLocal());
            card.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_PRESSED, 20, 20,
                    b.getMinX() + 60, b.getMinY() + 40, javafx.scene.input.MouseButton.SECONDARY, 1, false, false, false,
                    false, false, false, true, false, false, true, null));
        }
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "Timeline";
        String tab = mode.equals("dialog") || mode.equals("menu") || mode.equals("big") || mode.startsWith("crash") ? "Timeline" : mode;
        ScriptedLab lab = mode.equals("big") ? LoadLab.create(Instant::now) : DemoLab.create(Instant::now).reportBothSides();
        ScheduledExecutorService ticker = FxConsole.appThread("lab-ticker");
        lab.runOperationsOn(ticker);
        Platform.startup(() -> {
            Stage stage = new Stage();
            ConsoleModel model = FxConsole.show(stage, lab, "Embedded lab · 127.0.0.1");
            view(stage).showTab(tab);
            ticker.scheduleAtFixedRate(() -> {
                lab.run(Duration.ofMillis(250));
                lab.publish();
            }, 0, 250, TimeUnit.MILLISECONDS);
            lab.emit(lab.syncEvent("y2", "s7", SyncType.FULL, dev.syncer.views.model.port.SyncCause.STARTUP, DemoLab.WEST_REPLID, 0, Optional.empty()));
            lab.emit(lab.syncEvent("s2", "s1", SyncType.PARTIAL, dev.syncer.views.model.port.SyncCause.LINK_DROP, DemoLab.ORDERS_REPLID, 48_100_000,
                    Optional.empty()));
            // A failover of the plain database, run through the console's own command.
            ticker.schedule(() -> Platform.runLater(() -> {
                model.selectShard("s4");
                model.operations().command(OperationKind.FAILOVER).prepare().ifPresent(model.operations()::submit);
            }), 1500, TimeUnit.MILLISECONDS);
            ticker.schedule(() -> Platform.runLater(() -> {
                model.selectShard("s1");
                model.timeline().getVisible().stream().filter(e -> e.kind() == dev.syncer.views.model.timeline.TimelineEntry.Kind.OPERATION)
                        .findFirst().ifPresent(model.timeline().selectedProperty()::set);
            }), 3000, TimeUnit.MILLISECONDS);
            ticker.schedule(() -> Platform.runLater(() -> show(view(stage), mode)), 4000, TimeUnit.MILLISECONDS);
            if (mode.equals("crashed")) {
                // s6 crashed without the dialog; its card and panel go stale.
                ticker.schedule(() -> Platform.runLater(() -> {
                    model.selectShard("s6");
                    model.operations().command(OperationKind.CRASH_SHARD).prepare().ifPresent(model.operations()::submit);
                }), 4500, TimeUnit.MILLISECONDS);
            }
        });
    }
}
