package dev.syncer.engine.command;

import dev.syncer.engine.command.ListMoves.End;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * The blocking pops and moves of Redis 7.0's t_list.c and t_zset.c: BLPOP, BRPOP, BLMOVE,
 * BRPOPLPUSH, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP. With data they act at once, as their
 * non-blocking forms, and replicas receive those forms (LPOP key, LMOVE ..., RPOPLPUSH ...,
 * LPOP key count, ZPOPMIN key [count]); without, the client waits in {@link BlockedKeys}, and the
 * same effect runs when a key is created. Inside EXEC, on the primary's link or an internal
 * client they never block: they answer as a timeout would.
 */
final class BlockingPops {

    private static final byte[] LPOP = Words.ascii("LPOP");
    private static final byte[] RPOP = Words.ascii("RPOP");
    private static final byte[] LMOVE = Words.ascii("LMOVE");
    private static final byte[] RPOPLPUSH = Words.ascii("RPOPLPUSH");
    private static final byte[] ZPOPMIN = Words.ascii("ZPOPMIN");
    private static final byte[] ZPOPMAX = Words.ascii("ZPOPMAX");
    // Redis's shared.left / shared.right, which a served BLMOVE propagates
    private static final byte[] LEFT = Words.ascii("left");
    private static final byte[] RIGHT = Words.ascii("right");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private BlockingPops() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("blpop", -3, 1, -2, 1, ctx -> bpop(ctx, End.LEFT), WRITE));
        t.add(CommandSpec.of("brpop", -3, 1, -2, 1, ctx -> bpop(ctx, End.RIGHT), WRITE));
        t.add(CommandSpec.of("blmove", 6, 1, 2, 1, BlockingPops::blmove, WRITE, DENYOOM));
        t.add(CommandSpec.of("brpoplpush", 4, 1, 2, 1, BlockingPops::brpoplpush, WRITE, DENYOOM));
        t.add(CommandSpec.of("blmpop", -5, 0, 0, 0, BlockingPops::blmpop, WRITE));
        t.add(CommandSpec.of("bzpopmin", -3, 1, -2, 1, ctx -> bzpop(ctx, false), WRITE, FAST));
        t.add(CommandSpec.of("bzpopmax", -3, 1, -2, 1, ctx -> bzpop(ctx, true), WRITE, FAST));
        t.add(CommandSpec.of("bzmpop", -5, 0, 0, 0, BlockingPops::bzmpop, WRITE));
    }

    /**
     * Redis's getTimeoutFromObjectOrReply in seconds: a float, rounded up to milliseconds; the
     * unix-ms deadline, or 0 to wait forever.
     */
    static long timeoutAt(Args a, int i, long now) {
        LongDouble.Value v = LongDouble.parse(a.bytes(i));
        if (v == null) {
            throw new CommandError("ERR timeout is not a float or out of range");
        }
        // An infinite or overlong timeout converts to LLONG_MIN in C, hence "negative".
        if (v.isInfinite() || v.finite().multiply(THOUSAND).compareTo(LONG_MAX) > 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long millis = v.finite().multiply(THOUSAND).setScale(0, RoundingMode.CEILING).longValueExact();
        if (millis < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        return millis == 0 ? 0 : saturatedAdd(millis, now);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Redis's CLIENT_DENY_BLOCKING: inside EXEC, the primary's stream and internal clients. */
    static boolean mayBlock(CommandContext ctx) {
        ClientSession s = ctx.session();
        return s.kind() == ClientSession.Kind.NORMAL && s.channel() != null
                && !ctx.dispatcher().inTransaction();
    }

    private static BlockedKeys blocked(CommandContext ctx) {
        return ctx.dispatcher().blockedKeys();
    }

    private static List<Key> keys(Args a, int from, int to) {
        List<Key> keys = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            keys.add(a.key(i));
        }
        return keys;
    }

    // Format: BLPOP|BRPOP key [key ...] timeout -> [$key, $element] | *-1
    private static void bpop(CommandContext ctx, End end) {
        Args a = ctx.args();
        long timeoutAt = timeoutAt(a, a.count() - 1, ctx.now());
        List<Key> keys = keys(a, 1, a.count() - 1);
        if (popOne(ctx, keys, end)) {
            return;
        }
        if (!mayBlock(ctx)) {
            ctx.reply().nullArray();
            return;
        }
        blocked(ctx).block(ctx, keys, ListValue.class, timeoutAt,
                (c, key) -> popOne(c, List.of(key), end), Reply::nullArray);
    }

    /** Pops one element off the first non-empty list among keys, replicated as LPOP|RPOP key. */
    private static boolean popOne(CommandContext ctx, List<Key> keys, End end) {
        Key key = MultiPop.firstPresent(ctx, keys, ListValue.class);
        if (key == null) {
            return false;
        }
        List<byte[]> popped = ListMoves.popRange(ctx, key, ctx.write(key, ListValue.class), end, 1);
        Reply r = ctx.reply();
        r.arrayHeader(2);
        r.bulk(key.bytes());
        r.bulk(popped.get(0));
        ctx.propagateAs(end == End.LEFT ? LPOP : RPOP, key.bytes());
        return true;
    }

    // Format: BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout -> $element | $-1
    private static void blmove(CommandContext ctx) {
        Args a = ctx.args();
        End from = ListMoves.end(a, 3);
        End to = ListMoves.end(a, 4);
        long timeoutAt = timeoutAt(a, 5, ctx.now());
        moveOrBlock(ctx, from, to, timeoutAt, false);
    }

    // Format: BRPOPLPUSH source destination timeout -> $element | $-1
    private static void brpoplpush(CommandContext ctx) {
        long timeoutAt = timeoutAt(ctx.args(), 3, ctx.now());
        moveOrBlock(ctx, End.RIGHT, End.LEFT, timeoutAt, true);
    }

    /** Redis's blmoveGenericCommand. */
    private static void moveOrBlock(CommandContext ctx, End from, End to, long timeoutAt, boolean rpoplpush) {
        Key src = ctx.args().key(1);
        Key dst = ctx.args().key(2);
        if (ctx.write(src, ListValue.class) != null) {
            // rewriteClientCommandVector keeps the client's own LEFT/RIGHT words
            Args a = ctx.args();
            move(ctx, src, dst, rpoplpush ? null : new byte[][] {a.bytes(3), a.bytes(4)}, from, to);
            return;
        }
        if (!mayBlock(ctx)) {
            ctx.reply().nullBulk();
            return;
        }
        blocked(ctx).block(ctx, List.of(src), ListValue.class, timeoutAt,
                (c, key) -> move(c, src, dst, rpoplpush ? null : new byte[][] {word(from), word(to)}, from, to),
                Reply::nullBulk);
    }

    /** The move, replicated as RPOPLPUSH when ends is null, else as LMOVE with those end words. */
    private static boolean move(CommandContext ctx, Key src, Key dst, byte[][] ends, End from, End to) {
        if (!ListMoves.move(ctx, src, dst, from, to)) {
            return false;
        }
        if (ends == null) {
            ctx.propagateAs(RPOPLPUSH, src.bytes(), dst.bytes());
        } else {
            ctx.propagateAs(LMOVE, src.bytes(), dst.bytes(), ends[0], ends[1]);
        }
        return true;
    }

    private static byte[] word(End end) {
        return end == End.LEFT ? LEFT : RIGHT;
    }

    // Format: BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count] -> [$key, [elements]] | *-1
    private static void blmpop(CommandContext ctx) {
        Args a = ctx.args();
        MultiPop<End> request = MultiPop.parse(a, 2, i -> ListMoves.end(a, i));
        long timeoutAt = timeoutAt(a, 1, ctx.now());
        Key present = MultiPop.firstPresent(ctx, request.keys(), ListValue.class);
        if (present != null) {
            ListMoves.popFirst(ctx, List.of(present), request.where(), request.count());
            return;
        }
        if (!mayBlock(ctx)) {
            ctx.reply().nullArray();
            return;
        }
        blocked(ctx).block(ctx, request.keys(), ListValue.class, timeoutAt,
                (c, key) -> ListMoves.popFirst(c, List.of(key), request.where(), request.count()),
                Reply::nullArray);
    }

    // Format: BZPOPMIN|BZPOPMAX key [key ...] timeout -> [$key, $member, $score] | *-1
    private static void bzpop(CommandContext ctx, boolean max) {
        Args a = ctx.args();
        long timeoutAt = timeoutAt(a, a.count() - 1, ctx.now());
        List<Key> keys = keys(a, 1, a.count() - 1);
        if (zpopOne(ctx, keys, max)) {
            return;
        }
        if (!mayBlock(ctx)) {
            ctx.reply().nullArray();
            return;
        }
        blocked(ctx).block(ctx, keys, ZSetValue.class, timeoutAt,
                (c, key) -> zpopOne(c, List.of(key), max), Reply::nullArray);
    }

    /** Pops the lowest (highest) member of the first non-empty sorted set, replicated as ZPOPMIN|ZPOPMAX key. */
    private static boolean zpopOne(CommandContext ctx, List<Key> keys, boolean max) {
        Key key = MultiPop.firstPresent(ctx, keys, ZSetValue.class);
        if (key == null) {
            return false;
        }
        ZSetValue.Entry e = ZSetPops.pop(ctx, key, ctx.write(key, ZSetValue.class), max, 1).get(0);
        Reply r = ctx.reply();
        r.arrayHeader(3);
        r.bulk(key.bytes());
        r.bulk(e.member().bytes());
        r.doubleValue(e.score());
        ctx.propagateAs(max ? ZPOPMAX : ZPOPMIN, key.bytes());
        return true;
    }

    // Format: BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count] -> [$key, [[member, score], ...]] | *-1
    private static void bzmpop(CommandContext ctx) {
        Args a = ctx.args();
        MultiPop<Boolean> request = MultiPop.parse(a, 2, i -> ZSetPops.max(a, i));
        long timeoutAt = timeoutAt(a, 1, ctx.now());
        Key present = MultiPop.firstPresent(ctx, request.keys(), ZSetValue.class);
        if (present != null) {
            ZSetPops.popFirst(ctx, List.of(present), request.where(), request.count());
            return;
        }
        if (!mayBlock(ctx)) {
            ctx.reply().nullArray();
            return;
        }
        blocked(ctx).block(ctx, request.keys(), ZSetValue.class, timeoutAt,
                (c, key) -> ZSetPops.popFirst(c, List.of(key), request.where(), request.count()),
                Reply::nullArray);
    }
}
