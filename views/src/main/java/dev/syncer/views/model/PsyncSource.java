package dev.syncer.views.model;

import dev.syncer.views.model.port.Backlog;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.ShardInfo;

/**
 * What a primary consults to answer PSYNC: its two replids, {@code second_repl_offset},
 * {@code master_repl_offset} and its backlog. It is taken from a snapshot or simulated for the
 * state a shard will be in after an operation (a promotion, a fresh full sync, a resized backlog).
 *
 * @param name the shard's label for rule texts
 */
public record PsyncSource(String name, String replid, String replid2, long secondReplOffset,
                          long masterReplOffset, Backlog backlog) {

    /** Stands for the replid a promotion will invent: no PSYNC can name it yet. */
    public static final String NEW_REPLID = "<new replid>";

    /** The shard as the snapshot shows it. */
    public static PsyncSource of(ShardInfo shard) {
        ReplicationInfo r = shard.replication();
        return new PsyncSource(shard.name(), r.replid(), r.replid2(), r.secondReplOffset(),
                r.masterReplOffset(), r.backlog());
    }

    /**
     * A fresh shard right after its full sync from {@code upstream}: it adopted the upstream's
     * replid, cleared replid2, and created its backlog empty at the snapshot offset
     * ({@code first_byte_offset = master_repl_offset + 1}).
     */
    public static PsyncSource freshReplicaOf(ShardInfo upstream, String name) {
        ReplicationInfo u = upstream.replication();
        long at = u.masterReplOffset();
        return new PsyncSource(name, u.replid(), ReplicationInfo.NO_REPLID, -1, at,
                new Backlog(true, u.backlog().size(), at + 1, 0));
    }

    /**
     * The same shard after {@code bytes} more stream bytes arrived: the backlog grows up to its
     * size, then its first byte moves forward.
     */
    public PsyncSource advancedTo(long offset) {
        if (offset <= masterReplOffset) {
            return this;
        }
        long first = backlog.active() ? backlog.firstByteOffset() : offset + 1;
        long histlen = backlog.active() ? Math.min(backlog.size(), offset - first + 1) : 0;
        first = offset + 1 - histlen;
        return new PsyncSource(name, replid, replid2, secondReplOffset, offset,
                new Backlog(backlog.active(), backlog.size(), first, histlen));
    }

    /**
     * After {@code REPLICAOF NO ONE} at offset O (or accepting {@code PSYNC … FAILOVER}), mirroring
     * {@code shiftReplicationId}: replid2 becomes the old replid, valid up to O+1, and a new replid
     * starts. The backlog is kept.
     */
    public PsyncSource promoted() {
        return new PsyncSource(name, NEW_REPLID, replid, masterReplOffset + 1, masterReplOffset, backlog);
    }

    /** The backlog after {@code CONFIG SET repl-backlog-size size}: shrinking drops the oldest bytes. */
    public PsyncSource resized(long size) {
        if (!backlog.active()) {
            return this;
        }
        long histlen = Math.min(backlog.histlen(), size);
        return new PsyncSource(name, replid, replid2, secondReplOffset, masterReplOffset,
                new Backlog(true, size, backlog.lastRequestableOffset() - histlen, histlen));
    }

    /** {@code [first…master_repl_offset]} as the rule texts print it. */
    public String backlogRange() {
        return "[" + Format.offset(backlog.firstByteOffset()) + "…" + Format.offset(masterReplOffset) + "]";
    }
}
