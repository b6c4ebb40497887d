package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.replication.ReplicationHistory;
import dev.syncer.engine.replication.SyncCause;

/**
 * What a primary answers to {@code PSYNC <replid> <offset>}: a pure function of the request, the
 * shard's replication IDs and its backlog, as Redis's masterTryPartialResynchronization.
 *
 * <ol>
 *   <li>history: the ID must be ours, or a past one with {@code offset <= validUpTo}
 *   (Redis: replid2 and second_repl_offset; we remember several past IDs);</li>
 *   <li>backlog: {@code first_byte <= offset <= first_byte + histlen}.</li>
 * </ol>
 * Anything else is a full sync, with the reason kept for the sync event log.
 */
public record PsyncDecision(boolean partial, Cause cause, long offset, String log) {

    /** Why a PSYNC ended the way it did; {@link #syncCause()} is what the sync event log records. */
    public enum Cause {
        /** Partial sync accepted. */
        ACCEPTED(SyncCause.RECONNECT),
        /** "PSYNC ? -1" (or legacy SYNC): a replica with no history asks for everything. */
        NEW_REPLICA(SyncCause.NEW_REPLICA),
        /** The replica names a history we never had (or forgot). */
        UNKNOWN_REPLID(SyncCause.UNKNOWN_REPLID),
        /** A past ID, but asking beyond the point where our history diverged from it. */
        OFFSET_BEYOND_HISTORY(SyncCause.OFFSET_BEYOND_HISTORY),
        /** No backlog (a primary that never had a replica). */
        NO_BACKLOG(SyncCause.NO_BACKLOG),
        /** The bytes the replica lacks already left the backlog (or were never written). */
        OFFSET_OUT_OF_BACKLOG(SyncCause.OFFSET_OUT_OF_BACKLOG);

        private final SyncCause syncCause;

        Cause(SyncCause syncCause) {
            this.syncCause = syncCause;
        }

        public SyncCause syncCause() {
            return syncCause;
        }

        /** The word SYNCEVENTS sends. */
        public String wire() {
            return syncCause.wire();
        }
    }

    /**
     * @param replid   the ID the replica sent ("?" for none)
     * @param offset   the first byte the replica lacks
     * @param peer     the replica's name for log lines ("127.0.0.1:6380")
     * @param backlog  our backlog, or null when we have none
     */
    public static PsyncDecision decide(String replid, long offset, String peer, ReplicationHistory history,
                                       Backlog backlog, long masterReplOffset) {
        long validUpTo = history.validUpTo(replid);
        if (validUpTo < 0 || offset > validUpTo) {
            if ("?".equals(replid)) {
                return full(Cause.NEW_REPLICA, offset, "Full resync requested by replica " + peer);
            }
            if (validUpTo < 0) {
                return full(Cause.UNKNOWN_REPLID, offset, "Partial resynchronization not accepted: Replication ID mismatch "
                        + "(Replica asked for '" + replid + "', my replication IDs are '" + history.current()
                        + "' and '" + history.replid2() + "')");
            }
            return full(Cause.OFFSET_BEYOND_HISTORY, offset, "Partial resynchronization not accepted: Requested offset for "
                    + "second ID was " + offset + ", but I can reply up to " + validUpTo);
        }
        if (backlog == null) {
            return full(Cause.NO_BACKLOG, offset, "Unable to partial resync with replica " + peer
                    + " for lack of backlog (Replica request was: " + offset + ").");
        }
        if (!backlog.canServeFrom(offset)) {
            String log = "Unable to partial resync with replica " + peer + " for lack of backlog (Replica request was: "
                    + offset + "; backlog holds " + backlog.firstByteOffset() + ".." + backlog.lastByteOffset() + ").";
            if (offset > masterReplOffset) {
                log += " Warning: replica " + peer + " tried to PSYNC with an offset that is greater than the master "
                        + "replication offset.";
            }
            return full(Cause.OFFSET_OUT_OF_BACKLOG, offset, log);
        }
        return new PsyncDecision(true, Cause.ACCEPTED, offset, "");
    }

    private static PsyncDecision full(Cause cause, long offset, String log) {
        return new PsyncDecision(false, cause, offset, log);
    }

    /** The event's detail: for a backlog miss, the offset asked for and the range held; else empty. */
    public String detail(Backlog backlog) {
        if (cause == Cause.OFFSET_OUT_OF_BACKLOG && backlog != null) {
            return "requested " + offset + ", backlog " + backlog.firstByteOffset() + ".." + backlog.lastByteOffset();
        }
        return "";
    }

    /** Cause and detail in one line for people, e.g. {@code offset-out-of-backlog (requested 9, backlog 10..20)}. */
    public String describe(Backlog backlog) {
        String detail = detail(backlog);
        return detail.isEmpty() ? cause.wire() : cause.wire() + " (" + detail + ")";
    }
}
