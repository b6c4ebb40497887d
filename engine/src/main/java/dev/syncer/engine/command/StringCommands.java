package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.server.ClientSession;

import java.util.Arrays;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * String commands, as Redis 7.0's t_string.c. The SET family lives in {@link SetCommand}; the
 * rest is here. Every write that changes a string keeps the key's TTL, except the ones that
 * replace the value wholesale (SET, GETSET, MSET), as in Redis.
 */
final class StringCommands {

    private StringCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("get", 2, 1, 1, 1, StringCommands::get, READONLY, FAST));
        SetCommand.register(t);
        t.add(CommandSpec.of("getset", 3, 1, 1, 1, StringCommands::getset, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("getdel", 2, 1, 1, 1, StringCommands::getdel, WRITE, FAST));
        t.add(CommandSpec.of("mget", -2, 1, -1, 1, StringCommands::mget, READONLY, FAST));
        t.add(CommandSpec.of("mset", -3, 1, -1, 2, ctx -> mset(ctx, false), WRITE, DENYOOM));
        t.add(CommandSpec.of("msetnx", -3, 1, -1, 2, ctx -> mset(ctx, true), WRITE, DENYOOM));
        t.add(CommandSpec.of("incr", 2, 1, 1, 1, ctx -> incrBy(ctx, 1), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("decr", 2, 1, 1, 1, ctx -> incrBy(ctx, -1), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("incrby", 3, 1, 1, 1, ctx -> incrBy(ctx, ctx.args().longValue(2)), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("decrby", 3, 1, 1, 1, StringCommands::decrby, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("incrbyfloat", 3, 1, 1, 1, StringCommands::incrbyfloat, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("append", 3, 1, 1, 1, StringCommands::append, WRITE, DENYOOM));
        t.add(CommandSpec.of("strlen", 2, 1, 1, 1, StringCommands::strlen, READONLY, FAST));
        t.add(CommandSpec.of("getrange", 4, 1, 1, 1, StringCommands::getrange, READONLY));
        t.add(CommandSpec.of("substr", 4, 1, 1, 1, StringCommands::getrange, READONLY));
        t.add(CommandSpec.of("setrange", 4, 1, 1, 1, StringCommands::setrange, WRITE, DENYOOM));
    }

    // Format: GET key -> $value | $-1
    private static void get(CommandContext ctx) {
        StringValue v = ctx.read(ctx.args().key(1), StringValue.class);
        ctx.reply().bulk(v == null ? null : v.bytes());
    }

    // Format: GETSET key value -> $old | $-1; propagated as SET key value (the TTL is dropped)
    private static void getset(CommandContext ctx) {
        Key key = ctx.args().key(1);
        get(ctx);
        ctx.db().put(key, new StringValue(ctx.args().bytes(2)));
        ctx.notify(KeyspaceEvents.STRING, "set", key);
        ctx.propagateAs(Words.SET, key.bytes(), ctx.args().bytes(2));
    }

    // Format: GETDEL key -> $value | $-1; propagated as DEL key
    private static void getdel(CommandContext ctx) {
        Key key = ctx.args().key(1);
        StringValue v = ctx.read(key, StringValue.class);
        ctx.reply().bulk(v == null ? null : v.bytes());
        if (v != null && ctx.db().remove(key)) {
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
            ctx.propagateAs(Words.DEL, key.bytes());
        }
    }

    // Format: MGET key [key ...] -> array; missing keys and non-strings are nil
    private static void mget(CommandContext ctx) {
        Args a = ctx.args();
        ctx.reply().arrayHeader(a.count() - 1);
        for (int i = 1; i < a.count(); i++) {
            RedisValue v = ctx.db().get(a.key(i));
            countLookup(ctx, a.key(i), v);
            ctx.reply().bulk(v instanceof StringValue s ? s.bytes() : null);
        }
    }

    private static void countLookup(CommandContext ctx, Key key, RedisValue v) {
        if (v == null) {
            ctx.shard().stats().keyspaceMisses++;
            ctx.notify(KeyspaceEvents.KEY_MISS, "keymiss", key);
        } else {
            ctx.shard().stats().keyspaceHits++;
        }
    }

    // Format: MSET key value [key value ...] -> +OK; MSETNX ... -> :1 | :0 (nothing set if any key exists)
    private static void mset(CommandContext ctx, boolean nx) {
        Args a = ctx.args();
        if (a.count() % 2 == 0) {
            throw new CommandError("ERR wrong number of arguments for '" + a.commandName() + "' command");
        }
        Database db = ctx.db();
        if (nx) {
            for (int i = 1; i < a.count(); i += 2) {
                if (db.get(a.key(i)) != null) {
                    ctx.reply().integer(0);
                    return;
                }
            }
        }
        for (int i = 1; i < a.count(); i += 2) {
            db.put(a.key(i), new StringValue(a.bytes(i + 1)));
            ctx.notify(KeyspaceEvents.STRING, "set", a.key(i));
        }
        ctx.changed((a.count() - 1) / 2);
        if (nx) {
            ctx.reply().integer(1);
        } else {
            ctx.reply().ok();
        }
    }

    // Format: DECRBY key decrement -> :value
    private static void decrby(CommandContext ctx) {
        long decrement = ctx.args().longValue(2);
        if (decrement == Long.MIN_VALUE) {
            throw new CommandError("ERR decrement would overflow");
        }
        incrBy(ctx, -decrement);
    }

    /** INCR, DECR, INCRBY, DECRBY (Redis's incrDecrCommand): a missing key counts as 0; the TTL stays. */
    private static void incrBy(CommandContext ctx, long increment) {
        Key key = ctx.args().key(1);
        StringValue v = ctx.write(key, StringValue.class);
        long value = 0;
        if (v != null) {
            Long parsed = v.asLong();
            if (parsed == null) {
                throw CommandError.notInteger();
            }
            value = parsed;
        }
        value = add(value, increment);
        ctx.db().putKeepTtl(key, StringValue.of(value));
        ctx.changed();
        ctx.notify(KeyspaceEvents.STRING, "incrby", key);
        ctx.reply().integer(value);
    }

    /** value + increment, or "ERR increment or decrement would overflow" (INCRBY, HINCRBY). */
    static long add(long value, long increment) {
        try {
            return Math.addExact(value, increment);
        } catch (ArithmeticException e) {
            throw new CommandError("ERR increment or decrement would overflow");
        }
    }

    // Format: INCRBYFLOAT key increment -> $value; propagated as SET key value KEEPTTL
    private static void incrbyfloat(CommandContext ctx) {
        Key key = ctx.args().key(1);
        StringValue v = ctx.write(key, StringValue.class);
        byte[] text = LongDouble.incrByFloat(v == null ? null : v.bytes(), ctx.args().bytes(2));
        ctx.db().putKeepTtl(key, new StringValue(text));
        ctx.notify(KeyspaceEvents.STRING, "incrbyfloat", key);
        ctx.reply().bulk(text);
        ctx.propagateAs(Words.SET, key.bytes(), text, Words.KEEPTTL);
    }

    // Format: APPEND key value -> :new-length
    private static void append(CommandContext ctx) {
        Key key = ctx.args().key(1);
        byte[] suffix = ctx.args().bytes(2);
        StringValue v = ctx.write(key, StringValue.class);
        byte[] result;
        if (v == null) {
            result = suffix;
        } else {
            checkStringLength(ctx, v.bytes().length, suffix.length);
            result = Arrays.copyOf(v.bytes(), v.bytes().length + suffix.length);
            System.arraycopy(suffix, 0, result, v.bytes().length, suffix.length);
        }
        // a concatenation is the value's own (the suffix alone is the argument's)
        ctx.db().putKeepTtl(key, result == suffix ? new StringValue(result) : StringValue.owning(result));
        ctx.changed();
        ctx.notify(KeyspaceEvents.STRING, "append", key);
        ctx.reply().integer(result.length);
    }

    /** Redis's checkStringLength: a string may not outgrow proto-max-bulk-len (the primary's writes are trusted). */
    private static void checkStringLength(CommandContext ctx, long size, long append) {
        if (ctx.session().kind() == ClientSession.Kind.MASTER) {
            return;
        }
        long total = size + append;
        if (total > ctx.shard().config().getLong("proto-max-bulk-len") || total < size) {
            throw new CommandError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
    }

    // Format: STRLEN key -> :length
    private static void strlen(CommandContext ctx) {
        StringValue v = ctx.read(ctx.args().key(1), StringValue.class);
        ctx.reply().integer(v == null ? 0 : v.bytes().length);
    }

    // Format: GETRANGE key start end -> $substring (negative indexes count from the end)
    private static void getrange(CommandContext ctx) {
        long start = ctx.args().longValue(2);
        long end = ctx.args().longValue(3);
        StringValue v = ctx.read(ctx.args().key(1), StringValue.class);
        byte[] s = v == null ? new byte[0] : v.bytes();
        long len = s.length;
        if (start < 0 && end < 0 && start > end) {
            ctx.reply().bulk(new byte[0]);
            return;
        }
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        start = Math.max(0, start);
        end = Math.max(0, end);
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            ctx.reply().bulk(new byte[0]);
        } else {
            ctx.reply().bulk(Arrays.copyOfRange(s, (int) start, (int) end + 1));
        }
    }

    // Format: SETRANGE key offset value -> :new-length (zero-padded when the offset is past the end)
    private static void setrange(CommandContext ctx) {
        Key key = ctx.args().key(1);
        long offset = ctx.args().longValue(2);
        byte[] value = ctx.args().bytes(3);
        if (offset < 0) {
            throw new CommandError("ERR offset is out of range");
        }
        StringValue v = ctx.write(key, StringValue.class);
        byte[] old = v == null ? null : v.bytes();
        if (value.length == 0) {
            ctx.reply().integer(old == null ? 0 : old.length);
            return;
        }
        checkStringLength(ctx, offset, value.length);
        byte[] inPlace = old != null && offset + value.length <= old.length ? ctx.db().editableBytes(key, v) : null;
        if (inPlace != null) { // within the value's own bytes: written where they are
            System.arraycopy(value, 0, inPlace, (int) offset, value.length);
            ctx.changed();
            ctx.notify(KeyspaceEvents.STRING, "setrange", key);
            ctx.reply().integer(inPlace.length);
            return;
        }
        int newLength = (int) Math.max(old == null ? 0 : old.length, offset + value.length);
        byte[] result = old == null ? new byte[newLength] : Arrays.copyOf(old, newLength);
        System.arraycopy(value, 0, result, (int) offset, value.length);
        ctx.db().putKeepTtl(key, StringValue.owning(result));
        ctx.changed();
        ctx.notify(KeyspaceEvents.STRING, "setrange", key);
        ctx.reply().integer(result.length);
    }
}
