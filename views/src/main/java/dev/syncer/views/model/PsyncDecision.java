package dev.syncer.views.model;

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
 * Anything else is a full sync. Replids compare case-insensitively.
 *
 * @param rule one sentence for an operator, e.g.
 *             "partial: replid 8f3a12… matches replid2 and offset 10 234 ≤ second_repl_offset 10 240"
 */
public record PsyncDecision(SyncType type, String rule) {

    /** What a shard with no history sends: {@code PSYNC ? -1}. */
    public static PsyncDecision noHistory(String who) {
        return new PsyncDecision(SyncType.FULL, "full: " + who + " has no replication history (PSYNC ? -1)");
    }

    /** Decides {@code PSYNC replid psyncOffset} against {@code source}. */
    public static PsyncDecision decide(String replid, long psyncOffset, PsyncSource source) {
        if (replid == null || replid.equals("?") || Format.isNoReplid(replid)) {
            return new PsyncDecision(SyncType.FULL, "full: no replid to resume (PSYNC ? -1)");
        }
        String id = Format.shortReplid(replid);
        String off = Format.offset(psyncOffset);
        String historyClause;
        if (replid.equalsIgnoreCase(source.replid())) {
            historyClause = "replid " + id + " matches replid";
        } else if (replid.equalsIgnoreCase(source.replid2())) {
            if (psyncOffset > source.secondReplOffset()) {
                return new PsyncDecision(SyncType.FULL, "full: replid " + id + " matches replid2 but offset " + off
                        + " > second_repl_offset " + Format.offset(source.secondReplOffset())
                        + " (writes " + source.name() + " never received)");
            }
            historyClause = "replid " + id + " matches replid2 and offset " + off + " ≤ second_repl_offset "
                    + Format.offset(source.secondReplOffset());
        } else {
            return new PsyncDecision(SyncType.FULL, "full: replid " + id + " is not in " + source.name()
                    + "'s history (replid " + Format.shortReplid(source.replid()) + ", replid2 "
                    + Format.shortReplid(source.replid2()) + ")");
        }
        if (!source.backlog().active()) {
            return new PsyncDecision(SyncType.FULL, "full: " + source.name() + " has no backlog (repl_backlog_active:0)");
        }
        if (psyncOffset < source.backlog().firstByteOffset() && source.backlog().histlen() == 0) {
            return new PsyncDecision(SyncType.FULL, "full: offset " + off + " is older than " + source.name()
                    + "'s backlog, which starts empty at " + Format.offset(source.backlog().firstByteOffset()));
        }
        if (psyncOffset < source.backlog().firstByteOffset()) {
            return new PsyncDecision(SyncType.FULL, "full: offset " + off + " left the backlog " + source.backlogRange());
        }
        if (psyncOffset > source.backlog().lastRequestableOffset()) {
            return new PsyncDecision(SyncType.FULL, "full: offset " + off + " is ahead of the backlog "
                    + source.backlogRange());
        }
        String clause = historyClause.contains("replid2") ? historyClause + ", inside the backlog "
                : historyClause + " and offset " + off + " is inside the backlog ";
        return new PsyncDecision(SyncType.PARTIAL, "partial: " + clause + source.backlogRange());
    }
}
