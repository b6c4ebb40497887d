package dev.syncer.engine.command;

import dev.syncer.engine.server.ReplicationFeed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the running top-level command causes to be propagated (Redis's server.also_propagate):
 * collected while it runs, then sent to the replicas and the AOF when it returns, wrapped in
 * MULTI ... EXEC when there are several (Redis's propagatePendingCommands). It runs for every write,
 * so it is kept in parallel arrays reused from one command to the next and walked with plain loops:
 * a record per entry and the streams that counted them were a third of what a streamed SET
 * allocated, on the primary and on the replica applying it. Loop-confined.
 */
final class PendingPropagation {

    private static final byte[][] MULTI = {"MULTI".getBytes(StandardCharsets.US_ASCII)};
    private static final byte[][] EXEC = {"EXEC".getBytes(StandardCharsets.US_ASCII)};
    /** Arrays longer than this (a script's many calls) are not kept once flushed. */
    private static final int KEEP = 64;

    private int[] dbs = new int[4];
    private byte[][][] argvs = new byte[4][][];
    /** replicate is false for what a replica applies from its primary: only its own AOF records that. */
    private boolean[] replicate = new boolean[4];
    private boolean[] aof = new boolean[4];
    private int size;

    void add(int db, byte[][] argv, boolean toReplicas) {
        if (size == dbs.length) {
            int grown = size * 2;
            dbs = Arrays.copyOf(dbs, grown);
            argvs = Arrays.copyOf(argvs, grown);
            replicate = Arrays.copyOf(replicate, grown);
            aof = Arrays.copyOf(aof, grown);
        }
        dbs[size] = db;
        argvs[size] = argv;
        replicate[size] = toReplicas;
        aof[size] = true;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** redis.set_repl: the propagations collected from index {@code from} on go only where the flags say. */
    void restrict(int from, boolean toReplicas, boolean toAof) {
        for (int i = from; i < size; i++) {
            replicate[i] &= toReplicas;
            aof[i] &= toAof;
        }
    }

    /** propagatePendingCommands: sends what was collected, each target wrapped on its own, and forgets it. */
    void flush(ReplicationFeed replicas, ReplicationFeed aofFeed, boolean wrapIfSeveral) {
        int n = size;
        int replicated = 0;
        int appended = 0;
        for (int i = 0; i < n; i++) {
            replicated += replicate[i] ? 1 : 0;
            appended += aof[i] ? 1 : 0;
        }
        ReplicationFeed feed = replicated > 0 ? replicas : ReplicationFeed.NONE;
        boolean feedTransaction = wrapIfSeveral && replicated > 1;
        boolean aofTransaction = wrapIfSeveral && appended > 1;
        int firstDb = dbs[0];
        int lastDb = dbs[n - 1];
        if (feedTransaction) {
            feed.propagate(firstDb, MULTI); // the first command's db, so SELECT comes before MULTI
        }
        if (aofTransaction) {
            aofFeed.propagate(firstDb, MULTI);
        }
        for (int i = 0; i < n; i++) {
            if (replicate[i]) {
                feed.propagate(dbs[i], argvs[i]);
            }
            if (aof[i]) {
                aofFeed.propagate(dbs[i], argvs[i]);
            }
        }
        if (feedTransaction) {
            feed.propagate(lastDb, EXEC);
        }
        if (aofTransaction) {
            aofFeed.propagate(lastDb, EXEC);
        }
        clear();
    }

    private void clear() {
        if (dbs.length > KEEP) {
            dbs = new int[4];
            argvs = new byte[4][][];
            replicate = new boolean[4];
            aof = new boolean[4];
        } else {
            Arrays.fill(argvs, 0, size, null); // the arguments are not kept alive by the next command
        }
        size = 0;
    }
}
