/**
 * What an operation will cause, before it runs. Reading order:
 * {@link dev.syncer.views.model.prediction.PsyncSource} (what a primary consults),
 * {@link dev.syncer.views.model.prediction.PredictedPsync} (Redis's
 * masterTryPartialResynchronization, its boundaries in {@code testdata/psync-boundaries.csv}),
 * {@link dev.syncer.views.model.prediction.SyncPredictor} (operation by operation),
 * {@link dev.syncer.views.model.prediction.Runway} (how long a backlog still covers a replica).
 */
package dev.syncer.views.model.prediction;
