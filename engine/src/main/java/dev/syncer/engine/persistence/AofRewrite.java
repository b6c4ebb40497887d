package dev.syncer.engine.persistence;

import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.rdb.RdbExtension;
import dev.syncer.engine.server.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * One AOF rewrite in progress: the point-in-time dataset written as the new base file by its own
 * thread (Redis forks a child), while new writes already go to the incremental file opened for it.
 * The base is an RDB with {@code aof-base 1} (aof-use-rdb-preamble yes, Redis's default), or
 * commands rebuilding the dataset (no).
 */
final class AofRewrite {

    private static final Logger log = LoggerFactory.getLogger(AofRewrite.class);

    private final AppendOnlyFile aof;
    private final Persistence persistence;
    private final Shard shard;
    final long startMillis;
    final boolean rdbBase;
    private final byte[] timestamp;
    private BackgroundSave save;

    AofRewrite(AppendOnlyFile aof, Persistence persistence, Shard shard) {
        this.aof = aof;
        this.persistence = persistence;
        this.shard = shard;
        this.startMillis = shard.clock().millis();
        this.rdbBase = shard.config().getBoolean("aof-use-rdb-preamble");
        this.timestamp = rdbBase ? null : aof.timestampAnnotation(true); // rewriteAppendOnlyFileRio's first line
    }

    /** Takes the snapshot now, on the loop, and writes it on a new thread. */
    void start() {
        Map<String, String> aux = new HashMap<>(persistence.auxForSave());
        aux.put("aof-base", "1");
        List<byte[]> libraries = persistence.functionLibraries();
        RdbExtension ext = persistence.extensionForSave();
        Snapshot snapshot = shard.keyspace().beginSnapshot(shard.loop());
        BackgroundSave running = new BackgroundSave(snapshot, startMillis, shard.stats().dirty);
        save = running;
        Path temp = aof.dir().resolve(AofFiles.TEMP_PREFIX + "rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
        running.start(new Thread(() -> {
            Exception failure = null;
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                AofFiles.ownerOnly(temp);
                OutputStream out = Channels.newOutputStream(ch);
                if (rdbBase) {
                    running.writeWith(persistence.rdbWriter(out).extension(ext)).write(snapshot, aux, libraries);
                } else {
                    if (timestamp != null) {
                        out.write(timestamp);
                    }
                    AofBaseCommands.write(snapshot, out);
                }
                out.flush();
                ch.force(true);
                if (running.cancelled()) {
                    throw new InterruptedException("AOF rewrite cancelled");
                }
            } catch (Exception e) {
                failure = e;
            } finally {
                running.release();
            }
            if (failure != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (java.io.IOException ignored) {
                    // removed at the next start-up
                }
            }
            Exception result = failure;
            try {
                shard.execute(() -> aof.rewriteDone(this, temp, result));
            } catch (RejectedExecutionException e) {
                log.debug("shard stopped before the AOF rewrite ended");
            }
        }, "aof-rewrite-" + shard.port()));
        log.info("Background append only file rewriting started");
    }

    void cancel() {
        if (save != null) {
            save.cancel();
        }
    }
}
