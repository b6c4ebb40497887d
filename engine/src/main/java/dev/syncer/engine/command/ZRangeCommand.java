package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Doubles;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.READONLY;

/**
 * ZRANGE key min max [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES], the older forms
 * it unifies (ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX) and ZCOUNT,
 * as Redis 7.0's {@code zrangeGenericCommand}. Score bounds accept "(" for exclusive and
 * "-inf"/"+inf"; lex bounds are "[x", "(x", "-" and "+".
 */
final class ZRangeCommand {

    enum By { AUTO, RANK, SCORE, LEX }

    /** What a range request selected, and whether the reply carries scores. */
    record Selection(List<ZSetValue.Entry> entries, boolean withScores) {
    }

    private ZRangeCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("zrange", -4, 1, 1, 1, ctx -> range(ctx, By.AUTO, null), READONLY));
        t.add(CommandSpec.of("zrevrange", -4, 1, 1, 1, ctx -> range(ctx, By.RANK, true), READONLY));
        t.add(CommandSpec.of("zrangebyscore", -4, 1, 1, 1, ctx -> range(ctx, By.SCORE, false), READONLY));
        t.add(CommandSpec.of("zrevrangebyscore", -4, 1, 1, 1, ctx -> range(ctx, By.SCORE, true), READONLY));
        t.add(CommandSpec.of("zrangebylex", -4, 1, 1, 1, ctx -> range(ctx, By.LEX, false), READONLY));
        t.add(CommandSpec.of("zrevrangebylex", -4, 1, 1, 1, ctx -> range(ctx, By.LEX, true), READONLY));
        t.add(CommandSpec.of("zcount", 4, 1, 1, 1, ZRangeCommand::zcount, READONLY));
    }

    /** A score interval; either end may be exclusive. */
    record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
        /** Redis's zslParseRange. */
        static ScoreRange parse(byte[] min, byte[] max) {
            boolean minEx = min.length > 0 && min[0] == '(';
            boolean maxEx = max.length > 0 && max[0] == '(';
            Double lo = Doubles.strtod(minEx ? Arrays.copyOfRange(min, 1, min.length) : min);
            Double hi = Doubles.strtod(maxEx ? Arrays.copyOfRange(max, 1, max.length) : max);
            if (lo == null || hi == null) {
                throw new CommandError("ERR min or max is not a float");
            }
            return new ScoreRange(lo, minEx, hi, maxEx);
        }
    }

    /** One end of a BYLEX interval: a member (inclusive or exclusive), or "-" / "+" (infinity -1 / +1). */
    record LexBound(Key member, boolean exclusive, int infinity) {

        /** Redis's zslParseLexRangeItem. */
        static LexBound parse(byte[] b) {
            if (b.length == 1 && b[0] == '+') {
                return new LexBound(null, false, 1);
            }
            if (b.length == 1 && b[0] == '-') {
                return new LexBound(null, false, -1);
            }
            if (b.length > 0 && (b[0] == '(' || b[0] == '[')) {
                return new LexBound(new Key(Arrays.copyOfRange(b, 1, b.length)), b[0] == '(', 0);
            }
            throw new CommandError("ERR min or max not valid string range item");
        }
    }

    private static void range(CommandContext ctx, By by, Boolean reverse) {
        Selection selection = select(ctx, 1, by, reverse, false);
        Reply reply = ctx.reply();
        ScoredReply.entries(reply, selection.entries(), selection.withScores());
    }

    /**
     * Redis's zrangeGenericCommand from the source key at keyIndex: its options, then the entries
     * selected. ZRANGESTORE (store) takes no WITHSCORES.
     */
    static Selection select(CommandContext ctx, int keyIndex, By by, Boolean reverse, boolean store) {
        Args a = ctx.args();
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean rev = reverse != null && reverse;
        boolean directionFixed = reverse != null;
        for (int j = keyIndex + 3; j < a.count(); j++) {
            int left = a.count() - j - 1;
            if (!store && a.is(j, "WITHSCORES")) {
                withScores = true;
            } else if (a.is(j, "LIMIT") && left >= 2) {
                offset = a.longValue(j + 1);
                limit = a.longValue(j + 2);
                j += 2;
            } else if (!directionFixed && a.is(j, "REV")) {
                rev = true;
            } else if (by == By.AUTO && a.is(j, "BYLEX")) {
                by = By.LEX;
            } else if (by == By.AUTO && a.is(j, "BYSCORE")) {
                by = By.SCORE;
            } else {
                throw CommandError.syntax();
            }
        }
        if (by == By.AUTO) {
            by = By.RANK;
        }
        if (limit != -1 && by == By.RANK) {
            throw new CommandError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && by == By.LEX) {
            throw new CommandError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        // Reversed score and lex ranges are given as max, min.
        byte[] minArg = rev && by != By.RANK ? a.bytes(keyIndex + 2) : a.bytes(keyIndex + 1);
        byte[] maxArg = rev && by != By.RANK ? a.bytes(keyIndex + 1) : a.bytes(keyIndex + 2);
        List<ZSetValue.Entry> result;
        switch (by) {
            case SCORE -> {
                ScoreRange r = ScoreRange.parse(minArg, maxArg);
                ZSetValue zset = ctx.read(a.key(keyIndex), ZSetValue.class);
                result = zset == null ? List.of() : byScore(zset, r, offset, limit, rev);
            }
            case LEX -> {
                LexBound lo = LexBound.parse(minArg);
                LexBound hi = LexBound.parse(maxArg);
                ZSetValue zset = ctx.read(a.key(keyIndex), ZSetValue.class);
                result = zset == null ? List.of() : byLex(zset, lo, hi, offset, limit, rev);
            }
            default -> {
                long start = a.longValue(keyIndex + 1);
                long end = a.longValue(keyIndex + 2);
                ZSetValue zset = ctx.read(a.key(keyIndex), ZSetValue.class);
                result = zset == null ? List.of() : byRank(zset, start, end, rev);
            }
        }
        return new Selection(result, withScores);
    }

    static List<ZSetValue.Entry> byRank(ZSetValue zset, long start, long end, boolean reverse) {
        long[] r = ListCommands.clampRange(start, end, zset.size());
        if (r == null) {
            return List.of();
        }
        int n = (int) (r[1] - r[0] + 1);
        return take(zset.from(reverse ? zset.size() - 1 - r[0] : r[0], reverse), n);
    }

    private static List<ZSetValue.Entry> take(Iterator<ZSetValue.Entry> it, long n) {
        List<ZSetValue.Entry> out = new ArrayList<>((int) Math.min(n, 1024));
        for (long i = 0; i < n && it.hasNext(); i++) {
            out.add(it.next());
        }
        return out;
    }

    /**
     * Redis's genericZrangebyscoreCommand / genericZrangebylexCommand on ascending ranks: the range
     * is [first, end) (end exclusive), entered from its near end (the top when reversed), offset
     * entries skipped, then up to limit taken. A negative offset yields nothing, a negative limit
     * means no limit.
     */
    private static List<ZSetValue.Entry> inRange(ZSetValue zset, long first, long end, long offset, long limit,
                                                 boolean reverse) {
        if (offset < 0 || end <= first || offset >= end - first) {
            return List.of();
        }
        long n = end - first - offset;
        if (limit >= 0) {
            n = Math.min(n, limit);
        }
        return take(zset.from(reverse ? end - 1 - offset : first + offset, reverse), n);
    }

    /** The ascending ranks [first, end) of the entries with scores in r (zslFirstInRange / zslLastInRange). */
    static long[] ranks(ZSetValue zset, ScoreRange r) {
        return new long[] {zset.countScoresBelow(r.min(), r.minExclusive()), zset.countScoresBelow(r.max(), !r.maxExclusive())};
    }

    /** The ascending ranks [first, end) of the members between lo and hi (zslFirstInLexRange / zslLastInLexRange). */
    static long[] ranks(ZSetValue zset, LexBound lo, LexBound hi) {
        long first = lo.infinity() != 0 ? (lo.infinity() < 0 ? 0 : zset.size()) : zset.countMembersBelow(lo.member(), lo.exclusive());
        long end = hi.infinity() != 0 ? (hi.infinity() > 0 ? zset.size() : 0) : zset.countMembersBelow(hi.member(), !hi.exclusive());
        return new long[] {first, end};
    }

    static List<ZSetValue.Entry> byScore(ZSetValue zset, ScoreRange r, long offset, long limit,
                                                 boolean reverse) {
        long[] ranks = ranks(zset, r);
        return inRange(zset, ranks[0], ranks[1], offset, limit, reverse);
    }

    static List<ZSetValue.Entry> byLex(ZSetValue zset, LexBound lo, LexBound hi, long offset, long limit,
                                               boolean reverse) {
        long[] ranks = ranks(zset, lo, hi);
        return inRange(zset, ranks[0], ranks[1], offset, limit, reverse);
    }

    // Format: ZCOUNT key min max -> :members with min <= score <= max
    private static void zcount(CommandContext ctx) {
        ScoreRange r = ScoreRange.parse(ctx.args().bytes(2), ctx.args().bytes(3));
        ZSetValue zset = ctx.read(ctx.args().key(1), ZSetValue.class);
        long[] ranks = zset == null ? new long[2] : ranks(zset, r);
        ctx.reply().integer(Math.max(0, ranks[1] - ranks[0]));
    }
}
