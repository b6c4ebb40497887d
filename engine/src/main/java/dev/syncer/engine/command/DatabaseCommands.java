package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.Values;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Commands that take keys across databases, as Redis 7.0's db.c: COPY, MOVE and SWAPDB. All three
 * are propagated as received: the expiry they carry over is already absolute.
 */
final class DatabaseCommands {

    static final String SAME_OBJECT = "ERR source and destination objects are the same";
    static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";

    private DatabaseCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("copy", -3, 1, 2, 1, DatabaseCommands::copy, WRITE, DENYOOM));
        t.add(CommandSpec.of("move", 3, 1, 1, 1, DatabaseCommands::move, WRITE, FAST));
        t.add(CommandSpec.of("swapdb", 3, 0, 0, 0, DatabaseCommands::swapdb, WRITE, FAST));
    }

    /** selectDb's check: a database this shard has, else "DB index is out of range". */
    private static Database database(CommandContext ctx, int index) {
        Keyspace keyspace = ctx.shard().keyspace();
        if (index < 0 || index >= keyspace.databaseCount()) {
            throw new CommandError(DB_OUT_OF_RANGE);
        }
        return keyspace.db(index);
    }

    private static boolean clusterEnabled(CommandContext ctx) {
        return ctx.shard().config().getBoolean("cluster-enabled");
    }

    // Format: COPY source destination [DB destination-db] [REPLACE] -> :1 | :0
    private static void copy(CommandContext ctx) {
        Args a = ctx.args();
        Database src = ctx.db();
        Database dst = src;
        boolean replace = false;
        int dbid = ctx.session().db();
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "REPLACE")) {
                replace = true;
            } else if (a.is(i, "DB") && i + 1 < a.count()) {
                dbid = a.intValue(++i);
                dst = database(ctx, dbid);
            } else {
                throw CommandError.syntax();
            }
        }
        if (clusterEnabled(ctx) && (ctx.session().db() != 0 || dbid != 0)) {
            throw new CommandError("ERR Copying to another database is not allowed in cluster mode");
        }
        Key key = a.key(1);
        Key newKey = a.key(2);
        if (src == dst && key.equals(newKey)) {
            throw new CommandError(SAME_OBJECT);
        }
        RedisValue value = KeyCommands.lookupRead(ctx, key);
        if (value == null) {
            ctx.reply().integer(0);
            return;
        }
        long expireAt = src.expireAt(key);
        if (dst.get(newKey) != null) {
            if (!replace) {
                ctx.reply().integer(0);
                return;
            }
            dst.remove(newKey);
        }
        placed(ctx, dst, newKey, Values.duplicate(value), expireAt);
        ctx.notify(KeyspaceEvents.GENERIC, "copy_to", newKey, dst.index());
    }

    // Format: MOVE key db -> :1 | :0 (missing key, or the key exists in the target database)
    private static void move(CommandContext ctx) {
        if (clusterEnabled(ctx)) {
            throw new CommandError("ERR MOVE is not allowed in cluster mode");
        }
        Database src = ctx.db();
        Database dst = database(ctx, ctx.args().intValue(2));
        if (src == dst) {
            throw new CommandError(SAME_OBJECT);
        }
        Key key = ctx.args().key(1);
        // A private copy if a snapshot still shares the value: it is about to live in another database.
        RedisValue value = src.getForWrite(key);
        if (value == null) {
            ctx.reply().integer(0);
            return;
        }
        long expireAt = src.expireAt(key);
        if (dst.get(key) != null) {
            ctx.reply().integer(0);
            return;
        }
        src.remove(key);
        placed(ctx, dst, key, value, expireAt);
        ctx.notify(KeyspaceEvents.GENERIC, "move_from", key);
        ctx.notify(KeyspaceEvents.GENERIC, "move_to", key, dst.index());
    }

    /** Stores the value with its absolute expiry (-1: none) and answers :1. */
    private static void placed(CommandContext ctx, Database db, Key key, RedisValue value, long expireAt) {
        db.put(key, value);
        if (expireAt >= 0) {
            db.setExpire(key, expireAt);
        }
        ctx.changed();
        ctx.reply().integer(1);
    }

    // Format: SWAPDB index1 index2 -> +OK; propagated even when both indexes are the same, as Redis
    private static void swapdb(CommandContext ctx) {
        if (clusterEnabled(ctx)) {
            throw new CommandError("ERR SWAPDB is not allowed in cluster mode");
        }
        int first = dbIndex(ctx.args(), 1, "ERR invalid first DB index");
        int second = dbIndex(ctx.args(), 2, "ERR invalid second DB index");
        database(ctx, first);
        database(ctx, second);
        ctx.shard().keyspace().swapDatabases(first, second);
        ctx.changed();
        ctx.reply().ok();
    }

    /** getIntFromObjectOrReply with SWAPDB's own message for a non-integer. */
    private static int dbIndex(Args a, int i, String message) {
        try {
            return a.intValue(i);
        } catch (CommandError e) {
            throw new CommandError(message);
        }
    }
}
