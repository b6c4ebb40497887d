package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;

import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX | XX | GT | LT), TTL, PTTL, EXPIRETIME,
 * PEXPIRETIME and PERSIST, as Redis 7.0's expire.c. Replicas receive every expiry as
 * {@code PEXPIREAT key <unix-ms> [flags]}, or as DEL when the time is already past.
 */
final class ExpireCommands {

    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int GT = 1 << 2;
    private static final int LT = 1 << 3;

    private ExpireCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("expire", -3, 1, 1, 1, ctx -> expire(ctx, ctx.now(), true), WRITE, FAST));
        t.add(CommandSpec.of("pexpire", -3, 1, 1, 1, ctx -> expire(ctx, ctx.now(), false), WRITE, FAST));
        t.add(CommandSpec.of("expireat", -3, 1, 1, 1, ctx -> expire(ctx, 0, true), WRITE, FAST));
        t.add(CommandSpec.of("pexpireat", -3, 1, 1, 1, ctx -> expire(ctx, 0, false), WRITE, FAST));
        t.add(CommandSpec.of("ttl", 2, 1, 1, 1, ctx -> ttl(ctx, false, false), READONLY, FAST));
        t.add(CommandSpec.of("pttl", 2, 1, 1, 1, ctx -> ttl(ctx, true, false), READONLY, FAST));
        t.add(CommandSpec.of("expiretime", 2, 1, 1, 1, ctx -> ttl(ctx, false, true), READONLY, FAST));
        t.add(CommandSpec.of("pexpiretime", 2, 1, 1, 1, ctx -> ttl(ctx, true, true), READONLY, FAST));
        t.add(CommandSpec.of("persist", 2, 1, 1, 1, ExpireCommands::persist, WRITE, FAST));
    }

    /** Redis's parseExtendedExpireArgumentsOrReply. */
    private static int parseFlags(Args a) {
        int flags = 0;
        for (int j = 3; j < a.count(); j++) {
            flags |= switch (a.option(j)) {
                case "NX" -> NX;
                case "XX" -> XX;
                case "GT" -> GT;
                case "LT" -> LT;
                default -> throw new CommandError("ERR Unsupported option " + a.string(j));
            };
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            throw new CommandError("ERR GT and LT options at the same time are not compatible");
        }
        return flags;
    }

    // Format: EXPIRE key seconds [NX | XX | GT | LT] -> :1 (set) | :0 (no key, or a flag said no)
    /** Redis's expireGenericCommand: basetime is now for relative forms, 0 for the *AT forms. */
    private static void expire(CommandContext ctx, long basetime, boolean seconds) {
        Args a = ctx.args();
        int flags = parseFlags(a);
        long when = a.expireTime(2, seconds, basetime);
        Key key = a.key(1);
        Database db = ctx.db();
        if (db.get(key) == null) {
            ctx.reply().integer(0);
            return;
        }
        if (flags != 0 && !flagsAllow(flags, db.expireAt(key), when)) {
            ctx.reply().integer(0);
            return;
        }
        if (ctx.alreadyExpired(when)) {
            // Redis's checkAlreadyExpired: a time in the past deletes the key, propagated as DEL.
            db.remove(key);
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
            ctx.propagateAs(KeyCommands.deletion(ctx), key.bytes());
            ctx.reply().integer(1);
            return;
        }
        db.setExpire(key, when);
        ctx.notify(KeyspaceEvents.GENERIC, "expire", key);
        ctx.reply().integer(1);
        byte[][] argv = a.argv().clone();
        if (!a.is(0, "PEXPIREAT")) {
            argv[0] = Words.PEXPIREAT;
        }
        if (basetime != 0 || seconds) {
            argv[2] = Words.number(when);
        }
        ctx.propagateAs(argv);
    }

    /** NX: no TTL yet; XX: has one; GT: later than the current one (none counts as infinite); LT: earlier. */
    private static boolean flagsAllow(int flags, long current, long when) {
        if ((flags & NX) != 0 && current != -1) {
            return false;
        }
        if ((flags & XX) != 0 && current == -1) {
            return false;
        }
        if ((flags & GT) != 0 && (when <= current || current == -1)) {
            return false;
        }
        return (flags & LT) == 0 || current == -1 || when < current;
    }

    // Format: TTL key -> :seconds (rounded) | :-1 (no expiry) | :-2 (no key); PTTL in ms;
    // EXPIRETIME / PEXPIRETIME give the absolute unix time instead.
    private static void ttl(CommandContext ctx, boolean millis, boolean absolute) {
        Key key = ctx.args().key(1);
        if (KeyCommands.lookupReadNoTouch(ctx, key) == null) {
            ctx.reply().integer(-2);
            return;
        }
        long expireAt = ctx.db().expireAt(key);
        if (expireAt == -1) {
            ctx.reply().integer(-1);
            return;
        }
        long ttl = Math.max(0, absolute ? expireAt : expireAt - ctx.now());
        ctx.reply().integer(millis ? ttl : (ttl + 500) / 1000);
    }

    // Format: PERSIST key -> :1 (expiry removed) | :0
    private static void persist(CommandContext ctx) {
        Key key = ctx.args().key(1);
        if (ctx.db().get(key) != null && ctx.db().persist(key)) {
            ctx.changed();
            ctx.notify(KeyspaceEvents.GENERIC, "persist", key);
            ctx.reply().integer(1);
        } else {
            ctx.reply().integer(0);
        }
    }
}
