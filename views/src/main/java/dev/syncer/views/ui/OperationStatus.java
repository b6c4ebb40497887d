package dev.syncer.views.ui;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.operations.RunningOperation;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.controlsfx.control.StatusBar;

/**
 * The status bar: what the console is attached to and how big the topology is; on the right, the
 * newest operation with its step and a progress bar that never blocks the UI thread (the
 * operation runs on the app's threads and reports back).
 */
final class OperationStatus extends StatusBar {

    private final ConsoleModel model;
    private final Label operation = new Label();
    private final ProgressBar progress = new ProgressBar();
    private RunningOperation shown;

    OperationStatus(ConsoleModel model) {
        this.model = model;
        createView();
        bind();
    }

    private void createView() {
        setId("status-bar");
        operation.setId("operation-status");
        operation.getStyleClass().add("operation-status");
        progress.setPrefWidth(160);
        progress.setVisible(false);
        getRightItems().addAll(operation, progress);
    }

    private void bind() {
        textProperty().bind(model.statusProperty());
        model.operations().getOperations().addListener((ListChangeListener<RunningOperation>) c -> show());
        show();
    }

    private void show() {
        var ops = model.operations().getOperations();
        RunningOperation newest = ops.isEmpty() ? null : ops.getFirst();
        if (newest == shown) {
            return;
        }
        shown = newest;
        operation.textProperty().unbind();
        progress.progressProperty().unbind();
        if (newest == null) {
            operation.setText("");
            progress.setVisible(false);
            return;
        }
        operation.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> newest.label() + " — " + switch (newest.getStatus()) {
                    case RUNNING -> newest.stepProperty().get();
                    case SUCCEEDED -> "done: " + newest.stepProperty().get();
                    case FAILED -> "failed: " + newest.stepProperty().get();
                }, newest.stepProperty(), newest.statusProperty()));
        progress.progressProperty().bind(newest.progressProperty());
        progress.visibleProperty().bind(newest.statusProperty().isEqualTo(RunningOperation.Status.RUNNING));
    }
}
