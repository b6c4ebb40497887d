/**
 * The console's view-models: JavaFX properties and observable lists only (never
 * {@code javafx.scene}), fed by the {@link dev.syncer.views.model.port ports} through a
 * {@link dev.syncer.views.model.UiScheduler} and testable without a stage. Grouped by feature:
 *
 * <ol>
 *   <li>{@link dev.syncer.views.model.ConsoleModel}: the root, which owns the others;</li>
 *   <li>{@code topology}: clusters, nodes, shards and edges with a stable identity per id;</li>
 *   <li>{@code prediction}: which syncs an operation will cause —
 *   {@link dev.syncer.views.model.prediction.PredictedPsync} (the PSYNC rule, tested from the same
 *   table as the engine's), {@link dev.syncer.views.model.prediction.SyncPredictor},
 *   {@link dev.syncer.views.model.prediction.Runway};</li>
 *   <li>{@code timeline}: operations and the syncs attributed to them, predicted against actual;</li>
 *   <li>{@code operations}: commands, drafts, progress;</li>
 *   <li>{@code charts} and {@code dashboard}: live series, headline tiles, the selection's detail.</li>
 * </ol>
 * Utilities shared by them stay here ({@link dev.syncer.views.model.Format},
 * {@link dev.syncer.views.model.StableList}, {@link dev.syncer.views.model.Coalescer}).
 */
package dev.syncer.views.model;
