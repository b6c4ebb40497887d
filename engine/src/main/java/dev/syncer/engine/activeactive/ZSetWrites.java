package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.ZAddOptions;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.activeactive.crdt.ElementKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Sorted-set writes in an Active-Active database: members are added-wins (ZREM, ZPOPMIN, ZPOPMAX
 * remove only what they observed), a member's score is a last-write-wins register (ZADD), and
 * ZINCRBY / ZADD INCR are counter increments of the score (concurrent ones add up). Replies and
 * errors are Redis 7.0's (t_zset.c zaddGenericCommand, genericZpopCommand).
 */
final class ZSetWrites {

    private static final ElementKind ZSET = ElementKind.ZSET;

    private ZSetWrites() {
    }

    static List<CommandSpec> specs(ActiveActive aa) {
        return List.of(
                CommandSpec.of("zadd", -4, 1, 1, 1, ctx -> zadd(aa, ctx, false), WRITE, DENYOOM, FAST),
                CommandSpec.of("zincrby", 4, 1, 1, 1, ctx -> zadd(aa, ctx, true), WRITE, DENYOOM, FAST),
                CommandSpec.of("zrem", -3, 1, 1, 1, ctx -> zrem(aa, ctx), WRITE, FAST),
                CommandSpec.of("zpopmin", -2, 1, 1, 1, ctx -> zpop(aa, ctx, true), WRITE, FAST),
                CommandSpec.of("zpopmax", -2, 1, 1, 1, ctx -> zpop(aa, ctx, false), WRITE, FAST));
    }

    /** ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]; ZINCRBY key increment member. */
    private static void zadd(ActiveActive aa, CommandContext ctx, boolean zincrby) {
        Args a = ctx.args();
        ZAddOptions o = ZAddOptions.parse(a, zincrby);
        Effect e = new Effect(aa, ctx);
        Key key = a.key(1);
        ZSetValue zset = e.value(key, ZSetValue.class);
        if (zset == null && o.xx()) {
            o.reply(ctx.reply(), 0, 0, false, 0);
            return;
        }
        Map<Key, Double> current = new HashMap<>(); // scores as this command leaves them, member by member
        int added = 0;
        int updated = 0;
        int processed = 0;
        double score = 0;
        for (int j = 0; j < o.elements(); j++) {
            Key member = o.member(a, j);
            Double cur = current.containsKey(member) ? current.get(member) : zset == null ? null : zset.score(member);
            Double next = o.next(j, cur);
            if (next == null) {
                continue;
            }
            if (cur == null) {
                added++;
            } else if (next.doubleValue() != cur.doubleValue()) {
                updated++;
            }
            processed++;
            score = next;
            current.put(member, next);
            if (o.incr()) {
                e.increment(key, ZSET, member, Double.doubleToLongBits(o.scores()[j]));
            } else {
                e.register(key, ZSET, member, next);
            }
        }
        if (processed > 0) {
            if (zset == null) {
                e.created(key);
            }
            e.commit();
            if (o.incr()) {
                // The stored score (this cluster's increments summed, then added to the ZADD score),
                // so that ZSCORE reads what ZINCRBY answered; a single Redis's sequential sum can
                // differ in the last binary digit.
                score = ((ZSetValue) ctx.db().peek(key)).score(o.member(a, 0));
            }
        }
        o.reply(ctx.reply(), added, updated, processed > 0, score);
    }

    private static void zrem(ActiveActive aa, CommandContext ctx) {
        Effect.removeNamed(aa, ctx, ZSetValue.class, ZSET, (z, m) -> z.score(m) != null, ZSetValue::size);
    }

    /** ZPOPMIN / ZPOPMAX key [count]: a flat array of member, score (RESP3 with a count: pairs). */
    private static void zpop(ActiveActive aa, CommandContext ctx, boolean min) {
        if (ctx.args().count() > 3) {
            throw CommandError.syntax();
        }
        long count = 1;
        if (ctx.args().count() == 3) {
            count = ctx.args().positiveLong(2);
        }
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        ZSetValue zset = e.value(key, ZSetValue.class);
        if (zset == null || count == 0) {
            ctx.reply().arrayHeader(0);
            return;
        }
        int n = (int) Math.min(count, zset.size());
        List<ZSetValue.Entry> popped = new ArrayList<>(n);
        Iterator<ZSetValue.Entry> it = min ? zset.from(0, false) : zset.from(zset.size() - 1, true);
        while (popped.size() < n) {
            popped.add(it.next());
        }
        List<Key> members = new ArrayList<>(n);
        popped.forEach(p -> members.add(p.member()));
        e.removeElements(key, ZSET, members, n == zset.size());
        e.commit();
        // genericZpopCommand: RESP3 nests [member, score] pairs when a count was given
        boolean nested = ctx.reply().resp3() && ctx.args().count() == 3;
        ctx.reply().arrayHeader(nested ? n : n * 2);
        for (ZSetValue.Entry p : popped) {
            if (nested) {
                ctx.reply().arrayHeader(2);
            }
            ctx.reply().bulk(p.member().bytes());
            ctx.reply().doubleValue(p.score());
        }
    }
}
