package dev.syncer.views.model.port;

/**
 * A host in a cluster; it hosts shards. Migration moves a shard from one node to another.
 *
 * @param address what an operator recognises the host by (an IP, a host name)
 * @param up      false when the lab stopped the node or the adapter cannot reach it
 */
public record NodeInfo(String id, String clusterId, String name, String address, boolean up) {
}
