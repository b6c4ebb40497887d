package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.syncer.engine.command.CommandFlag.READONLY;

/**
 * HRANDFIELD and ZRANDMEMBER, as Redis 7.0's hrandfieldCommand and zrandmemberCommand: without a
 * count one random field (member) or nil; with a positive count that many distinct ones (all of
 * them when the count reaches the size); with a negative count |count| picks that may repeat.
 * WITHVALUES (WITHSCORES) follows each with its value (score).
 */
final class RandomFieldCommands {

    private RandomFieldCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("hrandfield", -2, 1, 1, 1, ctx -> random(ctx, "WITHVALUES", false), READONLY));
        t.add(CommandSpec.of("zrandmember", -2, 1, 1, 1, ctx -> random(ctx, "WITHSCORES", true), READONLY));
    }

    /** A field with its value, or a member with its score (value null). */
    private record Pair(byte[] name, byte[] value, double score) {
    }

    // Format: HRANDFIELD key [count [WITHVALUES]] | ZRANDMEMBER key [count [WITHSCORES]]
    //   -> $name | $-1; with a count: array (names, or name, value, ...; RESP3: [name, value] pairs)
    private static void random(CommandContext ctx, String withOption, boolean zset) {
        Args a = ctx.args();
        Reply r = ctx.reply();
        if (a.count() == 2) {
            List<Pair> all = pairs(ctx, zset);
            if (all == null) {
                r.nullBulk();
            } else {
                r.bulk(all.get(ThreadLocalRandom.current().nextInt(all.size())).name());
            }
            return;
        }
        long count = Counts.signedCount(a, 2);
        boolean withValues = a.count() == 4 && a.is(3, withOption);
        if (a.count() > 4 || (a.count() == 4 && !withValues)) {
            throw CommandError.syntax();
        }
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw new CommandError("ERR value is out of range");
        }
        List<Pair> all = pairs(ctx, zset);
        if (all == null || count == 0) {
            r.arrayHeader(0);
            return;
        }
        List<Pair> picked = pick(all, count);
        boolean pairs = withValues && r.resp3();
        r.arrayHeader(withValues && !pairs ? picked.size() * 2 : picked.size());
        for (Pair p : picked) {
            if (pairs) {
                r.arrayHeader(2);
            }
            r.bulk(p.name());
            if (withValues && p.value() != null) {
                r.bulk(p.value());
            } else if (withValues) {
                r.doubleValue(p.score());
            }
        }
    }

    /** The hash's or sorted set's pairs, or null when the key is missing. */
    private static List<Pair> pairs(CommandContext ctx, boolean zset) {
        Key key = ctx.args().key(1);
        List<Pair> out = new ArrayList<>();
        if (zset) {
            ZSetValue z = ctx.read(key, ZSetValue.class);
            if (z == null) {
                return null;
            }
            // Highest score first: Redis walks a sorted set from its tail here (zuiInitIterator),
            // which is the order ZRANDMEMBER answers in when the count covers the whole set.
            for (Iterator<ZSetValue.Entry> it = z.from(z.size() - 1, true); it.hasNext(); ) {
                ZSetValue.Entry e = it.next();
                out.add(new Pair(e.member().bytes(), null, e.score()));
            }
            return out;
        }
        HashValue h = ctx.read(key, HashValue.class);
        if (h == null) {
            return null;
        }
        for (Map.Entry<Key, byte[]> e : h.fields().entrySet()) {
            out.add(new Pair(e.getKey().bytes(), e.getValue(), 0));
        }
        return out;
    }

    /**
     * count > 0: min(count, size) distinct elements (all of them, in their order, from the size
     * on); count < 0: |count| uniform picks that may repeat. count is never 0 here.
     */
    static <E> List<E> pick(List<E> all, long count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (count < 0) {
            long n = -count;
            List<E> out = new ArrayList<>((int) Math.min(n, 1 << 16));
            for (long i = 0; i < n; i++) {
                out.add(all.get(random.nextInt(all.size())));
            }
            return out;
        }
        if (count >= all.size()) {
            return all;
        }
        List<E> shuffled = new ArrayList<>(all);
        // A partial Fisher-Yates shuffle: the first count slots end up a uniform random sample.
        for (int i = 0; i < count; i++) {
            Collections.swap(shuffled, i, i + random.nextInt(shuffled.size() - i));
        }
        return shuffled.subList(0, (int) count);
    }
}
