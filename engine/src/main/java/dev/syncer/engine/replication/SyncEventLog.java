package dev.syncer.engine.replication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The last {@value #CAPACITY} syncs this shard took part in, and the ones in progress. Read over
 * RESP with SYNCEVENTS and INFO sync. Loop-confined.
 */
public final class SyncEventLog {

    private static final Logger log = LoggerFactory.getLogger(SyncEventLog.class);
    public static final int CAPACITY = 512;

    private final Deque<SyncEvent> events = new ArrayDeque<>();
    private final Set<SyncProgress> running = new LinkedHashSet<>();
    private long nextSeq = 1;

    public SyncProgress start(String side, SyncCause cause, String peer, long nowMs) {
        SyncProgress p = new SyncProgress(side, cause, peer, nowMs);
        running.add(p);
        return p;
    }

    /** Ends a sync; a no-op for one already ended (a link can fail after it finished). */
    public void finish(SyncProgress progress, String outcome, long nowMs) {
        if (progress == null || !running.remove(progress)) {
            return;
        }
        SyncEvent e = progress.finish(nextSeq++, outcome, nowMs);
        events.addLast(e);
        while (events.size() > CAPACITY) {
            events.removeFirst();
        }
        log.debug("Sync event {}", e);
    }

    /**
     * Logs a sync another component ran on its own thread (an Active-Active syncer writing into
     * this shard, side {@code syncer}), so SYNCEVENTS shows it beside the shard's own. Loop.
     */
    public void record(SyncProgress progress, String outcome, long nowMs) {
        running.add(progress);
        finish(progress, outcome, nowMs);
    }

    /** Forgets a sync that never really started (a connection attempt that failed early). */
    public void discard(SyncProgress progress) {
        running.remove(progress);
    }

    /** Events with seq &gt; since, oldest first, at most count. */
    public List<SyncEvent> since(long since, int count) {
        List<SyncEvent> out = new ArrayList<>();
        for (SyncEvent e : events) {
            if (e.seq() > since && out.size() < count) {
                out.add(e);
            }
        }
        return out;
    }

    public Collection<SyncProgress> running() {
        return running;
    }

    public long lastSeq() {
        return nextSeq - 1;
    }
}
