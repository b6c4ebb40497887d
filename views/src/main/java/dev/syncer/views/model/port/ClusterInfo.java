package dev.syncer.views.model.port;

/**
 * A cluster: a set of nodes with a proxy endpoint per database. Over real Redis the adapter makes
 * one cluster per group of servers the operator attached.
 */
public record ClusterInfo(String id, String name) {
}
