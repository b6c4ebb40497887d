package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.keyspace.Key;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Key writes in an Active-Active database: DEL and UNLINK are observed removals of the whole key
 * (an update made concurrently survives them); EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT and PERSIST
 * write the key's TTL register (the last write wins); an expiry time already past removes the key,
 * as Redis does. Replies and errors are Redis 7.0's (db.c delGenericCommand, expire.c).
 */
final class KeyWrites {

    private KeyWrites() {
    }

    static List<CommandSpec> specs(ActiveActive aa) {
        return List.of(
                CommandSpec.of("del", -2, 1, -1, 1, ctx -> del(aa, ctx), WRITE),
                CommandSpec.of("unlink", -2, 1, -1, 1, ctx -> del(aa, ctx), WRITE, FAST),
                CommandSpec.of("expire", -3, 1, 1, 1, ctx -> expire(aa, ctx, true, true), WRITE, FAST),
                CommandSpec.of("pexpire", -3, 1, 1, 1, ctx -> expire(aa, ctx, false, true), WRITE, FAST),
                CommandSpec.of("expireat", -3, 1, 1, 1, ctx -> expire(aa, ctx, true, false), WRITE, FAST),
                CommandSpec.of("pexpireat", -3, 1, 1, 1, ctx -> expire(aa, ctx, false, false), WRITE, FAST),
                CommandSpec.of("persist", 2, 1, 1, 1, ctx -> persist(aa, ctx), WRITE, FAST));
    }

    private static void del(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Set<Key> existing = new LinkedHashSet<>();
        for (int i = 1; i < ctx.args().count(); i++) {
            Key key = ctx.args().key(i);
            if (e.value(key) != null) {
                existing.add(key);
            }
        }
        for (Key key : existing) {
            e.removeKey(key);
        }
        e.commit();
        ctx.reply().integer(existing.size());
    }

    /** EXPIRE key seconds [NX | XX | GT | LT] and its millisecond and absolute forms. */
    private static void expire(ActiveActive aa, CommandContext ctx, boolean seconds, boolean relative) {
        Args a = ctx.args();
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int j = 3; j < a.count(); j++) {
            switch (a.option(j)) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                default -> throw new CommandError("ERR Unsupported option " + a.string(j));
            }
        }
        if ((nx && xx) || (nx && gt) || (nx && lt)) {
            throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new CommandError("ERR GT and LT options at the same time are not compatible");
        }
        long when = a.expireTime(2, seconds, relative ? ctx.now() : 0);
        Effect e = new Effect(aa, ctx);
        Key key = a.key(1);
        if (e.value(key) == null) {
            ctx.reply().integer(0);
            return;
        }
        long current = ctx.db().expireAt(key);
        if ((nx && current != -1) || (xx && current == -1) || (gt && (when <= current || current == -1))
                || (lt && current != -1 && when >= current)) {
            ctx.reply().integer(0);
            return;
        }
        if (when <= ctx.now()) {
            e.removeKey(key);
        } else {
            e.expiry(key, when);
        }
        e.commit();
        ctx.reply().integer(1);
    }

    private static void persist(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        if (e.value(key) == null || ctx.db().expireAt(key) < 0) {
            ctx.reply().integer(0);
            return;
        }
        e.expiry(key, -1);
        e.commit();
        ctx.reply().integer(1);
    }
}
