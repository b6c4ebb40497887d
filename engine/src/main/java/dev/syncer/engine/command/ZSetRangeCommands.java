package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ZSetValue;

import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * The sorted-set commands that store, count or remove what a range selects, as Redis 7.0's
 * t_zset.c: ZRANGESTORE, ZLEXCOUNT, ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX. Ranges
 * are read by {@link ZRangeCommand}. All are propagated as received when they changed something.
 */
final class ZSetRangeCommands {

    private ZSetRangeCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("zrangestore", -5, 1, 2, 1, ZSetRangeCommands::zrangestore, WRITE, DENYOOM));
        t.add(CommandSpec.of("zlexcount", 4, 1, 1, 1, ZSetRangeCommands::zlexcount, READONLY, FAST));
        t.add(CommandSpec.of("zremrangebyrank", 4, 1, 1, 1, ctx -> zremrange(ctx, ZRangeCommand.By.RANK), WRITE));
        t.add(CommandSpec.of("zremrangebyscore", 4, 1, 1, 1, ctx -> zremrange(ctx, ZRangeCommand.By.SCORE), WRITE));
        t.add(CommandSpec.of("zremrangebylex", 4, 1, 1, 1, ctx -> zremrange(ctx, ZRangeCommand.By.LEX), WRITE));
    }

    // Format: ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count] -> :stored
    private static void zrangestore(CommandContext ctx) {
        List<ZSetValue.Entry> selected = ZRangeCommand.select(ctx, 2, ZRangeCommand.By.AUTO, null, true).entries();
        ZSetValue result = new ZSetValue();
        for (ZSetValue.Entry e : selected) {
            result.put(e.member(), e.score());
        }
        Destinations.store(ctx, ctx.args().key(1), ZSetAlgebraCommands.stored(result), result.size());
    }

    // Format: ZLEXCOUNT key min max -> :members between the lex bounds ([x, (x, -, +)
    private static void zlexcount(CommandContext ctx) {
        Args a = ctx.args();
        ZRangeCommand.LexBound lo = ZRangeCommand.LexBound.parse(a.bytes(2));
        ZRangeCommand.LexBound hi = ZRangeCommand.LexBound.parse(a.bytes(3));
        ZSetValue zset = ctx.read(a.key(1), ZSetValue.class);
        long[] ranks = zset == null ? new long[2] : ZRangeCommand.ranks(zset, lo, hi);
        ctx.reply().integer(Math.max(0, ranks[1] - ranks[0]));
    }

    // Format: ZREMRANGEBYRANK key start stop | ZREMRANGEBYSCORE key min max | ZREMRANGEBYLEX key min max
    //   -> :removed (the key goes with its last member)
    private static void zremrange(CommandContext ctx, ZRangeCommand.By by) {
        Args a = ctx.args();
        Key key = a.key(1);
        List<ZSetValue.Entry> doomed;
        switch (by) {
            case SCORE -> {
                ZRangeCommand.ScoreRange r = ZRangeCommand.ScoreRange.parse(a.bytes(2), a.bytes(3));
                ZSetValue zset = ctx.write(key, ZSetValue.class);
                doomed = zset == null ? List.of() : ZRangeCommand.byScore(zset, r, 0, -1, false);
            }
            case LEX -> {
                ZRangeCommand.LexBound lo = ZRangeCommand.LexBound.parse(a.bytes(2));
                ZRangeCommand.LexBound hi = ZRangeCommand.LexBound.parse(a.bytes(3));
                ZSetValue zset = ctx.write(key, ZSetValue.class);
                doomed = zset == null ? List.of() : ZRangeCommand.byLex(zset, lo, hi, 0, -1, false);
            }
            default -> {
                long start = a.longValue(2);
                long end = a.longValue(3);
                ZSetValue zset = ctx.write(key, ZSetValue.class);
                doomed = zset == null ? List.of() : ZRangeCommand.byRank(zset, start, end, false);
            }
        }
        if (!doomed.isEmpty()) {
            ZSetValue zset = ctx.write(key, ZSetValue.class);
            for (ZSetValue.Entry e : doomed) {
                zset.remove(e.member());
            }
            ctx.notify(KeyspaceEvents.ZSET, ctx.args().commandName(), key); // zremrangebyscore...
            if (zset.size() == 0) {
                ctx.db().remove(key);
                ctx.notify(KeyspaceEvents.GENERIC, "del", key);
            }
            ctx.changed(doomed.size());
        }
        ctx.reply().integer(doomed.size());
    }
}
