package dev.syncer.views.ui;

import dev.syncer.views.action.ConsoleActions;
import dev.syncer.views.model.port.OperationKind;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.action.Action;

/**
 * Turns the console's actions into toolbar buttons, menu buttons and context menus.
 *
 * <p>JavaFX shows no tooltip on a disabled control, so a disabled action explains itself in other
 * ways: a toolbar button sits in a wrapper that carries the tooltip, and a menu item shows the
 * reason as a second, dimmer line under its label.
 */
final class ActionControls {

    private ActionControls() {
    }

    static ToolBar toolbar(ConsoleActions actions) {
        ToolBar bar = new ToolBar();
        bar.setId("toolbar");
        actions.all(ConsoleActions.TOOLBAR_BUTTONS).forEach(a -> bar.getItems().add(button(a)));
        for (ConsoleActions.Group g : ConsoleActions.TOOLBAR) {
            bar.getItems().add(menuButton(g.title(), actions.all(g.kinds())));
        }
        return bar;
    }

    /** A button whose wrapper carries the action's tooltip, so it explains itself even when disabled. */
    static StackPane button(Action action) {
        Button b = new Button();
        b.textProperty().bind(action.textProperty());
        b.disableProperty().bind(action.disabledProperty());
        b.setOnAction(action);
        b.getStyleClass().addAll("toolbar-button", kindOf(action) == OperationKind.FAILOVER ? "primary-action" : "danger-action");
        b.setId("button-" + cssName(action));
        StackPane wrapper = new StackPane(b);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(action.longTextProperty());
        Tooltip.install(wrapper, tip);
        return wrapper;
    }

    static MenuButton menuButton(String title, List<Action> actions) {
        MenuButton mb = new MenuButton(title);
        mb.getStyleClass().add("toolbar-menu");
        mb.setId("menu-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        actions.forEach(a -> mb.getItems().add(item(a)));
        return mb;
    }

    static ContextMenu contextMenu(List<Action> actions) {
        ContextMenu menu = new ContextMenu();
        actions.forEach(a -> menu.getItems().add(item(a)));
        return menu;
    }

    /** A menu item: the label, and under it what it would do or why it cannot. */
    static MenuItem item(Action action) {
        Label title = new Label();
        title.textProperty().bind(action.textProperty());
        title.getStyleClass().add("action-title");
        Label reason = new Label();
        reason.textProperty().bind(action.longTextProperty());
        reason.getStyleClass().add("action-reason");
        reason.setMaxWidth(380);
        reason.setWrapText(true);
        reason.visibleProperty().bind(Bindings.isNotEmpty(action.longTextProperty()));
        reason.managedProperty().bind(reason.visibleProperty());
        VBox box = new VBox(1, title, reason);
        box.setId("item-" + cssName(action));
        CustomMenuItem item = new CustomMenuItem(box);
        item.getStyleClass().add("action-item");
        item.getStyleClass().addAll(action.getStyleClass());
        item.disableProperty().bind(action.disabledProperty());
        item.setOnAction(e -> {
            if (!action.isDisabled()) {
                action.handle(new ActionEvent(item, null));
            }
        });
        return item;
    }

    /** "failover", "crash-shard": the operation's name as used in node ids. */
    private static String cssName(Action action) {
        return kindOf(action).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static OperationKind kindOf(Action action) {
        return (OperationKind) action.getProperties().get(OperationKind.class);
    }
}
