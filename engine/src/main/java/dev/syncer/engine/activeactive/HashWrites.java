package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.LongDouble;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.activeactive.crdt.ElementKind;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Hash writes in an Active-Active database: each field is a last-write-wins register (HSET,
 * HMSET, HSETNX, and HINCRBYFLOAT's result), HINCRBY a per-field counter, HDEL an observed removal
 * of the field (a concurrent update of it wins). Replies and errors are Redis 7.0's (t_hash.c).
 */
final class HashWrites {

    private static final ElementKind HASH = ElementKind.HASH;

    private HashWrites() {
    }

    static List<CommandSpec> specs(ActiveActive aa) {
        return List.of(
                CommandSpec.of("hset", -4, 1, 1, 1, ctx -> hset(aa, ctx, false), WRITE, DENYOOM, FAST),
                CommandSpec.of("hmset", -4, 1, 1, 1, ctx -> hset(aa, ctx, true), WRITE, DENYOOM, FAST),
                CommandSpec.of("hsetnx", 4, 1, 1, 1, ctx -> hsetnx(aa, ctx), WRITE, DENYOOM, FAST),
                CommandSpec.of("hdel", -3, 1, 1, 1, ctx -> hdel(aa, ctx), WRITE, FAST),
                CommandSpec.of("hincrby", 4, 1, 1, 1, ctx -> hincrby(aa, ctx), WRITE, DENYOOM, FAST),
                CommandSpec.of("hincrbyfloat", 4, 1, 1, 1, ctx -> hincrbyfloat(aa, ctx), WRITE, DENYOOM, FAST));
    }

    private static void hset(ActiveActive aa, CommandContext ctx, boolean hmset) {
        Args a = ctx.args();
        if (a.count() % 2 == 1) {
            throw new CommandError("ERR wrong number of arguments for '" + a.commandName() + "' command");
        }
        Effect e = new Effect(aa, ctx);
        Key key = a.key(1);
        HashValue hash = e.value(key, HashValue.class);
        if (hash == null) {
            e.created(key);
        }
        Set<Key> created = new HashSet<>();
        for (int i = 2; i < a.count(); i += 2) {
            Key field = a.key(i);
            if (hash == null || !hash.fields().containsKey(field)) {
                created.add(field);
            }
            e.register(key, HASH, field, a.bytes(i + 1));
        }
        e.commit();
        if (hmset) {
            ctx.reply().ok();
        } else {
            ctx.reply().integer(created.size());
        }
    }

    private static void hsetnx(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        Key field = ctx.args().key(2);
        HashValue hash = e.value(key, HashValue.class);
        if (hash != null && hash.fields().containsKey(field)) {
            ctx.reply().integer(0);
            return;
        }
        if (hash == null) {
            e.created(key);
        }
        e.register(key, HASH, field, ctx.args().bytes(3));
        e.commit();
        ctx.reply().integer(1);
    }

    private static void hdel(ActiveActive aa, CommandContext ctx) {
        Effect.removeNamed(aa, ctx, HashValue.class, HASH, (h, f) -> h.fields().containsKey(f), HashValue::size);
    }

    private static void hincrby(ActiveActive aa, CommandContext ctx) {
        long by = ctx.args().longValue(3);
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        Key field = ctx.args().key(2);
        HashValue hash = e.value(key, HashValue.class);
        byte[] old = hash == null ? null : hash.fields().get(field);
        long value = 0;
        if (old != null) {
            Long parsed = Numbers.parseLong(old);
            if (parsed == null) {
                throw new CommandError("ERR hash value is not an integer");
            }
            value = parsed;
        }
        long result = StringWrites.addWithoutOverflow(value, by);
        if (hash == null) {
            e.created(key);
        }
        e.increment(key, HASH, field, by);
        e.commit();
        ctx.reply().integer(result);
    }

    /** HINCRBYFLOAT: writes the result as the field's register (concurrent ones: the last write wins). */
    private static void hincrbyfloat(ActiveActive aa, CommandContext ctx) {
        LongDouble.Value increment = LongDouble.parse(ctx.args().bytes(3));
        if (increment == null) {
            throw new CommandError(CommandError.NOT_FLOAT);
        }
        if (increment.isInfinite()) {
            throw new CommandError("ERR value is NaN or Infinity");
        }
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        Key field = ctx.args().key(2);
        HashValue hash = e.value(key, HashValue.class);
        byte[] old = hash == null ? null : hash.fields().get(field);
        if (old != null && LongDouble.parse(old) == null) {
            throw new CommandError("ERR hash value is not a float");
        }
        StringWrites.writeFloatSum(e, ctx, key, HASH, field, old == null ? new byte[] {'0'} : old,
                ctx.args().bytes(3), hash == null);
    }
}
