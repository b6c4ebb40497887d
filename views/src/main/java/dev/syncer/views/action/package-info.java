/**
 * ControlsFX {@link org.controlsfx.control.action.Action}s bound to the view-model's commands:
 * text, enabled state and the "why not" tooltip come from
 * {@link dev.syncer.views.model.operations.OperationCommand}; triggering one prepares a draft, asks the
 * {@link dev.syncer.views.action.OperationPrompt} (the confirmation dialog with the prediction)
 * and submits.
 */
package dev.syncer.views.action;
