package dev.syncer.views.model.prediction;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.ShardInfo;

/**
 * What a primary consults to answer PSYNC: its two replids, {@code second_repl_offset},
 * {@code master_repl_offset} and its backlog. It is taken from a snapshot or simulated for the
 * state a shard will be in after an operation (a promotion, a full sync, a restart from its RDB, a
 * resized backlog). It also stands for a replica's own state when it is re-pointed further down.
 *
 * @param name the shard's label for rule texts
 */
public record PsyncSource(String name, String replid, String replid2, long secondReplOffset,
                          long masterReplOffset, BacklogInfo backlog) {

    /**
     * Stands for the replid a promotion of {@code shard} will invent: no PSYNC can name it yet, and
     * two promotions in one operation get two different ones.
     */
    public static String newReplidOf(String shard) {
        return "<new replid of " + shard + ">";
    }

    /** Whether {@code replid} is a stand-in from {@link #newReplidOf(String)}. */
    public static boolean isNewReplid(String replid) {
        return replid.startsWith("<new replid");
    }

    /** The shard as the snapshot shows it. */
    public static PsyncSource of(ShardInfo shard) {
        ReplicationInfo r = shard.replication();
        return new PsyncSource(shard.name(), r.replid(), r.replid2(), r.secondReplOffset(),
                r.masterReplOffset(), r.backlog());
    }

    /**
     * Shard {@code name} right after a full sync from this source: it adopted the source's replid,
     * cleared replid2, and created its backlog empty at the snapshot offset
     * ({@code first_byte_offset = master_repl_offset + 1}, Redis's createReplicationBacklog).
     */
    public PsyncSource fullSyncedReplica(String name, long backlogSize) {
        return new PsyncSource(name, replid, ReplicationInfo.NO_REPLID, -1, masterReplOffset,
                new BacklogInfo(true, backlogSize, masterReplOffset + 1, 0));
    }

    /**
     * Replica {@code name}, restarted from an RDB that saved {@code replid} at {@code offset}, right
     * after this source accepted its {@code PSYNC replid offset+1}: it follows the source's replid
     * (its own becomes replid2 when they differ) and, having had no backlog since it started,
     * creates one empty at the next byte — Redis's loadDataFromDisk keeps no backlog on a replica,
     * and the +CONTINUE path calls createReplicationBacklog.
     */
    public PsyncSource resumedReplica(String name, String replid, long offset, long backlogSize) {
        BacklogInfo empty = new BacklogInfo(true, backlogSize, offset + 1, 0);
        return replid.equalsIgnoreCase(this.replid)
                ? new PsyncSource(name, replid, ReplicationInfo.NO_REPLID, -1, offset, empty)
                : new PsyncSource(name, this.replid, replid, offset + 1, offset, empty);
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
                new BacklogInfo(backlog.active(), backlog.size(), first, histlen));
    }

    /**
     * After {@code REPLICAOF NO ONE} at offset O (or accepting {@code PSYNC … FAILOVER}), mirroring
     * {@code shiftReplicationId}: replid2 becomes the old replid, valid up to O+1, and a new replid
     * starts. The backlog is kept.
     */
    public PsyncSource promoted() {
        return continuingAs(newReplidOf(name));
    }

    /**
     * A replica whose upstream answered {@code +CONTINUE <newReplid>} with another replid: like a
     * promotion, its replid becomes replid2 up to offset+1 (Redis's replicationResurrectCachedMaster
     * path through shiftReplicationId), and it drops its own replicas.
     */
    public PsyncSource continuingAs(String newReplid) {
        return new PsyncSource(name, newReplid, replid, masterReplOffset + 1, masterReplOffset, backlog);
    }

    /** The same shard with {@code replid} as its current history (it followed a new primary). */
    public PsyncSource withReplid(String newReplid) {
        return new PsyncSource(name, newReplid, replid2, secondReplOffset, masterReplOffset, backlog);
    }

    /** The backlog after {@code CONFIG SET repl-backlog-size size}: shrinking drops the oldest bytes. */
    public PsyncSource resized(long size) {
        if (!backlog.active()) {
            return this;
        }
        long histlen = Math.min(backlog.histlen(), size);
        return new PsyncSource(name, replid, replid2, secondReplOffset, masterReplOffset,
                new BacklogInfo(true, size, backlog.lastRequestableOffset() - histlen, histlen));
    }

    /** Whether the backlog holds no byte yet (it was just created at {@code master_repl_offset + 1}). */
    public boolean backlogEmpty() {
        return backlog.active() && backlog.histlen() == 0;
    }

    /** {@code [first…master_repl_offset]} as the rule texts print it. */
    public String backlogRange() {
        return "[" + Format.offset(backlog.firstByteOffset()) + "…" + Format.offset(masterReplOffset) + "]";
    }
}
