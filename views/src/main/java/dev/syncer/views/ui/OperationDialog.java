package dev.syncer.views.ui;

import dev.syncer.views.action.OperationPrompt;
import dev.syncer.views.model.Format;
import dev.syncer.views.model.operations.OperationDraft;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.prediction.SyncPrediction;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.effect.ColorAdjust;
import javafx.scene.effect.Effect;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.converter.LongStringConverter;

/**
 * The confirmation dialog: what the operation does, what is left to choose, and — before anything
 * happens — the predicted sync of every affected replica and syncer with the rule that decides it,
 * updated as the operator changes the choice. The main window dims behind it while it is open.
 */
public final class OperationDialog implements OperationPrompt {

    /** The main window behind a dialog: darker, so the dialog is what the eye finds. */
    static final Effect DIMMED = new ColorAdjust(0, -0.35, -0.5, 0);

    private final Supplier<Window> owner;

    public OperationDialog(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(OperationDraft draft) {
        Dialog<ButtonType> dialog = new Dialog<>();
        Window w = owner.get();
        if (w != null) {
            dialog.initOwner(w);
            Scene scene = w.getScene();
            if (scene != null) {
                dialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
            }
        }
        dialog.setTitle(draft.title());
        dialog.setHeaderText(draft.title());
        dialog.getDialogPane().getStyleClass().add("operation-dialog");
        dialog.getDialogPane().setId("operation-dialog");
        ButtonType go = new ButtonType(draft.kind().label(), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(go, ButtonType.CANCEL);
        if (draft.kind().destructive()) {
            dialog.getDialogPane().lookupButton(go).getStyleClass().add("danger");
        }
        dialog.getDialogPane().setContent(content(draft));
        dialog.getDialogPane().setPrefWidth(720);
        dialog.setResizable(true);
        Node behind = w == null || w.getScene() == null ? null : w.getScene().getRoot();
        Effect before = behind == null ? null : behind.getEffect();
        if (behind != null) {
            behind.setEffect(DIMMED);
        }
        try {
            return dialog.showAndWait().filter(b -> b == go).isPresent();
        } finally {
            if (behind != null) {
                behind.setEffect(before);
            }
            if (w != null) {
                // Hand the focus straight back, so the operator's next click acts instead of focusing the window.
                w.requestFocus();
            }
        }
    }

    private static VBox content(OperationDraft draft) {
        Label subject = new Label(draft.subject());
        subject.setWrapText(true);
        subject.getStyleClass().add("dialog-subject");
        VBox box = new VBox(12, subject);
        if (!draft.choices().isEmpty()) {
            ComboBox<OperationDraft.Choice> choice = new ComboBox<>();
            choice.setId("draft-choice");
            choice.getItems().setAll(draft.choices());
            choice.valueProperty().bindBidirectional(draft.choiceProperty());
            choice.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(choice, Priority.ALWAYS);
            box.getChildren().add(row(draft.choiceLabel(), choice));
        }
        draft.number().ifPresent(n -> {
            TextField field = new TextField();
            field.setId("draft-number");
            TextFormatter<Long> formatter = new TextFormatter<>(new LongStringConverter(), draft.valueProperty().get(),
                    c -> c.getControlNewText().matches("\\d{0,12}") ? c : null);
            field.setTextFormatter(formatter);
            formatter.valueProperty().addListener((o, a, b) -> {
                if (b != null) {
                    draft.valueProperty().set(b);
                }
            });
            Label hint = new Label();
            hint.getStyleClass().add("hint");
            Runnable showHint = () -> hint.setText(n.unit() + (n.unit().equals("bytes")
                    ? " (" + Format.bytes(draft.valueProperty().get()) + ")" : "") + " · " + n.min() + "…" + n.max());
            draft.valueProperty().addListener((o, a, b) -> showHint.run());
            showHint.run();
            box.getChildren().add(row(n.label(), new HBox(8, field, hint)));
        });
        Label title = new Label("Predicted syncs");
        title.getStyleClass().add("section-title");
        VBox predictions = new VBox(8);
        predictions.setId("predictions");
        draft.predictionsProperty().addListener((o, a, b) -> showPredictions(predictions, b));
        showPredictions(predictions, draft.getPredictions());
        ScrollPane scroll = new ScrollPane(predictions);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(230);
        scroll.getStyleClass().add("predictions-scroll");
        box.getChildren().addAll(title, scroll);
        if (draft.kind().destructive()) {
            Label warn = new Label("This operation breaks replication links. Check the prediction before you go on.");
            warn.getStyleClass().add("dialog-warning");
            warn.setWrapText(true);
            box.getChildren().add(warn);
        }
        return box;
    }

    private static HBox row(String label, javafx.scene.Node control) {
        Label l = new Label(label);
        l.setMinWidth(130);
        HBox h = new HBox(10, l, control);
        h.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        return h;
    }

    private static void showPredictions(VBox box, List<SyncPrediction> predictions) {
        box.getChildren().clear();
        if (predictions.isEmpty()) {
            Label none = new Label("No replica or syncer needs to resync.");
            none.getStyleClass().add("hint");
            box.getChildren().add(none);
            return;
        }
        for (SyncPrediction p : predictions) {
            Label badge = new Label((p.certain() ? "" : "likely ") + p.type().word().toUpperCase(Locale.ROOT));
            badge.getStyleClass().addAll("sync-badge", p.type() == SyncType.FULL ? "sync-full" : "sync-partial");
            badge.setMinWidth(Label.USE_PREF_SIZE);
            Label who = new Label(p.peerLabel() + "  ←  " + p.sourceLabel());
            who.getStyleClass().add("prediction-peer");
            Label rule = new Label(Format.ruleText(p.rule()));
            rule.getStyleClass().add("prediction-rule");
            rule.setWrapText(true);
            HBox head = new HBox(10, badge, who);
            head.setAlignment(Pos.CENTER_LEFT);
            VBox item = new VBox(3, head, rule);
            item.getStyleClass().add("prediction");
            box.getChildren().add(item);
        }
    }
}
