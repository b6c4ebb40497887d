package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Reply;

import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Sorted-set commands, as Redis 7.0's t_zset.c. Ranges (ZRANGE and its older forms) are in
 * {@link ZRangeCommand}. A sorted set that loses its last member is deleted.
 */
final class ZSetCommands {

    private ZSetCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("zadd", -4, 1, 1, 1, ctx -> zadd(ctx, false), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("zincrby", 4, 1, 1, 1, ctx -> zadd(ctx, true), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("zrem", -3, 1, 1, 1, ZSetCommands::zrem, WRITE, FAST));
        t.add(CommandSpec.of("zscore", 3, 1, 1, 1, ZSetCommands::zscore, READONLY, FAST));
        t.add(CommandSpec.of("zmscore", -3, 1, 1, 1, ZSetCommands::zmscore, READONLY, FAST));
        t.add(CommandSpec.of("zcard", 2, 1, 1, 1, ZSetCommands::zcard, READONLY, FAST));
        t.add(CommandSpec.of("zrank", 3, 1, 1, 1, ctx -> zrank(ctx, false), READONLY, FAST));
        t.add(CommandSpec.of("zrevrank", 3, 1, 1, 1, ctx -> zrank(ctx, true), READONLY, FAST));
        t.add(CommandSpec.of("zpopmin", -2, 1, 1, 1, ctx -> zpop(ctx, false), WRITE, FAST));
        t.add(CommandSpec.of("zpopmax", -2, 1, 1, 1, ctx -> zpop(ctx, true), WRITE, FAST));
        ZRangeCommand.register(t);
    }

    // Format: ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
    //   -> :added (CH: added + updated); with INCR: $new-score | $-1 (not applied)
    // ZINCRBY key increment member -> $new-score (ZADD ... INCR underneath, as in Redis)
    private static void zadd(CommandContext ctx, boolean zincrby) {
        Args a = ctx.args();
        ZAddOptions o = ZAddOptions.parse(a, zincrby);
        Key key = a.key(1);
        ZSetValue zset = ctx.write(key, ZSetValue.class);
        int added = 0;
        int updated = 0;
        boolean processed = false;
        double score = 0;
        if (zset == null && !o.xx()) {
            zset = new ZSetValue();
            ctx.db().put(key, zset);
        }
        if (zset != null) {
            for (int j = 0; j < o.elements(); j++) {
                Key member = o.member(a, j);
                double current = zset.scoreOrNaN(member); // NaN: not in the set; unboxed, as this runs per member
                double next = o.nextScore(j, current);
                if (next != next) {
                    continue; // the flags leave it as it is
                }
                boolean isNew = current != current;
                boolean changes = isNew || next != current;
                if (changes) {
                    // + 0.0 turns -0 into 0: small sorted sets (listpack) store and report -0 as 0.
                    zset.put(member, next + 0.0);
                }
                if (isNew) {
                    added++;
                } else if (changes) {
                    updated++;
                }
                processed = true;
                score = next + 0.0;
            }
        }
        ctx.changed(added + updated);
        if (added + updated > 0) {
            ctx.notify(KeyspaceEvents.ZSET, zincrby ? "zincr" : "zadd", key);
        }
        o.reply(ctx.reply(), added, updated, processed, score);
    }

    // Format: ZREM key member [member ...] -> :removed
    private static void zrem(CommandContext ctx) {
        Key key = ctx.args().key(1);
        ZSetValue zset = ctx.write(key, ZSetValue.class);
        if (zset == null) {
            ctx.reply().integer(0);
            return;
        }
        Members.removeNamed(ctx, key, zset::remove, zset::size, KeyspaceEvents.ZSET, "zrem");
    }

    // Format: ZSCORE key member -> $score | $-1
    private static void zscore(CommandContext ctx) {
        ZSetValue zset = ctx.read(ctx.args().key(1), ZSetValue.class);
        Double score = zset == null ? null : zset.score(ctx.args().key(2));
        if (score == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().doubleValue(score);
        }
    }

    // Format: ZMSCORE key member [member ...] -> array of $score | $-1
    private static void zmscore(CommandContext ctx) {
        Args a = ctx.args();
        ZSetValue zset = ctx.read(a.key(1), ZSetValue.class);
        ctx.reply().arrayHeader(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            Double score = zset == null ? null : zset.score(a.key(i));
            if (score == null) {
                ctx.reply().nullBulk();
            } else {
                ctx.reply().doubleValue(score);
            }
        }
    }

    // Format: ZCARD key -> :members
    private static void zcard(CommandContext ctx) {
        ZSetValue zset = ctx.read(ctx.args().key(1), ZSetValue.class);
        ctx.reply().integer(zset == null ? 0 : zset.size());
    }

    // Format: ZRANK key member -> :rank | $-1 (ZREVRANK counts from the highest score)
    private static void zrank(CommandContext ctx, boolean reverse) {
        ZSetValue zset = ctx.read(ctx.args().key(1), ZSetValue.class);
        long rank = zset == null ? -1 : zset.rank(ctx.args().key(2));
        if (rank < 0) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().integer(reverse ? zset.size() - 1 - rank : rank);
        }
    }

    // Format: ZPOPMIN key [count] -> [member, score, ...] (ZPOPMAX from the highest score)
    private static void zpop(CommandContext ctx, boolean max) {
        Args a = ctx.args();
        if (a.count() > 3) {
            throw CommandError.syntax();
        }
        long count = a.count() == 3 ? a.positiveLong(2) : 1;
        Key key = a.key(1);
        ZSetValue zset = ctx.write(key, ZSetValue.class);
        Reply r = ctx.reply();
        if (zset == null || count == 0) {
            r.arrayHeader(0);
            return;
        }
        List<ZSetValue.Entry> popped = ZSetPops.pop(ctx, key, zset, max, count);
        // genericZpopCommand: RESP3 nests [member, score] pairs when a count was given
        boolean nested = r.resp3() && a.count() > 2;
        r.arrayHeader(nested ? popped.size() : popped.size() * 2);
        for (ZSetValue.Entry e : popped) {
            if (nested) {
                r.arrayHeader(2);
            }
            r.bulk(e.member().bytes());
            r.doubleValue(e.score());
        }
    }
}
