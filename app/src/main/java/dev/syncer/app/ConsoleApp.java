package dev.syncer.app;

import dev.syncer.app.adapter.Backoff;
import dev.syncer.app.connect.ConnectionStore;
import dev.syncer.app.connect.SavedConnection;
import dev.syncer.app.lab.LabConsole;
import dev.syncer.app.monitor.RedisClients;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.redis.RedisConsole;
import dev.syncer.engine.lab.Topology;
import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.ConsolePorts;
import dev.syncer.views.ui.ConsoleView;
import dev.syncer.views.ui.FxUiScheduler;
import dev.syncer.views.ui.Theme;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The composition root: builds the lab or the real-Redis adapter from the launch options, hands
 * its ports to the console's view-model and view, and tears everything down on exit. The embedded
 * lab starts off the UI thread behind a progress screen; attaching to Redis that does not answer
 * yet is tried again with backoff, the screen saying so, until it answers or the user goes elsewhere.
 */
public final class ConsoleApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);

    private AutoCloseable backend;
    private ConsoleModel model;
    private BorderPane root;
    private Stage stage;
    private Task<Backend> opening;

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            System.err.println("syncer-console: " + e.getMessage());
            Platform.exit();
            return;
        }
        root = new BorderPane(progress(options.attachToRedis()
                ? "Attaching to " + options.attach().id() + "…" : "Starting the embedded lab…"));
        root.setTop(new AppMenu(this::attach, this::openLab, () -> model, Platform::exit));
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1600, screen.getWidth()), Math.min(1000, screen.getHeight()));
        Theme.apply(scene);
        stage.setScene(scene);
        stage.setTitle("Syncer Console");
        Optional.ofNullable(getClass().getResourceAsStream("/icons/syncer-console.png"))
                .ifPresent(in -> stage.getIcons().add(new Image(in)));
        stage.show();
        if (options.attachToRedis()) {
            attach(options.attach());
        } else {
            openLab(options);
        }
    }

    private void openLab(LaunchOptions options) {
        switchTo("Starting the embedded lab…", say -> {
            Topology topology = options.topology() == null ? Topology.defaultLab() : readTopology(options);
            LabConsole lab = LabConsole.start(topology, options.writeLoad(), options.labData());
            return new Backend(lab, lab.ports());
        });
    }

    private void openLab() {
        openLab(new LaunchOptions(null, true, null));
    }

    private void attach(Target first) {
        switchTo("Attaching to " + first.id() + "…", say -> {
            Target target = first;
            for (int failures = 1; ; failures++) {
                try {
                    RedisConsole console = new RedisConsole(target);
                    remember(target, console);
                    return new Backend(console, console.ports());
                } catch (IllegalStateException e) {
                    if (RedisClients.refusedLogin(e.getMessage())) {
                        // the password is asked for, not retried: the same one would be refused again
                        Optional<String> password = askPassword(target, e.getMessage());
                        if (password.isEmpty()) {
                            throw e;
                        }
                        target = target.withPassword(password.get());
                        failures = 0;
                        continue;
                    }
                    Duration wait = Backoff.ATTACH.delay(failures);
                    log.info("attaching to {} failed ({} in a row), next try in {} ms: {}", target.id(), failures,
                            wait.toMillis(), e.getMessage());
                    say.accept(retryText(target, failures, wait, e.getMessage()));
                    Thread.sleep(wait.toMillis()); // interrupted when the user opens something else
                }
            }
        });
    }

    /** Asks for the password on the UI thread and waits for the answer; empty when cancelled. */
    private Optional<String> askPassword(Target target, String refusal) throws InterruptedException {
        java.util.concurrent.CompletableFuture<Optional<String>> answer = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> {
            javafx.scene.control.Dialog<String> dialog = new javafx.scene.control.Dialog<>();
            dialog.setTitle("Password for " + target.id());
            dialog.setHeaderText(target.id() + " wants a password" + (target.user() == null ? "" : " for user " + target.user())
                    + "\n" + refusal);
            javafx.scene.control.PasswordField field = new javafx.scene.control.PasswordField();
            field.setId("password-prompt");
            dialog.getDialogPane().setContent(field);
            dialog.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK,
                    javafx.scene.control.ButtonType.CANCEL);
            dialog.setResultConverter(b -> b == javafx.scene.control.ButtonType.OK ? field.getText() : null);
            dialog.initOwner(stage);
            answer.complete(dialog.showAndWait().filter(p -> !p.isEmpty()));
        });
        try {
            return answer.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        }
    }

    /** A saved connection at this address learns what the deployment turned out to be. */
    private static void remember(Target target, RedisConsole console) {
        try {
            ConnectionStore store = ConnectionStore.inConfigDirectory();
            String kind = console.kind().word();
            for (SavedConnection c : store.list()) {
                if (c.address().equals(target.id()) && !c.kind().equals(kind)) {
                    store.save(c.withKind(kind));
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not update the saved connections: {}", e.getMessage());
        }
    }

    /** "Attaching to 10.0.0.7:7000… no answer (try 3), next try in 2 s", then the error on a line of its own. */
    static String retryText(Target target, int failures, Duration wait, String error) {
        String next = wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s";
        return "Attaching to " + target.id() + "… no answer (try " + failures + "), next try in " + next + "\n" + error;
    }

    private static Topology readTopology(LaunchOptions options) {
        try {
            return Topology.read(options.topology());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started backend and the ports it offers. */
    private record Backend(AutoCloseable closeable, ConsolePorts ports) {
    }

    @FunctionalInterface
    private interface BackendFactory {
        /** Builds the backend; {@code say} replaces the progress screen's message. */
        Backend create(Consumer<String> say) throws Exception;
    }

    /**
     * Replaces what the window shows by a new backend, built off the UI thread; one still being
     * built for the previous choice is given up.
     */
    private void switchTo(String message, BackendFactory factory) {
        closeBackend();
        if (opening != null) {
            opening.cancel(true);
        }
        VBox screen = progress(message);
        root.setCenter(screen);
        Task<Backend> task = new Task<>() {
            @Override
            protected Backend call() throws Exception {
                Backend b = factory.create(this::updateMessage);
                if (isCancelled()) {
                    b.closeable().close();
                }
                return b;
            }
        };
        opening = task;
        Label text = (Label) screen.getChildren().getLast();
        task.messageProperty().addListener((o, was, now) -> {
            if (now != null && !now.isEmpty()) {
                text.setText(now);
            }
        });
        task.setOnSucceeded(e -> show(task.getValue()));
        task.setOnFailed(e -> {
            log.warn("could not open the console's target", task.getException());
            root.setCenter(centered(new Label("Could not open: " + task.getException().getMessage())));
        });
        Thread thread = new Thread(task, "console-open");
        thread.setDaemon(true);
        thread.start();
    }

    private void show(Backend backend) {
        this.backend = backend.closeable();
        model = new ConsoleModel(backend.ports(), new FxUiScheduler());
        ConsoleView view = new ConsoleView(model);
        fitOnFirstSnapshot(view);
        model.start();
        root.setCenter(view);
        stage.setTitle("Syncer Console — " + backend.ports().targetName());
    }

    /** The first screen shows every cluster: zoom to fit once the first topology is laid out. */
    private void fitOnFirstSnapshot(ConsoleView view) {
        model.topology().snapshotProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends dev.syncer.views.model.port.TopologySnapshot> o,
                                dev.syncer.views.model.port.TopologySnapshot was,
                                dev.syncer.views.model.port.TopologySnapshot now) {
                if (now != null && !now.shards().isEmpty()) {
                    o.removeListener(this);
                    Platform.runLater(view::fitGraph); // after the graph has been laid out
                }
            }
        });
    }

    /** The screen shown while the console opens: a spinner, the message centred under it. */
    static VBox progress(String message) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(48, 48);
        Label text = new Label(message);
        text.setId("splash-message");
        text.setWrapText(true);
        text.setMaxWidth(720);
        // the label is 720 px wide in its column: a one-line message is placed by the label's alignment
        text.setAlignment(Pos.CENTER);
        text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        return centered(spinner, text);
    }

    private static VBox centered(javafx.scene.Node... nodes) {
        VBox box = new VBox(16, nodes);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("splash");
        box.setId("splash");
        return box;
    }

    private void closeBackend() {
        if (model != null) {
            model.close();
            model = null;
        }
        if (backend != null) {
            AutoCloseable b = backend;
            backend = null;
            try {
                b.close();
            } catch (Exception e) {
                log.warn("closing the previous target failed", e);
            }
        }
    }

    @Override
    public void stop() {
        if (opening != null) {
            opening.cancel(true);
        }
        closeBackend();
    }
}
