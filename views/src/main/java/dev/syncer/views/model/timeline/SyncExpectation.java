package dev.syncer.views.model.timeline;

import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncType;
import java.util.Optional;

/**
 * Whether a sync was to be expected or is a surprise an operator should look at, and why. The
 * timeline colours rows by it: calm for expected, the alarm colour only for surprises.
 *
 * <p>Expected: every partial sync; a full sync of a replica without history (new, or restarted
 * without persistence), after REPLICAOF to another tree, from a primary whose history the replica
 * cannot know (it restarted without persistence, or has no backlog yet); a full sync the console
 * predicted. A surprise: a full sync where a partial was possible — the backlog overflowed, a
 * failover lost the history, a replica restarted from its RDB or lost its link and could not
 * resume, the replica diverged — and any sync that failed.
 */
public enum SyncExpectation {
    /** An operation row. */
    NOT_A_SYNC,
    EXPECTED,
    SURPRISE;

    /** The verdict and a short reason an operator reads. */
    public record Judgement(SyncExpectation expectation, String reason) {
    }

    /**
     * Judges one sync.
     *
     * @param sourceCause   the primary's cause (why the PSYNC ended so), when it reported
     * @param receiverCause the replica's or syncer's cause (why it asked), when it reported
     * @param predicted     the console's prediction for this sync, when an operation made one
     */
    public static Judgement judge(SyncType type, SyncOutcome outcome, Optional<SyncCause> sourceCause,
                                  Optional<SyncCause> receiverCause, Optional<SyncType> predicted) {
        if (outcome == SyncOutcome.FAILED) {
            return surprise("the sync failed");
        }
        if (predicted.isPresent()) {
            if (predicted.get() == type) {
                return expected(type.word() + " sync, as predicted");
            }
            if (type == SyncType.FULL) {
                return surprise("full sync where a partial one was predicted");
            }
        }
        if (type == SyncType.PARTIAL) {
            return expected("continued from the backlog");
        }
        boolean afterFailover = receiverCause.filter(c -> c == SyncCause.FAILOVER).isPresent();
        if (sourceCause.isPresent()) {
            switch (sourceCause.get()) {
                case NEW_REPLICA -> {
                    return expected("the replica had no history (new, or restarted without persistence)");
                }
                case NO_BACKLOG -> {
                    return expected("the primary had no backlog yet");
                }
                case UNKNOWN_REPLID -> {
                    return afterFailover ? surprise("replid unknown to the new primary: the failover lost the history")
                            : expected("the replica's history is not the primary's (another tree, or a primary restarted without persistence)");
                }
                case OFFSET_OUT_OF_BACKLOG -> {
                    return surprise("backlog overflow: the bytes the replica lacked had left the backlog");
                }
                case OFFSET_BEYOND_HISTORY -> {
                    return surprise("the replica was ahead of the primary's history: diverged");
                }
                case FAILOVER -> {
                    return surprise("full sync across a failover that should keep the history");
                }
                default -> {
                    // a cause the receiver's side explains better
                }
            }
        }
        return judgeByReceiver(receiverCause.orElse(sourceCause.orElse(SyncCause.OTHER)));
    }

    private static Judgement judgeByReceiver(SyncCause cause) {
        return switch (cause) {
            case STARTUP, NEW_REPLICA -> expected("first sync of a replica without history");
            case MANUAL_REPLICAOF -> expected("REPLICAOF to another primary");
            case UNKNOWN_REPLID -> expected("the replica's history is not the primary's");
            case NO_BACKLOG -> expected("the primary had no backlog yet");
            case RESTART_FROM_RDB -> surprise("restarted from an RDB recording its position, yet not resumed");
            case LINK_DROP -> surprise("a dropped link not resumed: the backlog no longer held the gap");
            case FAILOVER -> surprise("full sync across a failover that should keep the history");
            case DIVERGED -> surprise("the replica diverged from its primary");
            case OFFSET_OUT_OF_BACKLOG -> surprise("backlog overflow");
            case OFFSET_BEYOND_HISTORY -> surprise("the replica was ahead of the primary's history: diverged");
            case RESTART -> surprise("the syncer restarted with a checkpoint, yet not resumed");
            case LOCAL_FAILOVER -> surprise("the local primary failed over and the syncer started over");
            case PARTIAL_REFUSED -> surprise("the source refused a partial sync from the checkpoint");
            case RECONNECT, OTHER -> surprise("full sync for no known reason");
        };
    }

    private static Judgement expected(String reason) {
        return new Judgement(EXPECTED, reason);
    }

    private static Judgement surprise(String reason) {
        return new Judgement(SURPRISE, reason);
    }

    /** Judges a merged sync with both ends' causes. */
    public static Judgement judge(SyncSides sync, Optional<SyncType> predicted) {
        return judge(sync.type(), sync.outcome(), sync.sourceReport().map(r -> r.cause()),
                sync.receiverReport().map(r -> r.cause()), predicted);
    }
}
