package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.resp.Reply;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/** Hash commands, as Redis 7.0's t_hash.c. A hash that loses its last field is deleted. */
final class HashCommands {

    private HashCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("hset", -4, 1, 1, 1, HashCommands::hset, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("hmset", -4, 1, 1, 1, HashCommands::hset, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("hsetnx", 4, 1, 1, 1, HashCommands::hsetnx, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("hget", 3, 1, 1, 1, HashCommands::hget, READONLY, FAST));
        t.add(CommandSpec.of("hmget", -3, 1, 1, 1, HashCommands::hmget, READONLY, FAST));
        t.add(CommandSpec.of("hdel", -3, 1, 1, 1, HashCommands::hdel, WRITE, FAST));
        t.add(CommandSpec.of("hlen", 2, 1, 1, 1, HashCommands::hlen, READONLY, FAST));
        t.add(CommandSpec.of("hstrlen", 3, 1, 1, 1, HashCommands::hstrlen, READONLY, FAST));
        t.add(CommandSpec.of("hexists", 3, 1, 1, 1, HashCommands::hexists, READONLY, FAST));
        t.add(CommandSpec.of("hincrby", 4, 1, 1, 1, HashCommands::hincrby, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("hincrbyfloat", 4, 1, 1, 1, HashCommands::hincrbyfloat, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("hgetall", 2, 1, 1, 1, ctx -> getAll(ctx, true, true), READONLY));
        t.add(CommandSpec.of("hkeys", 2, 1, 1, 1, ctx -> getAll(ctx, true, false), READONLY));
        t.add(CommandSpec.of("hvals", 2, 1, 1, 1, ctx -> getAll(ctx, false, true), READONLY));
    }

    /** Redis's hashTypeLookupWriteOrCreate: the hash to write, created (and stored) if missing. */
    private static HashValue writable(CommandContext ctx, Key key) {
        HashValue hash = ctx.write(key, HashValue.class);
        if (hash == null) {
            hash = new HashValue();
            ctx.db().put(key, hash);
        }
        return hash;
    }

    // Format: HSET key field value [field value ...] -> :new-fields; HMSET ... -> +OK
    private static void hset(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() % 2 == 1) {
            throw new CommandError("ERR wrong number of arguments for '" + a.commandName() + "' command");
        }
        HashValue hash = writable(ctx, a.key(1));
        int created = 0;
        for (int i = 2; i < a.count(); i += 2) {
            if (hash.set(a.bytes(i), a.bytes(i + 1))) { // no Key per field; an overwrite of the same length edits in place
                created++;
            }
        }
        ctx.changed((a.count() - 2) / 2);
        ctx.notify(KeyspaceEvents.HASH, "hset", a.key(1));
        if (a.is(0, "HMSET")) {
            ctx.reply().ok();
        } else {
            ctx.reply().integer(created);
        }
    }

    // Format: HSETNX key field value -> :1 | :0
    private static void hsetnx(CommandContext ctx) {
        Args a = ctx.args();
        Key key = a.key(1);
        HashValue existing = ctx.write(key, HashValue.class);
        if (existing != null && existing.containsKey(a.key(2))) {
            ctx.reply().integer(0);
            return;
        }
        writable(ctx, key).put(a.key(2), a.bytes(3));
        ctx.changed();
        ctx.notify(KeyspaceEvents.HASH, "hset", key);
        ctx.reply().integer(1);
    }

    // Format: HGET key field -> $value | $-1
    private static void hget(CommandContext ctx) {
        HashValue hash = ctx.read(ctx.args().key(1), HashValue.class);
        ctx.reply().bulk(hash == null ? null : hash.get(ctx.args().key(2)));
    }

    // Format: HMGET key field [field ...] -> array of values (nil for missing)
    private static void hmget(CommandContext ctx) {
        Args a = ctx.args();
        HashValue hash = ctx.read(a.key(1), HashValue.class);
        ctx.reply().arrayHeader(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            ctx.reply().bulk(hash == null ? null : hash.get(a.key(i)));
        }
    }

    // Format: HDEL key field [field ...] -> :deleted
    private static void hdel(CommandContext ctx) {
        Key key = ctx.args().key(1);
        HashValue hash = ctx.write(key, HashValue.class);
        if (hash == null) {
            ctx.reply().integer(0);
            return;
        }
        Members.removeNamed(ctx, key, f -> hash.remove(f) != null, hash::size, KeyspaceEvents.HASH, "hdel");
    }

    // Format: HLEN key -> :fields
    private static void hlen(CommandContext ctx) {
        HashValue hash = ctx.read(ctx.args().key(1), HashValue.class);
        ctx.reply().integer(hash == null ? 0 : hash.size());
    }

    // Format: HSTRLEN key field -> :length of the value (0 if missing)
    private static void hstrlen(CommandContext ctx) {
        HashValue hash = ctx.read(ctx.args().key(1), HashValue.class);
        byte[] v = hash == null ? null : hash.get(ctx.args().key(2));
        ctx.reply().integer(v == null ? 0 : v.length);
    }

    // Format: HEXISTS key field -> :1 | :0
    private static void hexists(CommandContext ctx) {
        HashValue hash = ctx.read(ctx.args().key(1), HashValue.class);
        ctx.reply().integer(hash != null && hash.containsKey(ctx.args().key(2)) ? 1 : 0);
    }

    // Format: HINCRBY key field increment -> :value
    private static void hincrby(CommandContext ctx) {
        Args a = ctx.args();
        long increment = a.longValue(3);
        HashValue hash = writable(ctx, a.key(1));
        Key field = a.key(2);
        byte[] current = hash.get(field);
        long value = 0;
        if (current != null) {
            Long parsed = Numbers.parseLong(current);
            if (parsed == null) {
                throw new CommandError("ERR hash value is not an integer");
            }
            value = parsed;
        }
        value = StringCommands.add(value, increment);
        hash.put(field, Words.number(value));
        ctx.changed();
        ctx.notify(KeyspaceEvents.HASH, "hincrby", a.key(1));
        ctx.reply().integer(value);
    }

    // Format: HINCRBYFLOAT key field increment -> $value; propagated as HSET key field value
    private static void hincrbyfloat(CommandContext ctx) {
        Args a = ctx.args();
        LongDouble.Value increment = LongDouble.parse(a.bytes(3));
        if (increment == null) {
            throw new CommandError(CommandError.NOT_FLOAT);
        }
        if (increment.isInfinite()) {
            throw new CommandError("ERR value is NaN or Infinity");
        }
        Key key = a.key(1);
        HashValue hash = writable(ctx, key);
        Key field = a.key(2);
        byte[] current = hash.get(field);
        BigDecimal value = BigDecimal.ZERO;
        if (current != null) {
            LongDouble.Value parsed = LongDouble.parse(current);
            if (parsed == null) {
                throw new CommandError("ERR hash value is not a float");
            }
            value = parsed.finite();
        }
        BigDecimal sum = value == null ? null : LongDouble.add(value, increment.finite());
        if (sum == null) {
            throw new CommandError("ERR increment would produce NaN or Infinity");
        }
        byte[] text = LongDouble.format(sum).getBytes(StandardCharsets.US_ASCII);
        hash.put(field, text);
        ctx.notify(KeyspaceEvents.HASH, "hincrbyfloat", key);
        ctx.reply().bulk(text);
        ctx.propagateAs(Words.HSET, key.bytes(), field.bytes(), text);
    }

    // Format: HGETALL key -> map field => value (RESP2: [field, value, ...]); HKEYS -> fields; HVALS -> values
    private static void getAll(CommandContext ctx, boolean fields, boolean values) {
        HashValue hash = ctx.read(ctx.args().key(1), HashValue.class);
        Reply r = ctx.reply();
        int size = hash == null ? 0 : hash.size();
        if (fields && values) {
            r.mapHeader(size);
        } else {
            r.arrayHeader(size);
        }
        if (hash == null) {
            return;
        }
        for (Map.Entry<Key, byte[]> e : hash.fields().entrySet()) {
            if (fields) {
                r.bulk(e.getKey().bytes());
            }
            if (values) {
                r.bulk(e.getValue());
            }
        }
    }
}
