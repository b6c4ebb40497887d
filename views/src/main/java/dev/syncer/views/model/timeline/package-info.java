/**
 * The timeline: operations and the syncs they caused, newest first. A sync is attributed to an
 * operation by its id when the adapter knows it, else by time and shard within the one
 * {@link dev.syncer.views.model.timeline.TimelineModel#CORRELATION_WINDOW}; each is checked
 * against the prediction for its peer ({@link dev.syncer.views.model.timeline.OperationTrack}).
 */
package dev.syncer.views.model.timeline;
