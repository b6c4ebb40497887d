package dev.syncer.engine.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The replication IDs a shard can serve a partial sync for: the current one, and the histories it
 * continued from, each valid up to an offset.
 *
 * <p>Redis keeps one previous ID ({@code replid2}, valid up to {@code second_repl_offset}). We keep
 * a few more, newest first, so a shard that saw two failovers still accepts a partial sync from a
 * replica that was away for both; INFO still shows only the newest as {@code master_replid2}.
 * Loop-confined.
 */
public final class ReplicationHistory {

    /** A past history: PSYNC with this ID is accepted for offsets up to {@code validUpTo}. */
    public record Past(ReplicationId id, long validUpTo) {
    }

    /** How many past IDs we remember (Redis: one). */
    public static final int MAX_PAST = 8;

    private ReplicationId current;
    private final Deque<Past> past = new ArrayDeque<>();

    public ReplicationHistory(ReplicationId current) {
        this.current = current;
    }

    public ReplicationId current() {
        return current;
    }

    /** INFO's master_replid2: the newest past ID, or forty zeros. */
    public ReplicationId replid2() {
        return past.isEmpty() ? ReplicationId.NONE : past.peekFirst().id();
    }

    /** INFO's second_repl_offset: up to where replid2 is valid, or -1. */
    public long secondReplOffset() {
        return past.isEmpty() ? -1 : past.peekFirst().validUpTo();
    }

    /** Past IDs, newest first. */
    public List<Past> past() {
        return new ArrayList<>(past);
    }

    /**
     * The highest offset a PSYNC naming this ID may ask for: {@link Long#MAX_VALUE} for the
     * current ID, the recorded limit for a past one, -1 for an ID we do not know.
     */
    public long validUpTo(String id) {
        if (current.matches(id)) {
            return Long.MAX_VALUE;
        }
        for (Past p : past) {
            if (p.id().matches(id)) {
                return p.validUpTo();
            }
        }
        return -1;
    }

    /** A new history from scratch (Redis's changeReplicationId + clearReplicationId2). */
    public void reset(ReplicationId id) {
        current = id;
        past.clear();
    }

    /**
     * This history continues under a new ID from offset+1 on (Redis's shiftReplicationId on
     * promotion, or a replica told "+CONTINUE newid"): the old ID stays valid up to offset+1.
     */
    public void continueAs(ReplicationId next, long masterReplOffset) {
        if (next.equals(current)) {
            return;
        }
        past.removeIf(p -> p.id().equals(current) || p.id().equals(next));
        past.addFirst(new Past(current, masterReplOffset + 1));
        while (past.size() > MAX_PAST) {
            past.removeLast();
        }
        current = next;
    }

    /** Remembers a past history learnt elsewhere (a restart from an RDB naming it). */
    public void remember(ReplicationId id, long validUpTo) {
        if (id.equals(current)) {
            return;
        }
        past.removeIf(p -> p.id().equals(id));
        past.addFirst(new Past(id, validUpTo));
        while (past.size() > MAX_PAST) {
            past.removeLast();
        }
    }
}
