package dev.syncer.app;

import dev.syncer.app.monitor.Target;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

import java.util.function.Consumer;

/** The window's menu: attach to real Redis, go back to the embedded lab, quit. */
final class AppMenu extends MenuBar {

    AppMenu(Consumer<Target> attach, Runnable openLab, Runnable quit) {
        MenuItem attachItem = new MenuItem("Attach to Redis…");
        attachItem.setId("menu-attach");
        attachItem.setOnAction(e -> askForTarget().ifPresent(attach));
        MenuItem labItem = new MenuItem("Open the embedded lab");
        labItem.setId("menu-lab");
        labItem.setOnAction(e -> openLab.run());
        MenuItem quitItem = new MenuItem("Quit");
        quitItem.setOnAction(e -> quit.run());
        getMenus().add(new Menu("Console", null, attachItem, labItem, quitItem));
    }

    /** Asks for host:port, password and TLS; empty when cancelled or invalid. */
    private java.util.Optional<Target> askForTarget() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Attach to Redis");
        dialog.setHeaderText("Discover a replication tree from one of its servers");
        TextField address = new TextField("127.0.0.1:6379");
        address.setId("attach-address");
        PasswordField password = new PasswordField();
        CheckBox tls = new CheckBox("TLS");
        Label error = new Label();
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("host:port"), address);
        grid.addRow(1, new Label("password"), password);
        grid.addRow(2, new Label(""), tls);
        grid.addRow(3, new Label(""), error);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
            dialog.getDialogPane().getStylesheets().addAll(getScene().getStylesheets());
        }
        return dialog.showAndWait().filter(b -> b == ButtonType.OK).flatMap(b -> {
            try {
                return java.util.Optional.of(Target.parse(address.getText().trim(), password.getText(), tls.isSelected()));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        });
    }
}
