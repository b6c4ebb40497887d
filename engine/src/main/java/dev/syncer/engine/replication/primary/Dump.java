package dev.syncer.engine.replication.primary;

import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.rdb.RdbExtension;
import dev.syncer.engine.rdb.RdbWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One RDB snapshot being written for full syncs, to a file or straight to replica sockets: what a
 * BGSAVE child does for Redis. The snapshot is taken on the loop in the same turn as the offset it
 * carries, then written by a background thread; the replicas it serves are its {@link #targets}.
 */
abstract class Dump {

    /** Told on the loop when the dump finished or failed. */
    interface Listener {
        void done(Dump dump);

        void failed(Dump dump, Exception cause);
    }

    final long offset;
    final Snapshot snapshot;
    final Map<String, String> aux;
    final List<ReplicaLink> targets = new ArrayList<>();
    final Executor loop;
    final Listener listener;
    private volatile boolean finished;
    private volatile boolean killed;
    private volatile RdbWriter writer;
    private volatile Thread writerThread;
    /** Extra per-key data and trailing fields (an Active-Active primary's states), or null. */
    RdbExtension extension;
    /** The Function libraries, taken in the snapshot's turn. */
    List<byte[]> functions = List.of();
    /** rdb-key-save-delay as the dump started (a BGSAVE child's copy of the setting). */
    long keySaveDelayMicros;
    boolean compression = true; // rdbcompression, as a BGSAVE child writes the replicas' RDB with it

    Dump(long offset, Snapshot snapshot, Map<String, String> aux, Executor loop, Listener listener) {
        this.offset = offset;
        this.snapshot = snapshot;
        this.aux = aux;
        this.loop = loop;
        this.listener = listener;
    }

    /** True for diskless ("$EOF:" framing). */
    abstract boolean socket();

    /** Where the background thread writes the RDB. */
    abstract OutputStream open() throws IOException;

    /** Background thread: the writer failed; drop what was buffered without completing it. */
    void abandon(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // failing anyway
        }
    }

    /** Loop thread, after the RDB was written completely. */
    abstract void written();

    /**
     * Redis's killRDBChild: the writer stops at its next key, or at once if it waits (a key-save delay, a
     * replica's full socket), and the dump fails.
     */
    void kill() {
        killed = true;
        RdbWriter w = writer;
        if (w != null) {
            w.cancel();
        }
        Thread t = writerThread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Runs the writer on a background thread; reports back on the loop. */
    void start(Executor background) {
        background.execute(() -> {
            writerThread = Thread.currentThread();
            try {
                OutputStream out = open();
                try {
                    RdbWriter w = new RdbWriter(out).extension(extension).keySaveDelayMicros(keySaveDelayMicros)
                            .compression(compression);
                    writer = w;
                    if (killed) {
                        w.cancel();
                    }
                    w.write(snapshot, aux, functions);
                } catch (Exception e) {
                    abandon(out);
                    throw e;
                }
                out.close(); // completes the framing (EOF mark) only after a complete RDB
                loop.execute(() -> {
                    finished = true;
                    written();
                    listener.done(this);
                });
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                loop.execute(() -> {
                    finished = true;
                    failedCleanup();
                    listener.failed(this, e);
                });
            } finally {
                writerThread = null;
                snapshot.close();
            }
        });
    }

    /** Loop thread, after the writer failed: remove what the dump left behind. */
    void failedCleanup() {
    }

    boolean finished() {
        return finished;
    }

    /** Loop thread: a target's connection closed. */
    void gone(ReplicaLink link) {
        targets.remove(link);
    }
}
