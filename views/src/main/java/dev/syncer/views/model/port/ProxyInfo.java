package dev.syncer.views.model.port;

import java.util.Optional;

/**
 * The endpoint clients and remote syncers use for a database in one cluster; it always forwards to
 * the current primary shard.
 *
 * @param targetShardId the primary it forwards to right now, empty while it has none
 */
public record ProxyInfo(String clusterId, String endpoint, Optional<String> targetShardId) {
}
