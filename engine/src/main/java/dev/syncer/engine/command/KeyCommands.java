package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.Glob;

import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.TOUCHES_ARBITRARY_KEYS;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Commands on keys of any type, as Redis 7.0's db.c: DEL, UNLINK, EXISTS, TOUCH, TYPE, KEYS,
 * SCAN, RENAME, RENAMENX, RANDOMKEY, FLUSHDB, FLUSHALL. Expiry commands are in {@link ExpireCommands}.
 */
final class KeyCommands {

    private KeyCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("del", -2, 1, -1, 1, KeyCommands::del, WRITE));
        t.add(CommandSpec.of("unlink", -2, 1, -1, 1, KeyCommands::del, WRITE, FAST));
        t.add(CommandSpec.of("exists", -2, 1, -1, 1, ctx -> exists(ctx, false), READONLY, FAST));
        t.add(CommandSpec.of("touch", -2, 1, -1, 1, ctx -> exists(ctx, true), READONLY, FAST));
        t.add(CommandSpec.of("type", 2, 1, 1, 1, KeyCommands::type, READONLY, FAST));
        t.add(CommandSpec.of("keys", 2, 0, 0, 0, KeyCommands::keys, READONLY));
        t.add(CommandSpec.of("scan", -2, 0, 0, 0, KeyCommands::scan, READONLY, TOUCHES_ARBITRARY_KEYS));
        t.add(CommandSpec.of("rename", 3, 1, 2, 1, ctx -> rename(ctx, false), WRITE));
        t.add(CommandSpec.of("renamenx", 3, 1, 2, 1, ctx -> rename(ctx, true), WRITE, FAST));
        t.add(CommandSpec.of("randomkey", 1, 0, 0, 0, KeyCommands::randomkey, READONLY, TOUCHES_ARBITRARY_KEYS));
        t.add(CommandSpec.of("flushdb", -1, 0, 0, 0, KeyCommands::flushdb, WRITE));
        t.add(CommandSpec.of("flushall", -1, 0, 0, 0, KeyCommands::flushall, WRITE));
        ExpireCommands.register(t);
    }

    /** How a deletion the server decides on is propagated: DEL, or UNLINK with lazyfree-lazy-expire. */
    static byte[] deletion(CommandContext ctx) {
        return "yes".equals(ctx.shard().config().get("lazyfree-lazy-expire")) ? Words.UNLINK : Words.DEL;
    }

    /** A lookup that counts a keyspace hit or miss, as lookupKeyRead does, whatever the type. */
    static RedisValue lookupRead(CommandContext ctx, Key key) {
        return counted(ctx, key, ctx.db().get(key));
    }

    /** As {@link #lookupRead}, not counting as an access to the value (LOOKUP_NOTOUCH: EXISTS, TYPE, TTL). */
    static RedisValue lookupReadNoTouch(CommandContext ctx, Key key) {
        return counted(ctx, key, ctx.db().getNoTouch(key));
    }

    private static RedisValue counted(CommandContext ctx, Key key, RedisValue v) {
        if (v == null) {
            ctx.shard().stats().keyspaceMisses++;
            ctx.notify(KeyspaceEvents.KEY_MISS, "keymiss", key);
        } else {
            ctx.shard().stats().keyspaceHits++;
        }
        return v;
    }

    // Format: DEL key [key ...] -> :deleted (UNLINK is the same here: nothing is freed in the background)
    private static void del(CommandContext ctx) {
        Args a = ctx.args();
        int deleted = 0;
        for (int i = 1; i < a.count(); i++) {
            if (ctx.db().remove(a.key(i))) {
                ctx.notify(KeyspaceEvents.GENERIC, "del", a.key(i));
                deleted++;
            }
        }
        ctx.changed(deleted);
        ctx.reply().integer(deleted);
    }

    // Format: EXISTS key [key ...] -> :count (a key named twice counts twice); TOUCH answers the same,
    // and only TOUCH counts as an access to the values (their idle time restarts)
    private static void exists(CommandContext ctx, boolean touch) {
        Args a = ctx.args();
        int count = 0;
        for (int i = 1; i < a.count(); i++) {
            if ((touch ? lookupRead(ctx, a.key(i)) : lookupReadNoTouch(ctx, a.key(i))) != null) {
                count++;
            }
        }
        ctx.reply().integer(count);
    }

    // Format: TYPE key -> +string | +list | +set | +zset | +hash | +none
    private static void type(CommandContext ctx) {
        RedisValue v = lookupReadNoTouch(ctx, ctx.args().key(1));
        ctx.reply().simple(v == null ? "none" : v.type().typeName());
    }

    // Format: KEYS pattern -> array of keys; logically expired keys are skipped but not deleted (keyIsExpired)
    private static void keys(CommandContext ctx) {
        byte[] pattern = ctx.args().bytes(1);
        Glob regex = Glob.isMatchAll(pattern) ? null : Glob.compile(pattern, false);
        long now = ctx.now();
        List<byte[]> found = new ArrayList<>();
        ctx.db().forEach((key, value, expireAt) -> {
            if ((expireAt < 0 || now <= expireAt) && (regex == null || regex.matches(key.bytes()))) {
                found.add(key.bytes());
            }
        });
        ctx.reply().bulkArray(found);
    }

    // Format: SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] -> [$next-cursor, [keys...]]
    private static void scan(CommandContext ctx) {
        Args a = ctx.args();
        long cursor = parseCursor(a.bytes(1));
        long count = 10;
        Glob regex = null;
        String type = null;
        for (int i = 2; i < a.count(); i += 2) {
            boolean hasValue = i + 1 < a.count();
            if (a.is(i, "COUNT") && hasValue) {
                count = a.longValue(i + 1);
                if (count < 1) {
                    throw CommandError.syntax();
                }
            } else if (a.is(i, "MATCH") && hasValue) {
                byte[] p = a.bytes(i + 1);
                regex = Glob.isMatchAll(p) ? null : Glob.compile(p, false);
            } else if (a.is(i, "TYPE") && hasValue) {
                type = a.string(i + 1);
            } else {
                throw CommandError.syntax();
            }
        }
        List<byte[]> found = new ArrayList<>();
        Glob match = regex;
        String wanted = type;
        long next = ctx.db().scan(cursor, (int) Math.min(count, Integer.MAX_VALUE), (key, value) -> {
            if ((match == null || match.matches(key.bytes()))
                    && (wanted == null || wanted.equalsIgnoreCase(value.type().typeName()))) {
                found.add(key.bytes());
            }
        });
        Reply r = ctx.reply();
        r.arrayHeader(2);
        r.bulk(Long.toUnsignedString(next));
        r.bulkArray(found);
    }

    /** Redis's parseScanCursorOrReply (strtoul): an unsigned decimal; a '-' wraps around, as in C. */
    static long parseCursor(byte[] text) {
        String s = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
        boolean negative = s.startsWith("-");
        String digits = negative || s.startsWith("+") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CommandError("ERR invalid cursor");
        }
        try {
            long v = Long.parseUnsignedLong(digits);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new CommandError("ERR invalid cursor");
        }
    }

    // Format: RENAME key newkey -> +OK; RENAMENX key newkey -> :1 | :0. The TTL moves with the value.
    private static void rename(CommandContext ctx, boolean nx) {
        Key src = ctx.args().key(1);
        Key dst = ctx.args().key(2);
        Database db = ctx.db();
        // A private copy if a snapshot still shares the value: it is about to live under another key.
        RedisValue value = db.getForWrite(src);
        if (value == null) {
            throw new CommandError("ERR no such key");
        }
        if (src.equals(dst)) {
            if (nx) {
                ctx.reply().integer(0);
            } else {
                ctx.reply().ok();
            }
            return;
        }
        long expireAt = db.expireAt(src);
        if (db.get(dst) != null && nx) {
            ctx.reply().integer(0);
            return;
        }
        db.remove(src);
        db.put(dst, value);
        if (expireAt >= 0) {
            db.setExpire(dst, expireAt);
        }
        ctx.changed();
        ctx.notify(KeyspaceEvents.GENERIC, "rename_from", src);
        ctx.notify(KeyspaceEvents.GENERIC, "rename_to", dst);
        if (nx) {
            ctx.reply().integer(1);
        } else {
            ctx.reply().ok();
        }
    }

    // Format: RANDOMKEY -> $key | $-1
    private static void randomkey(CommandContext ctx) {
        Key key = ctx.db().randomKey();
        ctx.reply().bulk(key == null ? null : key.bytes());
    }

    // Format: FLUSHDB [ASYNC | SYNC] -> +OK; always propagated, even when the database was empty
    private static void flushdb(CommandContext ctx) {
        checkFlushOption(ctx.args());
        ctx.db().clear();
        ctx.changed();
        ctx.reply().ok();
    }

    // Format: FLUSHALL [ASYNC | SYNC] -> +OK
    private static void flushall(CommandContext ctx) {
        checkFlushOption(ctx.args());
        ctx.shard().keyspace().flushAll();
        ctx.shard().flushedAll();
        ctx.changed();
        ctx.reply().ok();
    }

    private static void checkFlushOption(Args a) {
        if (a.count() > 2 || (a.count() == 2 && !a.is(1, "ASYNC") && !a.is(1, "SYNC"))) {
            throw CommandError.syntax();
        }
    }
}
