/**
 * Headline figures for the dashboard tiles, and the detail of the selected shard or edge.
 */
package dev.syncer.views.model.dashboard;
