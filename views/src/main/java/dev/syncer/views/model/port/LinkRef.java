package dev.syncer.views.model.port;

/**
 * A link the lab can cut or delay: a replica's link to its upstream, or a syncer's link to its
 * source proxy.
 *
 * @param kind which kind of link
 * @param id   the replica's shard id, or the syncer's id
 */
public record LinkRef(Kind kind, String id) {

    public enum Kind { REPLICATION, SYNCER }

    public static LinkRef replication(String replicaShardId) {
        return new LinkRef(Kind.REPLICATION, replicaShardId);
    }

    public static LinkRef syncer(String syncerId) {
        return new LinkRef(Kind.SYNCER, syncerId);
    }
}
