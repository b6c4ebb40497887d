package dev.syncer.app;

import dev.syncer.app.connect.ConnectionStore;
import dev.syncer.app.connect.SavedConnection;
import dev.syncer.app.export.PostMortem;
import dev.syncer.app.export.PostMortemFiles;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.monitor.TlsSettings;
import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.TopologySnapshot;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The window's menu: attach to real Redis (a saved connection or a new one), go back to the embedded lab, export for a post-mortem, quit. */
final class AppMenu extends MenuBar {

    private final Supplier<ConsoleModel> console;

    /** {@code console} is the console shown now, null while none is. */
    AppMenu(Consumer<Target> attach, Runnable openLab, Supplier<ConsoleModel> console, Runnable quit) {
        this.console = console;
        MenuItem attachItem = new MenuItem("Attach to Redis…");
        attachItem.setId("menu-attach");
        attachItem.setOnAction(e -> askForTarget().ifPresent(attach));
        MenuItem labItem = new MenuItem("Open the embedded lab");
        labItem.setId("menu-lab");
        labItem.setOnAction(e -> openLab.run());
        MenuItem exportItem = new MenuItem("Export for post-mortem…");
        exportItem.setId("menu-export");
        exportItem.setOnAction(e -> export());
        MenuItem quitItem = new MenuItem("Quit");
        quitItem.setOnAction(e -> quit.run());
        getMenus().add(new Menu("Console", null, attachItem, labItem, exportItem, quitItem));
    }

    /** Asks which tree (or all) and which format, then a folder; writes the timeline and the series there. */
    private void export() {
        ConsoleModel model = console.get();
        TopologySnapshot snapshot = model == null ? null : model.topology().snapshotProperty().get();
        if (snapshot == null) {
            tell(Alert.AlertType.INFORMATION, "Nothing to export yet: the console has no topology.");
            return;
        }
        ComboBox<String> scope = new ComboBox<>();
        scope.setId("export-scope");
        scope.getItems().setAll(PostMortem.scopes(snapshot));
        scope.getSelectionModel().selectFirst();
        ComboBox<PostMortemFiles.Format> format = new ComboBox<>();
        format.setId("export-format");
        format.getItems().setAll(PostMortemFiles.Format.values());
        format.getSelectionModel().selectFirst();
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("tree"), scope);
        grid.addRow(1, new Label("format"), format);
        Dialog<ButtonType> dialog = dialog("Export for post-mortem",
                "The timeline (with predictions and verdicts) and the chart series", grid);
        if (dialog.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for the export");
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir == null) {
            return;
        }
        PostMortem p = PostMortem.of(scope.getValue(), model.timeline().getAll(), model.live().store(), snapshot);
        try {
            List<Path> files = PostMortemFiles.write(p, format.getValue(), dir.toPath());
            tell(Alert.AlertType.INFORMATION, p.rows().size() + " timeline rows and " + p.series().size()
                    + " series written:\n" + files.stream().map(Path::toString).collect(Collectors.joining("\n")));
        } catch (IOException e) {
            tell(Alert.AlertType.ERROR, "Export failed: " + e.getMessage());
        }
    }

    private void tell(Alert.AlertType type, String text) {
        Alert alert = new Alert(type, text, ButtonType.OK);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.showAndWait();
    }

    private Dialog<ButtonType> dialog(String title, String header, GridPane content) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
            dialog.getDialogPane().getStylesheets().addAll(getScene().getStylesheets());
        }
        return dialog;
    }

    /**
     * Asks where to attach: a saved connection or a new address, the ACL user, the password
     * (empty: $SYNCER_REDIS_PASSWORD, else asked for when Redis wants one), TLS and its CA file;
     * with a name it is saved, its password only when "save password" is ticked. Empty when
     * cancelled or invalid.
     */
    private Optional<Target> askForTarget() {
        ConnectionStore store = ConnectionStore.inConfigDirectory();
        List<SavedConnection> saved = readSaved(store);
        ComboBox<SavedConnection> savedBox = new ComboBox<>();
        savedBox.setId("attach-saved");
        savedBox.getItems().setAll(saved);
        savedBox.setPromptText(saved.isEmpty() ? "no saved connections" : "a saved connection…");
        TextField address = field(new TextField("127.0.0.1:6379"), "attach-address", "host:port");
        TextField user = field(new TextField(), "attach-user", "default");
        PasswordField password = field(new PasswordField(), "attach-password", "$SYNCER_REDIS_PASSWORD, or asked for");
        CheckBox tls = new CheckBox("TLS");
        TextField ca = field(new TextField(), "attach-ca", "CA file (PEM); empty: not checked");
        TextField cert = field(new TextField(), "attach-cert", "client certificate (PEM), if the server asks");
        TextField key = field(new TextField(), "attach-key", "its private key (PEM)");
        TextField name = field(new TextField(), "attach-name", "a name to save it under");
        CheckBox savePassword = new CheckBox("save password");
        savePassword.setId("attach-save-password");
        savedBox.valueProperty().addListener((o, was, c) -> {
            if (c != null) {
                address.setText(c.address());
                user.setText(c.user() == null ? "" : c.user());
                password.setText(c.password() == null ? "" : c.password());
                tls.setSelected(c.tls().enabled());
                ca.setText(text(c.tls().caFile()));
                cert.setText(text(c.tls().certFile()));
                key.setText(text(c.tls().keyFile()));
                name.setText(c.name());
                savePassword.setSelected(c.password() != null);
            }
        });
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("saved"), savedBox);
        grid.addRow(1, new Label("host:port"), address);
        grid.addRow(2, new Label("ACL user"), user);
        grid.addRow(3, new Label("password"), password);
        grid.addRow(4, new Label(""), tls);
        grid.addRow(5, new Label("TLS CA"), ca);
        grid.addRow(6, new Label("client cert"), cert);
        grid.addRow(7, new Label("client key"), key);
        grid.addRow(8, new Label("save as"), name);
        grid.addRow(9, new Label(""), savePassword);
        Dialog<ButtonType> dialog = dialog("Attach to Redis",
                "A server, a Sentinel or a Redis Cluster node: the console finds the rest", grid);
        return dialog.showAndWait().filter(b -> b == ButtonType.OK).flatMap(b -> {
            try {
                TlsSettings tlsSettings = new TlsSettings(tls.isSelected(), path(ca), path(cert), path(key));
                String typed = password.getText().isEmpty() ? System.getenv("SYNCER_REDIS_PASSWORD") : password.getText();
                Target target = Target.parse(address.getText().trim(), null, false)
                        .withAccess(user.getText().trim(), typed, tlsSettings);
                if (!name.getText().isBlank()) {
                    store.save(new SavedConnection(name.getText().trim(), target.id(), "", target.user(), target.tls(),
                            savePassword.isSelected() ? password.getText() : null));
                }
                return Optional.of(target);
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                tell(Alert.AlertType.ERROR, "Cannot attach: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static Path path(TextField f) {
        return f.getText().isBlank() ? null : Path.of(f.getText().trim());
    }

    private static String text(Path p) {
        return p == null ? "" : p.toString();
    }

    private static <F extends TextField> F field(F f, String id, String prompt) {
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(26); // wide enough for the prompts and a file path
        return f;
    }

    private List<SavedConnection> readSaved(ConnectionStore store) {
        try {
            return store.list();
        } catch (RuntimeException e) {
            tell(Alert.AlertType.WARNING, "The saved connections could not be read: " + e.getMessage());
            return List.of();
        }
    }
}
