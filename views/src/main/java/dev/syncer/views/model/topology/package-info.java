/**
 * The topology as the graph shows it: clusters, nodes, shards, replication and syncer edges.
 * Each keeps its identity per id across snapshots, so a shard keeps its card and its place.
 * Reading order: {@link dev.syncer.views.model.topology.TopologyModel}, then
 * {@link dev.syncer.views.model.topology.ShardModel} and the edges.
 */
package dev.syncer.views.model.topology;
