/**
 * The console's view-models: JavaFX properties and observable lists only (never
 * {@code javafx.scene}), fed by the {@link dev.syncer.views.model.port ports} through a
 * {@link dev.syncer.views.model.UiScheduler} and testable without a stage.
 *
 * <p>Reading order: {@link dev.syncer.views.model.ConsoleModel} (the root, like a main model),
 * {@link dev.syncer.views.model.topology.TopologyModel} (stable identity per id),
 * {@link dev.syncer.views.model.prediction.PredictedPsync} and {@link dev.syncer.views.model.prediction.SyncPredictor}
 * (the pure PSYNC rules), {@link dev.syncer.views.model.prediction.Runway},
 * {@link dev.syncer.views.model.timeline.TimelineModel} (predicted vs actual),
 * {@link dev.syncer.views.model.operations.OperationsModel} (commands, drafts, progress).
 */
package dev.syncer.views.model;
