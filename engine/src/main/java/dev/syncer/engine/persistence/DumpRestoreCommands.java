package dev.syncer.engine.persistence;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.KeyAccess;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.rdb.DumpPayload;
import dev.syncer.engine.rdb.Quicklist;
import dev.syncer.engine.rdb.RdbException;
import dev.syncer.engine.server.Config;

import java.nio.charset.StandardCharsets;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/** DUMP and RESTORE, byte-compatible with redis-server 7.0 (cluster.c dumpCommand / restoreCommand). */
final class DumpRestoreCommands {

    private DumpRestoreCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("dump", 2, 1, 1, 1, DumpRestoreCommands::dump, READONLY));
        t.add(CommandSpec.of("restore", -4, 1, 1, 1, DumpRestoreCommands::restore, WRITE, DENYOOM));
    }

    // Format: DUMP key -> $payload | $-1
    private static void dump(CommandContext ctx) {
        RedisValue v = ctx.read(ctx.args().key(1), RedisValue.class);
        Config c = ctx.shard().config();
        ctx.reply().bulk(v == null ? null : DumpPayload.dump(v, c.getBoolean("rdbcompression"),
                c.has("list-max-listpack-size") ? (int) c.getLong("list-max-listpack-size") : Quicklist.DEFAULT_FILL));
    }

    // Format: RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME s] [FREQ f] -> +OK
    private static void restore(CommandContext ctx) {
        boolean replace = false;
        boolean absTtl = false;
        long idle = -1;
        long freq = -1;
        int argc = ctx.args().count();
        for (int i = 4; i < argc; i++) {
            String opt = ctx.args().option(i);
            boolean hasValue = i + 1 < argc;
            if (opt.equals("REPLACE")) {
                replace = true;
            } else if (opt.equals("ABSTTL")) {
                absTtl = true;
            } else if (opt.equals("IDLETIME") && hasValue && freq < 0) {
                idle = ctx.args().longValue(++i);
                if (idle < 0) {
                    throw new CommandError("ERR Invalid IDLETIME value, must be >= 0");
                }
            } else if (opt.equals("FREQ") && hasValue && idle < 0) {
                freq = ctx.args().longValue(++i);
                if (freq < 0 || freq > 255) {
                    throw new CommandError("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
            } else {
                throw CommandError.syntax();
            }
        }
        Key key = ctx.args().key(1);
        Database db = ctx.db();
        if (!replace && db.exists(key)) {
            throw new CommandError("BUSYKEY Target key name already exists.");
        }
        long ttl = ctx.args().longValue(2);
        if (ttl < 0) {
            throw new CommandError("ERR Invalid TTL value, must be >= 0");
        }
        byte[] payload = ctx.args().bytes(3);
        if (!DumpPayload.verify(payload)) {
            throw new CommandError("ERR DUMP payload version or checksum are wrong");
        }
        RedisValue value;
        try {
            value = DumpPayload.restore(payload);
        } catch (RdbException e) {
            throw new CommandError("ERR Bad data format");
        }
        boolean deleted = replace && db.remove(key);
        long expireAt = ttl != 0 && !absTtl ? ttl + ctx.now() : ttl;
        if (ttl != 0 && ctx.alreadyExpired(expireAt)) {
            // already expired (checkAlreadyExpired): nothing to create; a replaced key is a DEL for replicas
            if (deleted) {
                ctx.propagateAs("DEL".getBytes(StandardCharsets.US_ASCII), key.bytes());
            }
            ctx.reply().ok();
            return;
        }
        db.put(key, value);
        if (ttl != 0) {
            db.setExpire(key, expireAt);
        }
        // objectSetLRUOrLFU: each option counts only under its own kind of policy
        boolean lfu = ctx.shard().keyspace().access().lfu();
        if (lfu && freq >= 0) {
            KeyAccess.setFrequency(value, (int) freq, ctx.now());
        } else if (!lfu && idle >= 0) {
            KeyAccess.setIdle(value, idle, ctx.now());
        }
        ctx.changed();
        ctx.notify(dev.syncer.engine.command.KeyspaceEvents.GENERIC, "restore", key);
        if (ttl != 0 && !absTtl) {
            // replicas get the same instant: the TTL rewritten as absolute, plus ABSTTL
            byte[][] argv = ctx.args().argv();
            byte[][] form = java.util.Arrays.copyOf(argv, argv.length + 1);
            form[2] = Long.toString(expireAt).getBytes(StandardCharsets.US_ASCII);
            form[argv.length] = "ABSTTL".getBytes(StandardCharsets.US_ASCII);
            ctx.propagateAs(form);
        }
        ctx.reply().ok();
    }
}
