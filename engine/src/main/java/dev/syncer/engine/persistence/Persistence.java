package dev.syncer.engine.persistence;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.rdb.ExpiredKey;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.rdb.RdbExtension;
import dev.syncer.engine.rdb.RdbWriter;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A shard's RDB persistence, as Redis's rdb.c + the save parts of serverCron: SAVE, BGSAVE (a
 * point-in-time snapshot written by a background thread while the shard keeps serving), the
 * "save" rules, loading the dump at start-up, saving on shutdown, INFO persistence, and DUMP /
 * RESTORE. State is touched on the shard's loop only; the background writer reports back there.
 */
public final class Persistence {

    private static final Logger log = LoggerFactory.getLogger(Persistence.class);
    /** CONFIG_BGSAVE_RETRY_DELAY: after a failed BGSAVE, rules wait this long before trying again. */
    private static final long BGSAVE_RETRY_DELAY_SECONDS = 5;

    private final Shard shard;
    private Supplier<Map<String, String>> auxSupplier = Map::of;
    private Supplier<RdbExtension> extension = () -> null;
    private List<byte[]> loadedFunctions = List.of();
    private Supplier<List<byte[]>> functions = () -> loadedFunctions;
    private java.util.function.BiPredicate<List<byte[]>, String> functionsLoaded = (libraries, policy) -> {
        loadedFunctions = libraries;
        return true;
    };
    private RdbFile loaded;
    private Consumer<RdbFile> aofBaseLoaded = rdb -> { };
    private final List<ExpiredKey> expiredAtStartup = new java.util.ArrayList<>();
    private long lastSaveMillis;
    private long dirtyAtLastSave;
    private boolean lastBgsaveOk = true;
    private long lastBgsaveTryMillis;
    private long lastBgsaveSeconds = -1;
    private long saves;
    private BackgroundSave bgsave;
    private boolean shutdownHandled;
    private AppendOnlyFile aof;

    /** Microseconds to sleep after each key a load reads (see {@link dev.syncer.engine.rdb.RdbReader#keyLoadDelayMicros}). */
    static final String KEY_LOAD_DELAY = "key-load-delay";

    private Persistence(Shard shard) {
        this.shard = shard;
        this.lastSaveMillis = shard.startMillis(); // at start-up the dataset counts as saved (Redis: lastsave = start time)
    }

    /** Defines the settings persistence adds to the core ones (dir, dbfilename, save, rdbcompression...). */
    public static void define(Config config) {
        config.define("rdb-key-save-delay", "0", Config::integer, true);
        config.define(KEY_LOAD_DELAY, "0", Config::integer, true);
        config.markHidden(KEY_LOAD_DELAY); // a testing knob, as Redis's HIDDEN_CONFIG
        config.define("stop-writes-on-bgsave-error", "yes", Config::yesNo, true);
        AppendOnlyFile.define(config);
    }

    /**
     * Attaches SAVE, BGSAVE, LASTSAVE, SHUTDOWN's save, DUMP, RESTORE, the AOF, INFO persistence and
     * the save cron; the data on disk is loaded later ({@link #loadAtStartup}).
     */
    public static Persistence attach(Shard shard, CommandDispatcher commands) {
        Persistence p = new Persistence(shard);
        DurableFiles.removeStaleTemps(p.file().toAbsolutePath().getParent(), shard.config().getLong("port"));
        AofFiles.removeStaleTempFiles(p.file().toAbsolutePath().getParent());
        p.aof = new AppendOnlyFile(shard, p);
        // the commands first: an AOF replays them (RESTORE among them)
        PersistenceCommands.register(p, commands.table());
        AofCommands.register(p.aof, commands.table());
        DumpRestoreCommands.register(commands.table());
        DebugReload.register(p, commands.table());
        commands.addGate(new DiskErrorGate(p, p.aof)); // before replication's gates, as in processCommand
        shard.addCron(p.aof::cron);
        shard.addShutdownHook(p.aof::shutdown);
        shard.addInfoSection(new PersistenceInfo(p));
        shard.addCron(p::cron);
        shard.addShutdownHook(p::onShutdown);
        shard.addFlushAllHook(p::afterFlushAll);
        return p;
    }

    /**
     * Loads the data on disk, as loadDataFromDisk once every command exists (an AOF replays any of
     * them: Active-Active's CRDT.APPLY among them); a file that cannot be loaded stops the start
     * with the reason ({@link FatalStartupError}).
     */
    public void loadAtStartup() {
        if (shard.config().getBoolean("appendonly")) {
            aof.startUp(); // the AOF wins over the RDB, as loadDataFromDisk decides
        } else {
            loaded = StartupLoad.run(shard, file(), (db, key) -> expiredAtStartup.add(new ExpiredKey(db, key)));
        }
        if (loaded != null) {
            loadedFunctions = loaded.functions();
        }
        // after the load: a watch is told the current value at once, and CONFIG SET appendonly yes
        // on a shard whose AOF is off starts one with a rewrite of the dataset
        shard.config().watch("appendonly", v -> {
            if (shard.config().getBoolean("appendonly")) {
                aof.turnOn();
            } else {
                aof.turnOff();
            }
        });
    }

    /**
     * Told of the RDB an AOF starts with (its base), once read and before the AOF's commands replay
     * over it: what the base carries beyond the data (Active-Active key states) is attached then.
     */
    public void onAofBaseLoaded(Consumer<RdbFile> listener) {
        this.aofBaseLoaded = listener;
    }

    Consumer<RdbFile> aofBaseLoaded() {
        return aofBaseLoaded;
    }

    /**
     * Extra aux fields for every save, e.g. the replication state (repl-stream-db, repl-id,
     * repl-offset) as rdbPopulateSaveInfo adds it. Called on the loop at the start of each save.
     */
    public void setAuxSupplier(Supplier<Map<String, String>> supplier) {
        this.auxSupplier = supplier;
    }

    private java.util.function.BooleanSupplier replicationDump = () -> false;

    /** Whether a snapshot for replicas is being written: Redis's BGSAVE child serves those too. */
    public void setReplicationDumpRunning(java.util.function.BooleanSupplier running) {
        this.replicationDump = running;
    }

    boolean replicationDumpRunning() {
        return replicationDump.getAsBoolean();
    }

    /**
     * The keys the start-up load left out as expired, in file order: a restarted primary feeds
     * their DELs to its backlog (Redis's RDBFLAGS_FEED_REPL), then forgets them.
     */
    public List<ExpiredKey> takeExpiredAtStartup() {
        List<ExpiredKey> keys = List.copyOf(expiredAtStartup);
        expiredAtStartup.clear();
        return keys;
    }

    /** What the start-up load found (aux fields such as repl-id / repl-offset), or null if no file was loaded. */
    public RdbFile loadedAtStartup() {
        return loaded;
    }

    /** What saves carry beyond the data (Active-Active key states), asked on the loop at the snapshot. */
    public void setExtension(Supplier<RdbExtension> supplier) {
        this.extension = supplier;
    }

    /**
     * Where the Redis Function libraries live (scripting): asked for them at every save, told the
     * ones DEBUG RELOAD read back (true if they were taken). Until set, the libraries of the start-up load are kept as they are.
     */
    public void setFunctionLibraries(Supplier<List<byte[]>> current,
                                     java.util.function.BiPredicate<List<byte[]>, String> loaded) {
        this.functions = current;
        this.functionsLoaded = loaded;
    }

    /** The Function libraries a save writes (FUNCTION2 records). */
    public List<byte[]> functionLibraries() {
        return functions.get();
    }

    /** The libraries of a reloaded RDB, by FUNCTION RESTORE's policy (FLUSH, APPEND, REPLACE); false if refused. */
    boolean functionsLoaded(List<byte[]> libraries, String policy) {
        return functionsLoaded.test(List.copyOf(libraries), policy);
    }

    Shard shard() {
        return shard;
    }

    Path file() {
        return Path.of(shard.config().get("dir")).resolve(shard.config().get("dbfilename"));
    }

    /** restartAOFAfterSYNC: a replica that loaded its primary's dataset records it as a new AOF base. */
    public void rewriteAofAfterSync() {
        if (aof.state() != AppendOnlyFile.State.OFF && aof.rewrite == null) {
            aof.startRewrite();
        }
    }

    AppendOnlyFile aof() {
        return aof;
    }

    /** The aux fields a save records now (loop thread). */
    Map<String, String> auxForSave() {
        return auxSupplier.get();
    }

    /** What a save carries beyond the data, asked now (loop thread). */
    RdbExtension extensionForSave() {
        return extension.get();
    }

    RdbWriter rdbWriter(java.io.OutputStream out) {
        return writer(out);
    }

    private RdbWriter writer(java.io.OutputStream out) {
        Config c = shard.config();
        RdbWriter w = new RdbWriter(out).compression(c.getBoolean("rdbcompression"))
                .checksum(c.getBoolean("rdbchecksum")).keySaveDelayMicros(c.getLong("rdb-key-save-delay"));
        return c.has("list-max-listpack-size") ? w.listFill((int) c.getLong("list-max-listpack-size")) : w;
    }

    // ---- state for INFO and LASTSAVE (loop thread) ------------------------------------------

    long lastSaveMillis() {
        return lastSaveMillis;
    }

    long changesSinceLastSave() {
        return shard.stats().dirty - dirtyAtLastSave;
    }

    boolean lastBgsaveOk() {
        return lastBgsaveOk;
    }

    boolean stopWritesOnBgsaveError() {
        return shard.config().getBoolean("stop-writes-on-bgsave-error");
    }

    boolean hasSaveRules() {
        return !SaveRules.parse(shard.config().get("save")).isEmpty();
    }

    long lastBgsaveSeconds() {
        return lastBgsaveSeconds;
    }

    long saves() {
        return saves;
    }

    BackgroundSave bgsave() {
        return bgsave;
    }

    // ---- SAVE -------------------------------------------------------------------------------

    /** SAVE: counted as an attempt in rdb_saves, as saveCommand counts it. */
    boolean saveCommand() {
        saves++;
        return saveNow();
    }

    /** rdbSave: writes the live dataset on the loop, which blocks meanwhile; false on failure (logged). */
    boolean saveNow() {
        Path target = file();
        Map<String, String> aux = auxSupplier.get();
        RdbExtension ext = extension.get();
        long dirty = shard.stats().dirty;
        try {
            RdbFiles.writeAtomically(target, out -> writer(out).extension(ext).write(shard.keyspace(), aux, functions.get()));
        } catch (IOException | InterruptedException e) {
            log.warn("Write error saving DB on disk: {}", e.getMessage());
            return false;
        }
        log.info("DB saved on disk");
        dirtyAtLastSave = dirty;
        lastSaveMillis = shard.clock().millis();
        lastBgsaveOk = true;
        return true;
    }

    // ---- BGSAVE ------------------------------------------------------------------------------

    /** rdbSaveBackground: takes a snapshot now and writes it on a new thread. */
    void startBackgroundSave() {
        Path target = file();
        Map<String, String> aux = auxSupplier.get();
        RdbExtension ext = extension.get();
        List<byte[]> libraries = functions.get();
        long now = shard.clock().millis();
        lastBgsaveTryMillis = now;
        saves++; // rdb_saves counts attempts, as rdbSaveBackground does
        Snapshot snapshot = shard.keyspace().beginSnapshot(shard.loop());
        BackgroundSave save = new BackgroundSave(snapshot, now, shard.stats().dirty);
        bgsave = save;
        shard.loop().terminationFuture().addListener(f -> save.abandon());
        save.start(new Thread(() -> {
            Exception failure = null;
            try {
                RdbFiles.writeAtomically(target, out -> {
                    save.writeWith(writer(out).extension(ext)).write(snapshot, aux, libraries);
                    if (save.cancelled()) {
                        throw new InterruptedException("background save cancelled");
                    }
                });
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure = e;
            } finally {
                save.release();
            }
            Exception result = failure;
            try {
                shard.execute(() -> backgroundSaveDone(save, result));
            } catch (RejectedExecutionException e) {
                log.debug("shard stopped before the background save ended");
            }
        }, "bgsave-" + shard.port()));
        log.info("Background saving started");
    }

    private void backgroundSaveDone(BackgroundSave save, Exception failure) {
        if (bgsave != save) {
            return; // cancelled by a shutdown
        }
        bgsave = null;
        long now = shard.clock().millis();
        lastBgsaveSeconds = (now - save.startMillis) / 1000;
        if (failure == null) {
            log.info("Background saving terminated with success");
            dirtyAtLastSave = save.dirtyBefore;
            lastSaveMillis = now;
            lastBgsaveOk = true;
        } else {
            log.warn("Background saving error: {}", failure.toString());
            lastBgsaveOk = false;
        }
    }

    // ---- the save rules (serverCron) ----------------------------------------------------------

    private void cron() {
        if (bgsave != null) {
            return;
        }
        SaveRules rules = SaveRules.parse(shard.config().get("save"));
        long now = shard.clock().millis();
        long changes = changesSinceLastSave();
        SaveRules.Rule due = rules.due(changes, (now - lastSaveMillis) / 1000);
        if (due != null && (lastBgsaveOk || (now - lastBgsaveTryMillis) / 1000 > BGSAVE_RETRY_DELAY_SECONDS)) {
            log.info("{} changes in {} seconds. Saving...", due.changes(), due.seconds());
            startBackgroundSave();
        }
    }

    // ---- shutdown ------------------------------------------------------------------------------

    /**
     * prepareForShutdown's save: stops a running BGSAVE, then saves when there are save rules or
     * {@code save} asks for it (SHUTDOWN SAVE); {@code noSave} skips it. False when the save failed.
     */
    boolean prepareForShutdown(boolean save, boolean noSave) {
        shutdownHandled = true;
        if (bgsave != null) {
            log.warn("There is a background save in progress. Killing it!");
            BackgroundSave running = bgsave;
            bgsave = null;
            running.cancel();
        }
        boolean wanted = save || hasSaveRules();
        if (noSave || !wanted) {
            return true;
        }
        log.info("Saving the final RDB snapshot before exiting.");
        return saveNow();
    }

    /**
     * flushAllDataAndResetRDB: a running BGSAVE of the old data is stopped and, with save rules,
     * the empty dataset is saved at once, so a restart does not bring the flushed keys back.
     */
    private void afterFlushAll() {
        if (bgsave != null) {
            BackgroundSave running = bgsave;
            bgsave = null;
            running.cancel();
        }
        if (hasSaveRules()) {
            saveNow();
        }
    }

    /** Shard.close() without a SHUTDOWN command (SIGTERM, the lab stopping it): save as the rules say. */
    private void onShutdown() {
        if (!shutdownHandled && !prepareForShutdown(false, false)) {
            log.warn("Error trying to save the DB before exiting.");
        }
    }
}
