package dev.syncer.views.model.operations;

import dev.syncer.views.model.port.OperationKind;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One operation as a command: whether it can run on the current selection, and why not — the text
 * a disabled action shows as its tooltip — or, when it can, what it would do.
 */
public final class OperationCommand {

    private final OperationKind kind;
    private final Function<OperationKind, OperationCatalog.Assessment> assess;
    private final ReadOnlyBooleanWrapper executable = new ReadOnlyBooleanWrapper(this, "executable");
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper(this, "reason", "");

    OperationCommand(OperationKind kind, Function<OperationKind, OperationCatalog.Assessment> assess) {
        this.kind = kind;
        this.assess = assess;
    }

    public OperationKind kind() {
        return kind;
    }

    /** The words on the button. */
    public String label() {
        return kind.label();
    }

    void refresh() {
        OperationCatalog.Assessment a = assess.apply(kind);
        executable.set(a.draft().isPresent());
        reason.set(a.explanation());
    }

    /** A draft for the current selection, when the command can run. */
    public Optional<OperationDraft> prepare() {
        return assess.apply(kind).draft();
    }

    public ReadOnlyBooleanProperty executableProperty() {
        return executable.getReadOnlyProperty();
    }

    public boolean isExecutable() {
        return executable.get();
    }

    /** Why it is disabled, or what it would do. */
    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    public String getReason() {
        return reason.get();
    }
}
