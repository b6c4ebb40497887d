package dev.syncer.engine.syncer;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.keyspace.Numbers;

/**
 * Arguments read as Redis reads them: expiry times (getExpireMillisecondsOrReply, to an absolute
 * unix-ms instant) and pop counts (getPositiveLongFromObjectOrReply).
 */
final class Arguments {

    private Arguments() {
    }

    /** The optional count of SPOP, LPOP, RPOP, ZPOPMIN, ZPOPMAX at index i: zero or more. */
    static long count(CommandContext ctx, int i) {
        long count = ctx.args().longValue(i);
        if (count < 0) {
            throw new CommandError("ERR value is out of range, must be positive");
        }
        return count;
    }

    /** EX/PX (relative) or EXAT/PXAT (absolute) of SET, SETEX, PSETEX and GETEX: must be positive. */
    static long positive(CommandContext ctx, byte[] arg, boolean seconds, boolean relative) {
        Long parsed = Numbers.parseLong(arg);
        if (parsed == null) {
            throw CommandError.notInteger();
        }
        long ms = parsed;
        if (ms <= 0 || (seconds && ms > Long.MAX_VALUE / 1000)) {
            throw invalid(ctx);
        }
        if (seconds) {
            ms *= 1000;
        }
        if (relative) {
            ms += ctx.now();
        }
        if (ms <= 0) {
            throw invalid(ctx); // overflowed
        }
        return ms;
    }

    /** EXPIRE's family (expireGenericCommand): any integer, relative to {@code base} (0 for the *AT forms). */
    static long any(CommandContext ctx, byte[] arg, boolean seconds, long base) {
        Long parsed = Numbers.parseLong(arg);
        if (parsed == null) {
            throw CommandError.notInteger();
        }
        long when = parsed;
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw invalid(ctx);
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - base) {
            throw invalid(ctx);
        }
        return when + base;
    }

    static CommandError invalid(CommandContext ctx) {
        return new CommandError("ERR invalid expire time in '" + ctx.args().commandName() + "' command");
    }
}
