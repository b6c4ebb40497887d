package dev.syncer.views.model.operations;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** An operation submitted from this console, with its progress as the app reports it. */
public final class RunningOperation {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    private final String id;
    private final String label;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "submitted");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.RUNNING);

    RunningOperation(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    /** "Failover db1 to s2". */
    public String label() {
        return label;
    }

    void progress(double fraction, String stepText) {
        if (status.get() == Status.RUNNING) {
            progress.set(fraction);
            step.set(stepText);
        }
    }

    void finish(boolean succeeded, String message) {
        status.set(succeeded ? Status.SUCCEEDED : Status.FAILED);
        progress.set(1);
        step.set(message);
    }

    /** 0…1, or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The current step, or the result once finished. */
    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status getStatus() {
        return status.get();
    }
}
