package dev.syncer.engine.replication.replica;

import dev.syncer.engine.replication.ReplicationId;

/**
 * What a replica remembers of a primary it is not connected to, to try a partial sync: the
 * history it followed, the last offset it applied, and the database the stream had selected
 * (Redis's cached_master). Built when the link drops, from our own state when a primary becomes
 * a replica, or from an RDB's repl-id/repl-offset/repl-stream-db at start-up.
 */
public record CachedPrimary(ReplicationId replid, long offset, int db) {
}
