package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.SetOptions;
import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.LongDouble;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.activeactive.crdt.ElementKind;
import dev.syncer.engine.activeactive.crdt.KeyState;

import java.util.Arrays;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * String writes in an Active-Active database. A SET (and SETNX, SETEX, PSETEX, MSET, MSETNX,
 * GETSET) replaces the key: it removes what it observed, writes the string (last write wins) and
 * the TTL register. INCR, DECR, INCRBY, DECRBY are counter increments (concurrent ones add up).
 * INCRBYFLOAT, APPEND and SETRANGE write their result as a register (last write wins). Replies and
 * errors are Redis 7.0's (t_string.c).
 */
final class StringWrites {

    private static final ElementKind STRING = ElementKind.STRING;

    private StringWrites() {
    }

    static List<CommandSpec> specs(ActiveActive aa) {
        return List.of(
                CommandSpec.of("set", -3, 1, 1, 1, ctx -> set(aa, ctx), WRITE, DENYOOM),
                CommandSpec.of("setnx", 3, 1, 1, 1, ctx -> setnx(aa, ctx), WRITE, DENYOOM, FAST),
                CommandSpec.of("setex", 4, 1, 1, 1, ctx -> setex(aa, ctx, true), WRITE, DENYOOM),
                CommandSpec.of("psetex", 4, 1, 1, 1, ctx -> setex(aa, ctx, false), WRITE, DENYOOM),
                CommandSpec.of("mset", -3, 1, -1, 2, ctx -> mset(aa, ctx, false), WRITE, DENYOOM),
                CommandSpec.of("msetnx", -3, 1, -1, 2, ctx -> mset(aa, ctx, true), WRITE, DENYOOM),
                CommandSpec.of("getset", 3, 1, 1, 1, ctx -> getset(aa, ctx), WRITE, DENYOOM, FAST),
                CommandSpec.of("getdel", 2, 1, 1, 1, ctx -> getdel(aa, ctx), WRITE, FAST),
                CommandSpec.of("getex", -2, 1, 1, 1, ctx -> getex(aa, ctx), WRITE, FAST),
                CommandSpec.of("append", 3, 1, 1, 1, ctx -> append(aa, ctx), WRITE, DENYOOM, FAST),
                CommandSpec.of("setrange", 4, 1, 1, 1, ctx -> setrange(aa, ctx), WRITE, DENYOOM),
                CommandSpec.of("incr", 2, 1, 1, 1, ctx -> incrBy(aa, ctx, 1), WRITE, DENYOOM, FAST),
                CommandSpec.of("decr", 2, 1, 1, 1, ctx -> incrBy(aa, ctx, -1), WRITE, DENYOOM, FAST),
                CommandSpec.of("incrby", 3, 1, 1, 1, ctx -> incrBy(aa, ctx, ctx.args().longValue(2)), WRITE, DENYOOM, FAST),
                CommandSpec.of("decrby", 3, 1, 1, 1, ctx -> decrBy(aa, ctx), WRITE, DENYOOM, FAST),
                CommandSpec.of("incrbyfloat", 3, 1, 1, 1, ctx -> incrByFloat(aa, ctx), WRITE, DENYOOM, FAST));
    }

    /** The effect of a SET: the key holds this string and this TTL (-1: none) and nothing it held before. */
    static void replaceWithString(Effect e, Key key, byte[] value, long expireAt) {
        e.removeKey(key);
        e.register(key, STRING, KeyState.UNNAMED, value);
        e.expiry(key, expireAt);
    }

    /** SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL] */
    private static void set(ActiveActive aa, CommandContext ctx) {
        Args a = ctx.args();
        SetOptions o = SetOptions.parse(a, 3, true);
        long at = o.expireMillis(a, ctx.now());
        Effect e = new Effect(aa, ctx);
        Key key = a.key(1);
        RedisValue old = e.value(key);
        if (o.get()) {
            if (old != null && !(old instanceof StringValue)) {
                throw CommandError.wrongType();
            }
            ctx.reply().bulk(old == null ? null : ((StringValue) old).bytes());
        }
        boolean found = old != null;
        if ((o.nx() && found) || (o.xx() && !found)) {
            if (!o.get()) {
                ctx.reply().nullBulk();
            }
            return;
        }
        long ttl = o.keepTtl() ? (found ? ctx.db().expireAt(key) : -1) : at;
        replaceWithString(e, key, a.bytes(2), ttl);
        e.commit();
        if (!o.get()) {
            ctx.reply().ok();
        }
    }

    private static void setnx(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        if (e.value(key) != null) {
            ctx.reply().integer(0);
            return;
        }
        replaceWithString(e, key, ctx.args().bytes(2), -1);
        e.commit();
        ctx.reply().integer(1);
    }

    /** SETEX key seconds value, PSETEX key milliseconds value. */
    private static void setex(ActiveActive aa, CommandContext ctx, boolean seconds) {
        long at = ctx.args().expireMillis(2, seconds, true, ctx.now());
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        e.value(key);
        replaceWithString(e, key, ctx.args().bytes(3), at);
        e.commit();
        ctx.reply().ok();
    }

    private static void mset(ActiveActive aa, CommandContext ctx, boolean nx) {
        Args a = ctx.args();
        if (a.count() % 2 == 0) {
            throw new CommandError("ERR wrong number of arguments for '" + a.commandName() + "' command");
        }
        Effect e = new Effect(aa, ctx);
        boolean anyExists = false;
        for (int i = 1; i < a.count(); i += 2) {
            anyExists |= e.value(a.key(i)) != null;
        }
        if (nx && anyExists) {
            ctx.reply().integer(0);
            return;
        }
        for (int i = 1; i < a.count(); i += 2) {
            replaceWithString(e, a.key(i), a.bytes(i + 1), -1);
        }
        e.commit();
        if (nx) {
            ctx.reply().integer(1);
        } else {
            ctx.reply().ok();
        }
    }

    private static void getset(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        StringValue old = e.value(key, StringValue.class);
        ctx.reply().bulk(old == null ? null : old.bytes());
        replaceWithString(e, key, ctx.args().bytes(2), -1);
        e.commit();
    }

    private static void getdel(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        StringValue old = e.value(key, StringValue.class);
        ctx.reply().bulk(old == null ? null : old.bytes());
        if (old != null) {
            e.removeKey(key);
            e.commit();
        }
    }

    /** GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST] */
    private static void getex(ActiveActive aa, CommandContext ctx) {
        SetOptions o = SetOptions.parse(ctx.args(), 2, false);
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        StringValue v = e.value(key, StringValue.class);
        if (v == null) {
            ctx.reply().nullBulk();
            return;
        }
        long at = o.expireMillis(ctx.args(), ctx.now());
        ctx.reply().bulk(v.bytes());
        if (o.absolute() && at <= ctx.now()) {
            e.removeKey(key);
        } else if (o.hasExpire()) {
            e.expiry(key, at);
        } else if (o.persist() && ctx.db().expireAt(key) >= 0) {
            e.expiry(key, -1);
        }
        e.commit();
    }

    private static void append(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        StringValue old = e.value(key, StringValue.class);
        byte[] suffix = ctx.args().bytes(2);
        byte[] result;
        if (old == null) {
            result = suffix;
            e.created(key);
        } else {
            checkLength(ctx, (long) old.bytes().length + suffix.length);
            result = Arrays.copyOf(old.bytes(), old.bytes().length + suffix.length);
            System.arraycopy(suffix, 0, result, old.bytes().length, suffix.length);
        }
        e.register(key, STRING, KeyState.UNNAMED, result);
        e.commit();
        ctx.reply().integer(result.length);
    }

    private static void setrange(ActiveActive aa, CommandContext ctx) {
        long offset = ctx.args().longValue(2);
        if (offset < 0) {
            throw new CommandError("ERR offset is out of range");
        }
        byte[] value = ctx.args().bytes(3);
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        StringValue old = e.value(key, StringValue.class);
        byte[] base = old == null ? new byte[0] : old.bytes();
        if (value.length == 0) {
            ctx.reply().integer(base.length);
            return;
        }
        checkLength(ctx, offset + value.length);
        byte[] result = Arrays.copyOf(base, (int) Math.max(base.length, offset + value.length));
        System.arraycopy(value, 0, result, (int) offset, value.length);
        if (old == null) {
            e.created(key);
        }
        e.register(key, STRING, KeyState.UNNAMED, result);
        e.commit();
        ctx.reply().integer(result.length);
    }

    private static void checkLength(CommandContext ctx, long total) {
        if (total > ctx.shard().config().getLong("proto-max-bulk-len")) {
            throw new CommandError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
    }

    private static void decrBy(ActiveActive aa, CommandContext ctx) {
        long by = ctx.args().longValue(2);
        if (by == Long.MIN_VALUE) {
            throw new CommandError("ERR decrement would overflow");
        }
        incrBy(aa, ctx, -by);
    }

    /** INCR, DECR, INCRBY, DECRBY: a counter increment. */
    private static void incrBy(ActiveActive aa, CommandContext ctx, long by) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        StringValue old = e.value(key, StringValue.class);
        long value = 0;
        if (old != null) {
            Long parsed = Numbers.parseLong(old.bytes());
            if (parsed == null) {
                throw CommandError.notInteger();
            }
            value = parsed;
        }
        long result = addWithoutOverflow(value, by);
        if (old == null) {
            e.created(key);
        }
        e.increment(key, STRING, KeyState.UNNAMED, by);
        e.commit();
        ctx.reply().integer(result);
    }

    /** value + by, or Redis's "increment or decrement would overflow". */
    static long addWithoutOverflow(long value, long by) {
        if ((by < 0 && value < 0 && by < Long.MIN_VALUE - value) || (by > 0 && value > 0 && by > Long.MAX_VALUE - value)) {
            throw new CommandError("ERR increment or decrement would overflow");
        }
        return value + by;
    }

    /** INCRBYFLOAT: writes the result as a register (concurrent ones: the last write wins). */
    private static void incrByFloat(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        StringValue old = e.value(key, StringValue.class);
        byte[] base = old == null ? ZERO : old.bytes();
        writeFloatSum(e, ctx, key, STRING, KeyState.UNNAMED, base, ctx.args().bytes(2), old == null);
    }

    private static final byte[] ZERO = {'0'};

    /**
     * INCRBYFLOAT's and HINCRBYFLOAT's end: the sum computed and formatted as Redis does (80-bit
     * long double, {@link LongDouble}), written as the element's register (concurrent ones: the last write wins), the reply.
     */
    static void writeFloatSum(Effect e, CommandContext ctx, Key key, ElementKind kind, Key name, byte[] value, byte[] by,
                              boolean creates) {
        byte[] text = LongDouble.incrByFloat(value, by);
        if (creates) {
            e.created(key);
        }
        e.register(key, kind, name, text);
        e.commit();
        ctx.reply().bulk(text);
    }
}
