package dev.syncer.app.attach;

import dev.syncer.app.monitor.InfoFields;

/**
 * How the server at the attached address runs, from {@code INFO server}'s {@code redis_mode}
 * (Redis) or {@code server_mode} (Valkey 8, which has no redis_mode).
 */
public enum DeploymentKind {
    STANDALONE,
    SENTINEL,
    CLUSTER;

    /** {@code redis_mode} or {@code server_mode}: sentinel, cluster, standalone; a server without either is standalone. */
    public static DeploymentKind of(InfoFields info) {
        return switch (info.get("redis_mode", info.get("server_mode", "standalone"))) {
            case "sentinel" -> SENTINEL;
            case "cluster" -> CLUSTER;
            default -> STANDALONE;
        };
    }

    /** The word for an operator and for JSON. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
