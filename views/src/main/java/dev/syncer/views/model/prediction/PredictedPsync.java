package dev.syncer.views.model.prediction;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncType;

/**
 * The answer a primary gives to {@code PSYNC <replid> <offset>} and the rule that decided it, in
 * the order Redis's {@code masterTryPartialResynchronization} applies them:
 * <ol>
 *   <li>history: {@code replid == master_replid}, or {@code replid == master_replid2} and
 *       {@code offset <= second_repl_offset};</li>
 *   <li>backlog: {@code first_byte_offset <= offset <= first_byte_offset + histlen}
 *       (the upper end is {@code master_repl_offset + 1}).</li>
 * </ol>
 * Anything else is a full sync. Replids compare case-insensitively. The boundaries are those
 * observed on redis-server 7.0.15 ({@code testdata/psync-boundaries.csv}, shared with the
 * engine's own decision).
 *
 * @param cause the word the primary's sync event would carry: {@link SyncCause#RECONNECT} for a
 *              partial sync, else why it is full
 * @param rule one sentence for an operator, e.g.
 *             "partial: replid 8f3a12… matches replid2 and offset 10 234 ≤ second_repl_offset 10 240"
 */
public record PredictedPsync(SyncType type, SyncCause cause, String rule) {

    private static PredictedPsync full(SyncCause cause, String rule) {
        return new PredictedPsync(SyncType.FULL, cause, rule);
    }

    private static PredictedPsync partial(String rule) {
        return new PredictedPsync(SyncType.PARTIAL, SyncCause.RECONNECT, rule);
    }

    /**
     * A full sync because the upstream lost the history the replica names (it took a full sync
     * itself, or crashed without saving): the replid the replica sends is no longer known there.
     */
    public static PredictedPsync upstreamLostHistory(String rule) {
        return full(SyncCause.UNKNOWN_REPLID, rule);
    }

    /** The same decision with {@code context} before its rule ("when it returns, …"). */
    public PredictedPsync after(String context) {
        return new PredictedPsync(type, cause, context + rule);
    }

    /** What a shard with no history sends: {@code PSYNC ? -1}. */
    public static PredictedPsync noHistory(String who) {
        return full(SyncCause.NEW_REPLICA, "full: " + who + " has no replication history (PSYNC ? -1)");
    }

    /** Decides {@code PSYNC replid psyncOffset} against {@code source}. */
    public static PredictedPsync decide(String replid, long psyncOffset, PsyncSource source) {
        return decide(replid, psyncOffset, source, false);
    }

    /**
     * As {@link #decide}, for a shard that resumes the history it saved (a replica started again
     * from its RDB on another node): the rule says "it keeps replid …" and names the source's
     * backlog.
     */
    public static PredictedPsync resume(String replid, long psyncOffset, PsyncSource source) {
        return decide(replid, psyncOffset, source, true);
    }

    private static PredictedPsync decide(String replid, long psyncOffset, PsyncSource source, boolean keeps) {
        if (replid == null || replid.equals("?") || Format.isNoReplid(replid)) {
            return full(SyncCause.NEW_REPLICA, "full: no replid to resume (PSYNC ? -1)");
        }
        String id = idText(replid);
        String off = Format.offset(psyncOffset);
        String backlog = keeps ? source.name() + "'s backlog" : "the backlog";
        String historyClause;
        boolean viaReplid2 = false;
        if (replid.equalsIgnoreCase(source.replid())) {
            historyClause = keeps ? "it keeps replid " + id : "replid " + id + " matches replid";
        } else if (replid.equalsIgnoreCase(source.replid2())) {
            String matches = keeps ? "it keeps replid " + id + ", " + source.name() + "'s replid2,"
                    : "replid " + id + " matches replid2";
            if (psyncOffset > source.secondReplOffset()) {
                return full(SyncCause.OFFSET_BEYOND_HISTORY, "full: " + matches + " but offset " + off
                        + " > second_repl_offset " + Format.offset(source.secondReplOffset())
                        + " (writes " + source.name() + " never received)");
            }
            viaReplid2 = true;
            historyClause = matches + " and offset " + off + " ≤ second_repl_offset "
                    + Format.offset(source.secondReplOffset());
        } else {
            return full(SyncCause.UNKNOWN_REPLID, "full: " + (keeps ? "it keeps replid " + id + ", which" : "replid " + id)
                    + " is not in " + source.name() + "'s history (replid " + idText(source.replid()) + ", replid2 "
                    + idText(source.replid2()) + ")");
        }
        String but = keeps ? "full: it keeps replid " + id + " but offset " : "full: offset ";
        if (!source.backlog().active()) {
            return full(SyncCause.NO_BACKLOG, "full: " + source.name() + " has no backlog (repl_backlog_active:0)");
        }
        if (psyncOffset < source.backlog().firstByteOffset() && source.backlogEmpty()) {
            return full(SyncCause.OFFSET_OUT_OF_BACKLOG, but + off + " is older than " + source.name()
                    + "'s backlog, which starts empty at " + Format.offset(source.backlog().firstByteOffset()));
        }
        if (psyncOffset < source.backlog().firstByteOffset()) {
            return full(SyncCause.OFFSET_OUT_OF_BACKLOG, but + off + " left " + backlog + " " + source.backlogRange());
        }
        if (psyncOffset > source.backlog().lastRequestableOffset()) {
            return full(SyncCause.OFFSET_OUT_OF_BACKLOG, but + off + " is ahead of " + backlog + " " + source.backlogRange());
        }
        if (source.backlogEmpty()) {
            // The backlog was just created at this very byte: nothing to send, nothing missing.
            return partial("partial: " + historyClause + (viaReplid2 ? ", " : " and offset "
                    + off + " is ") + "the next byte of " + source.name() + "'s backlog, which starts empty there");
        }
        if (!viaReplid2 && psyncOffset == source.backlog().lastRequestableOffset()) {
            // master_repl_offset + 1: the replica has every byte; "inside [first…last]" would read as a contradiction
            return partial("partial: " + historyClause + " and offset " + off + " is the next byte after "
                    + backlog + " " + source.backlogRange() + ": nothing to send");
        }
        String clause = viaReplid2 ? historyClause + ", inside " + backlog + " "
                : historyClause + " and offset " + off + " is inside " + backlog + " ";
        return partial("partial: " + clause + source.backlogRange());
    }

    /** A replid as rule texts print it: shortened, or a promotion's stand-in in full. */
    private static String idText(String replid) {
        return replid != null && PsyncSource.isNewReplid(replid) ? replid : Format.shortReplid(replid);
    }
}
