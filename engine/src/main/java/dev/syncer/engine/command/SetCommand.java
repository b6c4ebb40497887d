package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
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

    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int EX = 1 << 2;
    private static final int PX = 1 << 3;
    private static final int KEEPTTL = 1 << 4;
    private static final int GET = 1 << 5;
    private static final int EXAT = 1 << 6;
    private static final int PXAT = 1 << 7;
    private static final int PERSIST = 1 << 8;
    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    private SetCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("set", -3, 1, 1, 1, SetCommand::set, WRITE, DENYOOM));
        t.add(CommandSpec.of("setnx", 3, 1, 1, 1, ctx -> setGeneric(ctx, NX, ctx.args().bytes(2), -1, Reply.NX),
                WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("setex", 4, 1, 1, 1, ctx -> setGeneric(ctx, EX, ctx.args().bytes(3), 2, Reply.PLAIN),
                WRITE, DENYOOM));
        t.add(CommandSpec.of("psetex", 4, 1, 1, 1, ctx -> setGeneric(ctx, PX, ctx.args().bytes(3), 2, Reply.PLAIN),
                WRITE, DENYOOM));
        t.add(CommandSpec.of("getex", -2, 1, 1, 1, SetCommand::getex, WRITE, FAST));
    }

    /** What SET answers: +OK / $-1 for SET, :1 / :0 for SETNX. */
    private enum Reply { PLAIN, NX }

    /** The parsed options: flags and the index of the expiry argument (-1 without one). */
    private record Options(int flags, int expireIndex) {
    }

    // Format: SET key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL] -> +OK | $-1 | $old
    private static void set(CommandContext ctx) {
        Options o = parse(ctx.args(), 3, true);
        setGeneric(ctx, o.flags(), ctx.args().bytes(2), o.expireIndex(), Reply.PLAIN);
    }

    /** Redis's parseExtendedStringArgumentsOrReply: each option once, conflicting ones a syntax error. */
    private static Options parse(Args a, int from, boolean forSet) {
        int flags = 0;
        int expireIndex = -1;
        for (int j = from; j < a.count(); j++) {
            String opt = a.option(j);
            boolean hasNext = j + 1 < a.count();
            if (forSet && opt.equals("NX") && (flags & XX) == 0) {
                flags |= NX;
            } else if (forSet && opt.equals("XX") && (flags & NX) == 0) {
                flags |= XX;
            } else if (forSet && opt.equals("GET")) {
                flags |= GET;
            } else if (forSet && opt.equals("KEEPTTL") && (flags & (PERSIST | ANY_EXPIRE)) == 0) {
                flags |= KEEPTTL;
            } else if (!forSet && opt.equals("PERSIST") && (flags & (KEEPTTL | ANY_EXPIRE)) == 0) {
                flags |= PERSIST;
            } else if (hasNext && isExpireOption(opt) && (flags & (KEEPTTL | PERSIST)) == 0
                    && (flags & ANY_EXPIRE & ~expireFlag(opt)) == 0) {
                flags |= expireFlag(opt);
                expireIndex = ++j;
            } else {
                throw CommandError.syntax();
            }
        }
        return new Options(flags, expireIndex);
    }

    private static boolean isExpireOption(String opt) {
        return opt.equals("EX") || opt.equals("PX") || opt.equals("EXAT") || opt.equals("PXAT");
    }

    private static int expireFlag(String opt) {
        return switch (opt) {
            case "EX" -> EX;
            case "PX" -> PX;
            case "EXAT" -> EXAT;
            default -> PXAT;
        };
    }

    /**
     * Redis's getExpireMillisecondsOrReply: the expiry as an absolute unix time in ms. Zero,
     * negative or overflowing values are "invalid expire time in '<command>' command".
     */
    private static long expireMillis(CommandContext ctx, int flags, int index) {
        long value = ctx.args().longValue(index);
        boolean seconds = (flags & (EX | EXAT)) != 0;
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000)) {
            throw invalidExpire(ctx);
        }
        if (seconds) {
            value *= 1000;
        }
        if ((flags & (EX | PX)) != 0) {
            value += ctx.now();
        }
        if (value <= 0) {
            throw invalidExpire(ctx);
        }
        return value;
    }

    static CommandError invalidExpire(CommandContext ctx) {
        return new CommandError("ERR invalid expire time in '" + ctx.args().commandName() + "' command");
    }

    /** Redis's setGenericCommand. */
    private static void setGeneric(CommandContext ctx, int flags, byte[] value, int expireIndex, Reply style) {
        Key key = ctx.args().key(1);
        long when = expireIndex < 0 ? -1 : expireMillis(ctx, flags, expireIndex);
        if ((flags & GET) != 0) {
            StringValue old = ctx.read(key, StringValue.class);
            ctx.reply().bulk(old == null ? null : old.bytes());
        }
        Database db = ctx.db();
        boolean found = db.get(key) != null;
        if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
            if ((flags & GET) == 0) {
                if (style == Reply.NX) {
                    ctx.reply().integer(0);
                } else {
                    ctx.reply().nullBulk();
                }
            }
            return;
        }
        StringValue v = new StringValue(value);
        if ((flags & KEEPTTL) != 0) {
            db.putKeepTtl(key, v);
        } else {
            db.put(key, v);
        }
        ctx.changed();
        if (when >= 0) {
            db.setExpire(key, when);
            ctx.propagateAs(Words.SET, key.bytes(), value, Words.PXAT, Words.number(when));
        } else if ((flags & GET) != 0) {
            ctx.propagateAs(withoutGet(ctx.args()));
        }
        if ((flags & GET) == 0) {
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
        Options o = parse(ctx.args(), 2, false);
        Key key = ctx.args().key(1);
        StringValue v = ctx.read(key, StringValue.class);
        if (v == null) {
            ctx.reply().nullBulk();
            return;
        }
        long when = o.expireIndex() < 0 ? -1 : expireMillis(ctx, o.flags(), o.expireIndex());
        ctx.reply().bulk(v.bytes());
        Database db = ctx.db();
        if ((o.flags() & (PXAT | EXAT)) != 0 && when <= ctx.now() && !ctx.shard().keyspace().isReplica()) {
            db.remove(key);
            ctx.propagateAs(KeyCommands.deletion(ctx), key.bytes());
        } else if (when >= 0) {
            db.setExpire(key, when);
            ctx.propagateAs(Words.PEXPIREAT, key.bytes(), Words.number(when));
        } else if ((o.flags() & PERSIST) != 0 && db.persist(key)) {
            ctx.propagateAs(Words.PERSIST, key.bytes());
        }
    }
}
