package dev.syncer.views.action;

import dev.syncer.views.model.operations.OperationDraft;

/**
 * Asks the operator to complete and confirm an operation: choose what is left to choose, read the
 * predicted syncs, and accept or cancel. Implemented by the views' dialog.
 */
@FunctionalInterface
public interface OperationPrompt {

    /** Shows {@code draft}; true when the operator confirmed it as it now stands. */
    boolean confirm(OperationDraft draft);
}
