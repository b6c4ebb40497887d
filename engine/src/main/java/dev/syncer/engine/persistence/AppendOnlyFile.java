package dev.syncer.engine.persistence;

import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.ReplicationFeed;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The append-only file, as Redis 7.0's aof.c: every change is appended (with a SELECT whenever the
 * database changes) to a buffer that is written to the current incremental file once per loop tick,
 * before any reply goes out (beforeSleep's flushAppendOnlyFile). With {@code appendfsync always}
 * the tick's writes are fsynced before the replies that acknowledge them are sent, so a batch of
 * clients shares one fsync; {@code everysec} fsyncs in the background once a second; {@code no}
 * leaves it to the OS. State is touched on the shard's loop only.
 */
public final class AppendOnlyFile {

    private static final Logger log = LoggerFactory.getLogger(AppendOnlyFile.class);

    enum State { OFF, ON, WAIT_REWRITE }

    private final Shard shard;
    private final Persistence persistence;
    private final ExecutorService fsyncThread;
    private final AtomicBoolean fsyncRunning = new AtomicBoolean();
    private final ByteBuf buffer = Unpooled.buffer(1 << 16);
    private final List<Runnable> heldReplies = new ArrayList<>();
    private State state = State.OFF;
    private AofManifest manifest;
    private FileChannel incr;
    private int selectedDb = -1;
    private boolean flushScheduled;
    private long lastFsyncMillis;
    private long unsyncedBytes;
    private boolean lastWriteOk = true;
    private String lastWriteError = "";
    private long currentSize;
    private long lastTimestamp;
    long flushSleepMicros; // DEBUG AOF-FLUSH-SLEEP: lets a test see a write land before its reply
    AofRewrite rewrite;
    long rewrites;
    boolean lastRewriteOk = true;
    long lastRewriteSeconds = -1;

    AppendOnlyFile(Shard shard, Persistence persistence) {
        this.shard = shard;
        this.persistence = persistence;
        this.fsyncThread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("aof-fsync-" + shard.config().get("port"), true));
    }

    static void define(Config config) {
        config.define("appendfsync", "everysec", v -> oneOf(v, "always", "everysec", "no"), true);
        config.define("appenddirname", "appendonlydir", v -> v, false);
        config.define("appendfilename", "appendonly.aof", v -> v, false);
        config.define("aof-use-rdb-preamble", "yes", Config::yesNo, true);
        config.define("aof-load-truncated", "yes", Config::yesNo, true);
        config.define("aof-timestamp-enabled", "no", Config::yesNo, true);
        config.define("no-appendfsync-on-rewrite", "no", Config::yesNo, true);
        config.define("aof-rewrite-incremental-fsync", "yes", Config::yesNo, true);
        config.define("auto-aof-rewrite-percentage", "100", Config::integer, true);
        config.define("auto-aof-rewrite-min-size", "67108864", Config::memory, true);
    }

    private static String oneOf(String v, String... allowed) {
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a;
            }
        }
        throw new IllegalArgumentException("argument(s) must be one of the following: " + String.join(", ", allowed));
    }

    Shard shard() {
        return shard;
    }

    Path dir() {
        return Path.of(shard.config().get("dir")).resolve(shard.config().get("appenddirname"));
    }

    String prefix() {
        return shard.config().get("appendfilename");
    }

    String manifestName() {
        return prefix() + ".manifest";
    }

    State state() {
        return state;
    }

    boolean lastWriteOk() {
        return lastWriteOk;
    }

    /** Why the last write failed (the operating system's words), for MISCONF. */
    String lastWriteError() {
        return lastWriteError;
    }

    long currentSize() {
        return currentSize;
    }

    AofManifest manifest() {
        return manifest;
    }

    /**
     * Start-up with appendonly yes (loadAppendOnlyFiles, then aofOpenIfNeededOnServerStart): loads
     * the manifest's files, opens the last incremental file, or a new one with a new manifest.
     */
    void startUp() {
        Path dir = dir();
        try {
            boolean dirExisted = Files.isDirectory(dir);
            Files.createDirectories(dir);
            AofFiles.removeStaleTempFiles(dir);
            manifest = AofManifest.read(dir.resolve(manifestName()));
            if (AofStartUp.upgradeNeeded(this, dirExisted, manifest)) {
                manifest = AofStartUp.upgrade(this, dir);
            }
        } catch (IOException e) {
            shard.crash();
            throw new FatalStartupError(e.getMessage(), e);
        }
        if (manifest != null) {
            AofLoad.run(shard, dir, manifest, persistence.aofBaseLoaded());
            deleteHistory();
        }
        try {
            if (manifest == null) {
                manifest = new AofManifest();
            }
            if (manifest.base == null && manifest.incrs.isEmpty()) {
                AofStartUp.createBase(this, persistence, dir, manifest);
            }
            if (manifest.incrs.isEmpty()) {
                manifest.newIncr(prefix());
                AofFiles.writeManifest(dir, manifestName(), manifest);
            }
            openIncr(manifest.incrs.get(manifest.incrs.size() - 1));
        } catch (IOException e) {
            shard.crash();
            throw new IllegalStateException("Can't open the append-only file in " + dir + ": " + e.getMessage(), e);
        }
        state = State.ON;
        install();
    }

    /**
     * DEBUG LOADAOF: writes what is buffered, empties the dataset and loads the AOF on disk again as
     * a start-up does. Like loadAppendOnlyFiles' fake client, the load is neither propagated nor
     * appended. False when there is no AOF on disk to load.
     */
    boolean reload() {
        if (state != State.OFF) {
            flush();
        }
        AofManifest onDisk;
        try {
            onDisk = AofManifest.read(dir().resolve(manifestName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (onDisk == null) {
            return false;
        }
        shard.keyspace().flushAll();
        ReplicationFeed feed = shard.feed();
        ReplicationFeed append = shard.appendFeed();
        shard.setFeed(ReplicationFeed.NONE);
        shard.setAppendFeed(ReplicationFeed.NONE);
        try {
            AofLoad.run(shard, dir(), onDisk, persistence.aofBaseLoaded());
        } finally {
            shard.setFeed(feed);
            shard.setAppendFeed(append);
        }
        return true;
    }

    private void install() {
        shard.setAppendFeed(this::feed);
        shard.setReplyBarrier(this::hold);
    }

    private void openIncr(AofManifest.Entry entry) throws IOException {
        if (incr != null) {
            incr.close();
        }
        Path file = dir().resolve(entry.name());
        incr = AofFiles.openAppend(file);
        currentSize = incr.size();
        selectedDb = -1; // a new file starts with SELECT
    }

    /** feedAppendOnlyFile. */
    private void feed(int db, byte[][] argv) {
        if (state == State.OFF) {
            return;
        }
        byte[] ts = timestampAnnotation(false);
        if (ts != null) {
            buffer.writeBytes(ts);
        }
        if (db != selectedDb) {
            RespEncoding.write(buffer, RespEncoding.argv("SELECT", Integer.toString(db)));
            selectedDb = db;
        }
        RespEncoding.write(buffer, argv);
        scheduleFlush();
    }

    /** genAofTimestampAnnotationIfNeeded: "#TS:<unix seconds>" once a second with aof-timestamp-enabled, else null. */
    byte[] timestampAnnotation(boolean force) {
        if (!shard.config().getBoolean("aof-timestamp-enabled")) {
            return null;
        }
        long now = shard.clock().millis() / 1000;
        if (!force && now <= lastTimestamp) {
            return null;
        }
        lastTimestamp = now;
        return ("#TS:" + now + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            // runs after this tick's I/O, so every client served in the tick shares the write (and fsync)
            shard.loop().execute(this::flush);
        }
    }

    private boolean hold(Runnable reply) {
        if (!flushScheduled) {
            return false;
        }
        heldReplies.add(reply);
        return true;
    }

    /** flushAppendOnlyFile, then handleClientsWithPendingWrites. */
    void flush() {
        flushScheduled = false;
        if (buffer.isReadable() && incr != null) {
            if (flushSleepMicros > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(flushSleepMicros * 1000);
            }
            try {
                int n = buffer.readableBytes();
                while (buffer.isReadable()) {
                    buffer.readBytes(incr, buffer.readableBytes());
                }
                currentSize += n;
                unsyncedBytes += n;
                if ("always".equals(shard.config().get("appendfsync"))) {
                    incr.force(false);
                    unsyncedBytes = 0;
                    lastFsyncMillis = shard.clock().millis();
                }
                lastWriteOk = true;
            } catch (IOException e) {
                lastWriteOk = false;
                lastWriteError = e.getMessage();
                log.error("Error writing to the AOF file: {}", e.getMessage());
                if ("always".equals(shard.config().get("appendfsync"))) {
                    // as Redis: a write that cannot be made durable must never be acknowledged
                    log.error("Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...");
                    heldReplies.clear();
                    shard.crash();
                    return;
                }
            }
        }
        buffer.clear();
        List<Runnable> replies = new ArrayList<>(heldReplies);
        heldReplies.clear();
        replies.forEach(Runnable::run);
    }

    /** serverCron's part: everysec's background fsync, and a rewrite's progress. */
    void cron() {
        if (state == State.OFF || incr == null) {
            return;
        }
        long now = shard.clock().millis();
        if ("everysec".equals(shard.config().get("appendfsync")) && unsyncedBytes > 0 && now - lastFsyncMillis >= 1000
                && fsyncRunning.compareAndSet(false, true)) {
            FileChannel ch = incr;
            unsyncedBytes = 0;
            lastFsyncMillis = now;
            fsyncThread.execute(() -> {
                try {
                    ch.force(false);
                } catch (IOException e) {
                    log.warn("AOF fsync failed: {}", e.getMessage());
                } finally {
                    fsyncRunning.set(false);
                }
            });
        }
    }

    // ---- rewrite (BGREWRITEAOF, appendonly yes at run time) ----------------------------------

    /** rewriteAppendOnlyFileBackground: false when one is already running. */
    boolean startRewrite() {
        if (rewrite != null) {
            return false;
        }
        try {
            Files.createDirectories(dir());
            if (manifest == null) {
                manifest = new AofManifest();
                AofManifest existing = AofManifest.read(dir().resolve(manifestName()));
                if (existing != null) {
                    manifest = existing;
                }
            }
            flush();
            // new writes go to a new incremental file, which survives the rewrite
            AofManifest.Entry next = manifest.newIncr(prefix());
            AofFiles.writeManifest(dir(), manifestName(), manifest);
            openIncr(next);
        } catch (IOException e) {
            log.warn("Can't open new incr AOF for rewrite: {}", e.getMessage());
            lastRewriteOk = false;
            return false;
        }
        rewrite = new AofRewrite(this, persistence, shard);
        rewrite.start();
        return true;
    }

    /** backgroundRewriteDoneHandler, on the loop: the base goes in, older files become history and are deleted. */
    void rewriteDone(AofRewrite done, Path writtenBase, Exception failure) {
        if (rewrite != done) {
            return;
        }
        rewrite = null;
        lastRewriteSeconds = (shard.clock().millis() - done.startMillis) / 1000;
        rewrites++;
        if (failure != null) {
            log.warn("Background AOF rewrite failed: {}", failure.toString());
            lastRewriteOk = false;
            return;
        }
        try {
            AofManifest next = manifest.copy();
            AofManifest.Entry base = next.newBase(prefix(), done.rdbBase);
            AofFiles.moveDurably(writtenBase, dir().resolve(base.name()));
            next.markRewrittenIncrsAsHistory();
            AofFiles.writeManifest(dir(), manifestName(), next);
            manifest = next;
            deleteHistory();
            lastRewriteOk = true;
            if (state == State.WAIT_REWRITE) {
                state = State.ON;
            }
            log.info("Background AOF rewrite finished successfully");
        } catch (IOException e) {
            log.warn("Background AOF rewrite failed: {}", e.getMessage());
            lastRewriteOk = false;
        }
    }

    /** aofDelHistoryFiles, once the manifest no longer names them. */
    private void deleteHistory() {
        for (AofManifest.Entry h : manifest.history) {
            try {
                Files.deleteIfExists(dir().resolve(h.name()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!manifest.history.isEmpty()) {
            manifest.history.clear();
            try {
                AofFiles.writeManifest(dir(), manifestName(), manifest);
            } catch (IOException e) {
                log.warn("Can't persist the AOF manifest: {}", e.getMessage());
            }
        }
    }

    // ---- appendonly yes|no at run time ---------------------------------------------------------

    /** startAppendOnly: writes are recorded at once (into the new incr file), the rewrite makes the base. */
    void turnOn() {
        if (state != State.OFF) {
            return;
        }
        state = State.WAIT_REWRITE;
        selectedDb = -1;
        install();
        if (!startRewrite()) {
            state = State.OFF;
        }
    }

    /** stopAppendOnly: flushes and syncs, then stops recording. */
    void turnOff() {
        if (state == State.OFF) {
            return;
        }
        flush();
        if (rewrite != null) {
            rewrite.cancel();
            rewrite = null;
        }
        closeFile(true);
        state = State.OFF;
    }

    private void closeFile(boolean sync) {
        if (incr == null) {
            return;
        }
        try {
            if (sync) {
                incr.force(false);
            }
            incr.close();
        } catch (IOException e) {
            log.warn("Error closing the AOF file: {}", e.getMessage());
        }
        incr = null;
    }

    /** Shutdown: what is buffered is written and synced, as prepareForShutdown does. */
    void shutdown() {
        if (state != State.OFF) {
            flush();
        }
        if (rewrite != null) {
            rewrite.cancel();
            rewrite = null;
        }
        closeFile(true);
        fsyncThread.shutdown();
    }
}
