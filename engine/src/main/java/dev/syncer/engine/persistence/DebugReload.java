package dev.syncer.engine.persistence;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandTable;
import dev.syncer.engine.command.DebugCommand;
import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.rdb.RdbReader;
import dev.syncer.engine.server.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/**
 * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE] (debug.c): saves the dump, empties the dataset and loads
 * the dump back, so a test sees what survives a save and a load (DEBUG LOADAOF: the same with the AOF). The file is read into a fresh
 * keyspace first; a dump that cannot be read leaves the dataset empty, as rdbLoad after emptyData
 * leaves redis-server's.
 */
final class DebugReload {

    private static final Logger log = LoggerFactory.getLogger(DebugReload.class);

    private DebugReload() {
    }

    static void register(Persistence p, CommandTable t) {
        DebugCommand.addSubcommand(t, "reload", ctx -> execute(p, ctx));
        DebugCommand.addSubcommand(t, "loadaof", ctx -> loadAof(p, ctx));
        DebugCommand.addSubcommand(t, "aof-flush-sleep", ctx -> aofFlushSleep(p, ctx));
    }

    // Format: DEBUG AOF-FLUSH-SLEEP <microsec> -> +OK; each AOF write first sleeps that long (0: never)
    private static void aofFlushSleep(Persistence p, CommandContext ctx) {
        if (ctx.args().count() != 3) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for 'aof-flush-sleep'. Try DEBUG HELP.");
        }
        long micros = ctx.args().longValue(2);
        p.aof().flushSleepMicros = Math.max(0, Math.min(micros, 10_000_000L));
        ctx.reply().ok();
    }

    // Format: DEBUG LOADAOF -> +OK, the dataset now what the AOF on disk holds | -ERR no AOF to load
    private static void loadAof(Persistence p, CommandContext ctx) {
        if (ctx.args().count() != 2) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for 'loadaof'. Try DEBUG HELP.");
        }
        if (!p.aof().reload()) {
            throw new CommandError("ERR There is no append only file to load");
        }
        log.warn("Append Only File loaded by DEBUG LOADAOF");
        ctx.reply().ok();
    }

    // Format: DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE] -> +OK | -ERR Error trying to load the RDB dump
    private static void execute(Persistence p, CommandContext ctx) {
        boolean flush = true;
        boolean save = true;
        boolean merge = false;
        for (int j = 2; j < ctx.args().count(); j++) {
            switch (ctx.args().option(j)) {
                case "MERGE" -> merge = true;
                case "NOFLUSH" -> flush = false;
                case "NOSAVE" -> save = false;
                default -> throw new CommandError("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
            }
        }
        if (save && !p.saveNow()) {
            throw new CommandError("ERR");
        }
        Shard shard = p.shard();
        Keyspace loaded = new Keyspace(shard.keyspace().databaseCount(), shard.clock());
        RdbFile file;
        try (InputStream in = Files.newInputStream(p.file())) {
            file = new RdbReader(in, true).keyLoadDelayMicros(shard.config().getLong(Persistence.KEY_LOAD_DELAY))
                    .read(loaded, !shard.keyspace().isReplica());
        } catch (IOException | RuntimeException e) {
            log.warn("Error trying to load the RDB dump: {}", e.getMessage());
            if (flush) {
                shard.keyspace().flushAll();
            }
            throw new CommandError("ERR Error trying to load the RDB dump");
        }
        // the libraries come first in an RDB: without MERGE, one already loaded fails the reload
        String policy = flush ? "FLUSH" : merge ? "REPLACE" : "APPEND";
        if (!p.functionsLoaded(file.functions(), policy)) {
            throw new CommandError("ERR Error trying to load the RDB dump");
        }
        if (flush) {
            shard.keyspace().replaceWith(loaded);
        } else if (!mergeInto(shard.keyspace(), loaded, merge)) {
            throw new CommandError("ERR Error trying to load the RDB dump");
        }
        log.warn("DB reloaded by DEBUG RELOAD");
        ctx.reply().ok();
    }

    /**
     * NOFLUSH: the dump's keys join the live ones; with MERGE a dump key replaces a live one
     * (RDBFLAGS_ALLOW_DUP), without it a duplicate refuses the whole load (where redis-server
     * panics) before anything is applied.
     */
    private static boolean mergeInto(Keyspace live, Keyspace loaded, boolean replace) {
        for (int i = 0; i < live.databaseCount() && !replace; i++) {
            Database target = live.db(i);
            boolean[] duplicate = {false};
            loaded.db(i).forEach((key, value, expireAt) -> duplicate[0] |= target.exists(key));
            if (duplicate[0]) {
                return false;
            }
        }
        for (int i = 0; i < live.databaseCount(); i++) {
            Database target = live.db(i);
            loaded.db(i).forEach((key, value, expireAt) -> {
                target.put(key, value);
                if (expireAt >= 0) {
                    target.setExpire(key, expireAt);
                }
            });
        }
        return true;
    }
}
