/**
 * Live series per shard and metric, kept in fixed-size rings over a chosen time window.
 */
package dev.syncer.views.model.charts;
