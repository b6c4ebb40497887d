package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Encodings;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StringValue;

import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * SET with its options, and the commands Redis implements on top of it (SETNX, SETEX, PSETEX), plus
 * GETEX, which shares the expiry options. Mirrors t_string.c's {@code setGenericCommand} and
 * {@code parseExtendedStringArgumentsOrReply}, including what reaches replicas: any expiry is
 * propagated as {@code SET key value PXAT <unix-ms>}, and a SET ... GET without one loses its GET.
 */
final class SetCommand {

    private SetCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("set", -3, 1, 1, 1, SetCommand::set, WRITE, DENYOOM));
        t.add(CommandSpec.of("setnx", 3, 1, 1, 1, ctx -> setGeneric(ctx, SetOptions.SETNX, ctx.args().bytes(2), Reply.NX),
                WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("setex", 4, 1, 1, 1,
                ctx -> setGeneric(ctx, SetOptions.expiring("EX"), ctx.args().bytes(3), Reply.PLAIN), WRITE, DENYOOM));
        t.add(CommandSpec.of("psetex", 4, 1, 1, 1,
                ctx -> setGeneric(ctx, SetOptions.expiring("PX"), ctx.args().bytes(3), Reply.PLAIN), WRITE, DENYOOM));
        t.add(CommandSpec.of("getex", -2, 1, 1, 1, SetCommand::getex, WRITE, FAST));
    }

    /** What SET answers: +OK / $-1 for SET, :1 / :0 for SETNX. */
    private enum Reply { PLAIN, NX }

    // Format: SET key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL] -> +OK | $-1 | $old
    private static void set(CommandContext ctx) {
        setGeneric(ctx, SetOptions.parse(ctx.args(), 3, true), ctx.args().bytes(2), Reply.PLAIN);
    }

    /** Redis's setGenericCommand. */
    private static void setGeneric(CommandContext ctx, SetOptions o, byte[] value, Reply style) {
        Key key = ctx.args().key(1);
        long when = o.hasExpire() ? o.expireMillis(ctx.args(), ctx.now()) : -1; // no clock read for a plain SET
        if (o.get()) {
            StringValue old = ctx.read(key, StringValue.class);
            ctx.reply().bulk(old == null ? null : old.bytes());
        }
        Database db = ctx.db();
        // Redis looks the key up first (lookupKeyWrite); without NX/XX that matters only when the
        // key may have expired (the lookup deletes it and says so): skipped when nothing expires.
        boolean found = (o.nx() || o.xx() || db.expiresSize() > 0) && db.get(key) != null;
        if ((o.nx() && found) || (o.xx() && !found)) {
            if (!o.get()) {
                if (style == Reply.NX) {
                    ctx.reply().integer(0);
                } else {
                    ctx.reply().nullBulk();
                }
            }
            return;
        }
        StringValue v = new StringValue(value);
        v.encoding(Encodings.tryObjectEncoding(value)); // decided here, stored with it: EncodingTracker skips SET
        if (o.keepTtl()) {
            db.putKeepTtl(key, v);
        } else {
            db.put(key, v);
        }
        ctx.changed();
        ctx.notify(KeyspaceEvents.STRING, "set", key);
        if (when >= 0) {
            db.setExpire(key, when);
            ctx.notify(KeyspaceEvents.GENERIC, "expire", key);
            ctx.propagateAs(Words.SET, key.bytes(), value, Words.PXAT, Words.number(when));
        } else if (o.get()) {
            ctx.propagateAs(withoutGet(ctx.args()));
        }
        if (!o.get()) {
            if (style == Reply.NX) {
                ctx.reply().integer(1);
            } else {
                ctx.reply().ok();
            }
        }
    }

    private static byte[][] withoutGet(Args a) {
        List<byte[]> kept = new ArrayList<>(a.count());
        for (int j = 0; j < a.count(); j++) {
            if (j < 3 || !a.is(j, "GET")) {
                kept.add(a.bytes(j));
            }
        }
        return kept.toArray(new byte[0][]);
    }

    // Format: GETEX key [EX s | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST] -> $value | $-1
    // Propagated as PEXPIREAT key <unix-ms>, DEL key (expiry in the past) or PERSIST key.
    private static void getex(CommandContext ctx) {
        SetOptions o = SetOptions.parse(ctx.args(), 2, false);
        Key key = ctx.args().key(1);
        StringValue v = ctx.read(key, StringValue.class);
        if (v == null) {
            ctx.reply().nullBulk();
            return;
        }
        long when = o.expireMillis(ctx.args(), ctx.now());
        ctx.reply().bulk(v.bytes());
        Database db = ctx.db();
        if (o.absolute() && ctx.alreadyExpired(when)) {
            db.remove(key);
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
            ctx.propagateAs(KeyCommands.deletion(ctx), key.bytes());
        } else if (when >= 0) {
            db.setExpire(key, when);
            ctx.notify(KeyspaceEvents.GENERIC, "expire", key);
            ctx.propagateAs(Words.PEXPIREAT, key.bytes(), Words.number(when));
        } else if (o.persist() && db.persist(key)) {
            ctx.notify(KeyspaceEvents.GENERIC, "persist", key);
            ctx.propagateAs(Words.PERSIST, key.bytes());
        }
    }
}
