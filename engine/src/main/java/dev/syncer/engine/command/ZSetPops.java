package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Popping the lowest or highest members of a sorted set (Redis 7.0's genericZpopCommand), shared
 * by ZPOPMIN/ZPOPMAX, ZMPOP and the blocking pops built on them; and ZMPOP itself, which replicas
 * receive as {@code ZPOPMIN|ZPOPMAX key count}, as Redis rewrites it.
 */
final class ZSetPops {

    private static final byte[] ZPOPMIN = Words.ascii("ZPOPMIN");
    private static final byte[] ZPOPMAX = Words.ascii("ZPOPMAX");

    private ZSetPops() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("zmpop", -4, 0, 0, 0, ZSetPops::zmpop, WRITE));
    }

    /**
     * Removes up to count members from the low end (or the high end when max) of zset, stored at
     * key, deleting the key once empty; counts the changes and answers the popped entries in order.
     */
    static List<ZSetValue.Entry> pop(CommandContext ctx, Key key, ZSetValue zset, boolean max, long count) {
        int n = (int) Math.min(count, zset.size());
        List<ZSetValue.Entry> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(zset.pollFirst(max));
        }
        if (n > 0) {
            ctx.notify(KeyspaceEvents.ZSET, max ? "zpopmax" : "zpopmin", key);
        }
        if (zset.size() == 0) {
            ctx.db().remove(key);
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
        }
        ctx.changed(n);
        return popped;
    }

    /**
     * ZMPOP's effect on the first non-empty sorted set among keys (WRONGTYPE on the first key of
     * another type met before it): replies [key, [[member, score], ...]] and propagates the
     * equivalent ZPOPMIN/ZPOPMAX; a null array when every key is missing. Blocking pops reuse it.
     */
    static boolean popFirst(CommandContext ctx, List<Key> keys, boolean max, long count) {
        Key key = MultiPop.firstPresent(ctx, keys, ZSetValue.class);
        if (key == null) {
            ctx.reply().nullArray();
            return false;
        }
        List<ZSetValue.Entry> popped = pop(ctx, key, ctx.write(key, ZSetValue.class), max, count);
        Reply r = ctx.reply();
        r.arrayHeader(2);
        r.bulk(key.bytes());
        r.arrayHeader(popped.size());
        for (ZSetValue.Entry e : popped) {
            r.arrayHeader(2);
            r.bulk(e.member().bytes());
            r.doubleValue(e.score());
        }
        ctx.propagateAs(max ? ZPOPMAX : ZPOPMIN, key.bytes(), Words.number(popped.size()));
        return true;
    }

    /** ZMPOP's MIN | MAX word: true for MAX; a syntax error otherwise. */
    static boolean max(Args a, int i) {
        if (!a.is(i, "MIN") && !a.is(i, "MAX")) {
            throw CommandError.syntax();
        }
        return a.is(i, "MAX");
    }

    // Format: ZMPOP numkeys key [key ...] MIN | MAX [COUNT count] -> [$key, [[member, score], ...]] | *-1
    private static void zmpop(CommandContext ctx) {
        Args a = ctx.args();
        MultiPop<Boolean> request = MultiPop.parse(a, 1, i -> max(a, i));
        popFirst(ctx, request.keys(), request.where(), request.count());
    }
}
