/**
 * Code-only JavaFX views: each constructor reads {@code createView(); bind();} against a view-model
 * of {@link dev.syncer.views.model}. {@link dev.syncer.views.ui.ConsoleView} is the main layout;
 * {@link dev.syncer.views.ui.TopologyGraphView} lays clusters, nodes, shard cards and edges out
 * with the pure {@code GraphLayout}; {@link dev.syncer.views.ui.OperationDialog} is the
 * confirmation with the sync prediction; {@link dev.syncer.views.ui.FxUiScheduler} is the only
 * place that touches {@code Platform.runLater}. The theme is {@code console.css} in the top-level
 * {@code resources/} folder.
 */
package dev.syncer.views.ui;
