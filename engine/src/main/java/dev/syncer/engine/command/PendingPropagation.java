package dev.syncer.engine.command;

import dev.syncer.engine.server.ReplicationFeed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the running top-level command causes to be propagated (Redis's server.also_propagate):
 * collected while it runs, then sent to the replicas and the AOF when it returns, wrapped in
 * MULTI ... EXEC when there are several (Redis's propagatePendingCommands). Loop-confined.
 */
final class PendingPropagation {

    private static final byte[][] MULTI = {"MULTI".getBytes(StandardCharsets.US_ASCII)};
    private static final byte[][] EXEC = {"EXEC".getBytes(StandardCharsets.US_ASCII)};

    /** replicate is false for what a replica applies from its primary: only its own AOF records that. */
    private record Propagated(int db, byte[][] argv, boolean replicate, boolean aof) {
    }

    private final List<Propagated> pending = new ArrayList<>();

    void add(int db, byte[][] argv, boolean replicate) {
        pending.add(new Propagated(db, argv, replicate, true));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    /** redis.set_repl: the propagations collected from index {@code from} on go only where the flags say. */
    void restrict(int from, boolean toReplicas, boolean toAof) {
        for (int i = from; i < pending.size(); i++) {
            Propagated p = pending.get(i);
            pending.set(i, new Propagated(p.db(), p.argv(), p.replicate() && toReplicas, p.aof() && toAof));
        }
    }

    /** propagatePendingCommands: sends what was collected, each target wrapped on its own, and forgets it. */
    void flush(ReplicationFeed replicas, ReplicationFeed aof, boolean wrapIfSeveral) {
        int replicated = 0;
        int appended = 0;
        for (int i = 0; i < pending.size(); i++) { // no stream: this runs after every write
            Propagated p = pending.get(i);
            replicated += p.replicate() ? 1 : 0;
            appended += p.aof() ? 1 : 0;
        }
        ReplicationFeed feed = replicated > 0 ? replicas : ReplicationFeed.NONE;
        boolean feedTransaction = wrapIfSeveral && replicated > 1;
        boolean aofTransaction = wrapIfSeveral && appended > 1;
        int firstDb = pending.get(0).db();
        int lastDb = pending.get(pending.size() - 1).db();
        if (feedTransaction) {
            feed.propagate(firstDb, MULTI); // the first command's db, so SELECT comes before MULTI
        }
        if (aofTransaction) {
            aof.propagate(firstDb, MULTI);
        }
        for (int i = 0; i < pending.size(); i++) {
            Propagated p = pending.get(i);
            if (p.replicate()) {
                feed.propagate(p.db(), p.argv());
            }
            if (p.aof()) {
                aof.propagate(p.db(), p.argv());
            }
        }
        if (feedTransaction) {
            feed.propagate(lastDb, EXEC);
        }
        if (aofTransaction) {
            aof.propagate(lastDb, EXEC);
        }
        pending.clear();
    }
}
