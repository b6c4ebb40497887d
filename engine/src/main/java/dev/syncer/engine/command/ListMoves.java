package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Moving and multi-key popping of list elements, as Redis 7.0's t_list.c: LMOVE, RPOPLPUSH (both
 * propagated as received) and LMPOP (propagated as {@code LPOP|RPOP key count}, as Redis rewrites
 * it). The effects are functions the blocking commands reuse: {@link #move} and {@link #popFirst}.
 */
final class ListMoves {

    /** An end of a list: LEFT is the head, RIGHT the tail. */
    enum End { LEFT, RIGHT }

    private static final byte[] LPOP = Words.ascii("LPOP");
    private static final byte[] RPOP = Words.ascii("RPOP");

    private ListMoves() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("lmove", 5, 1, 2, 1, ListMoves::lmove, WRITE, DENYOOM));
        t.add(CommandSpec.of("rpoplpush", 3, 1, 2, 1,
                ctx -> move(ctx, ctx.args().key(1), ctx.args().key(2), End.RIGHT, End.LEFT), WRITE, DENYOOM));
        t.add(CommandSpec.of("lmpop", -4, 0, 0, 0, ListMoves::lmpop, WRITE));
    }

    /** Redis's getListPositionFromObjectOrReply. */
    static End end(Args a, int i) {
        if (a.is(i, "LEFT")) {
            return End.LEFT;
        }
        if (a.is(i, "RIGHT")) {
            return End.RIGHT;
        }
        throw CommandError.syntax();
    }

    // Format: LMOVE source destination LEFT | RIGHT LEFT | RIGHT -> $element | $-1
    private static void lmove(CommandContext ctx) {
        Args a = ctx.args();
        End from = end(a, 3);
        End to = end(a, 4);
        move(ctx, a.key(1), a.key(2), from, to);
    }

    /**
     * Redis's lmoveGenericCommand: pops from one end of src, pushes to one end of dst (created if
     * missing; src and dst may be the same list) and replies the element; nil when src is missing.
     * WRONGTYPE if either is not a list, checked before anything moves. Returns whether it moved.
     */
    static boolean move(CommandContext ctx, Key src, Key dst, End from, End to) {
        ListValue source = ctx.write(src, ListValue.class);
        if (source == null) {
            ctx.reply().nullBulk();
            return false;
        }
        ListValue target = ctx.write(dst, ListValue.class);
        byte[] element = from == End.LEFT ? source.removeFirst() : source.removeLast();
        if (target == null) {
            target = new ListValue();
            ctx.db().put(dst, target);
        }
        if (to == End.LEFT) {
            target.addFirst(element);
        } else {
            target.addLast(element);
        }
        ctx.notify(KeyspaceEvents.LIST, to == End.LEFT ? "lpush" : "rpush", dst);
        ctx.notify(KeyspaceEvents.LIST, from == End.LEFT ? "lpop" : "rpop", src);
        if (source.size() == 0) {
            ctx.db().remove(src);
            ctx.notify(KeyspaceEvents.GENERIC, "del", src);
        }
        ctx.changed();
        ctx.reply().bulk(element);
        return true;
    }

    /**
     * Pops up to count elements from one end of list, stored at key, deleting the key once empty;
     * the elements in the order popped.
     */
    static List<byte[]> popRange(CommandContext ctx, Key key, ListValue list, End from, long count) {
        int n = (int) Math.min(count, list.size());
        List<byte[]> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(from == End.LEFT ? list.removeFirst() : list.removeLast());
        }
        ctx.notify(KeyspaceEvents.LIST, from == End.LEFT ? "lpop" : "rpop", key);
        if (list.size() == 0) {
            ctx.db().remove(key);
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
        }
        ctx.changed(n);
        return popped;
    }

    /**
     * Redis's mpopGenericCommand: pops from the first non-empty list among keys (WRONGTYPE on the
     * first key of another type met before it), replies [key, [elements]] and propagates the
     * equivalent LPOP/RPOP with the count popped; a null array when every key is missing.
     */
    static boolean popFirst(CommandContext ctx, List<Key> keys, End from, long count) {
        Key key = MultiPop.firstPresent(ctx, keys, ListValue.class);
        if (key == null) {
            ctx.reply().nullArray();
            return false;
        }
        List<byte[]> popped = popRange(ctx, key, ctx.write(key, ListValue.class), from, count);
        Reply r = ctx.reply();
        r.arrayHeader(2);
        r.bulk(key.bytes());
        r.bulkArray(popped);
        ctx.propagateAs(from == End.LEFT ? LPOP : RPOP, key.bytes(), Words.number(popped.size()));
        return true;
    }

    // Format: LMPOP numkeys key [key ...] LEFT | RIGHT [COUNT count] -> [$key, [elements]] | *-1
    private static void lmpop(CommandContext ctx) {
        MultiPop<End> request = MultiPop.parse(ctx.args(), 1, i -> end(ctx.args(), i));
        popFirst(ctx, request.keys(), request.where(), request.count());
    }
}
