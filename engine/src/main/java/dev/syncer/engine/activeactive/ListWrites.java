package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.activeactive.crdt.ElementKind;
import dev.syncer.engine.activeactive.crdt.KeyState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * List writes in an Active-Active database: a list is a last-write-wins register over the whole
 * list — every write carries the complete resulting list, so of two concurrent pushes only the
 * later survives. Emptying a list removes the key (an observed removal). Replies and errors are
 * Redis 7.0's (t_list.c).
 */
final class ListWrites {

    private ListWrites() {
    }

    static List<CommandSpec> specs(ActiveActive aa) {
        return List.of(
                CommandSpec.of("lpush", -3, 1, 1, 1, ctx -> push(aa, ctx, true, false), WRITE, DENYOOM, FAST),
                CommandSpec.of("rpush", -3, 1, 1, 1, ctx -> push(aa, ctx, false, false), WRITE, DENYOOM, FAST),
                CommandSpec.of("lpushx", -3, 1, 1, 1, ctx -> push(aa, ctx, true, true), WRITE, DENYOOM, FAST),
                CommandSpec.of("rpushx", -3, 1, 1, 1, ctx -> push(aa, ctx, false, true), WRITE, DENYOOM, FAST),
                CommandSpec.of("lpop", -2, 1, 1, 1, ctx -> pop(aa, ctx, true), WRITE, FAST),
                CommandSpec.of("rpop", -2, 1, 1, 1, ctx -> pop(aa, ctx, false), WRITE, FAST),
                CommandSpec.of("lset", 4, 1, 1, 1, ctx -> lset(aa, ctx), WRITE, DENYOOM),
                CommandSpec.of("lrem", 4, 1, 1, 1, ctx -> lrem(aa, ctx), WRITE),
                CommandSpec.of("ltrim", 4, 1, 1, 1, ctx -> ltrim(aa, ctx), WRITE),
                CommandSpec.of("linsert", 5, 1, 1, 1, ctx -> linsert(aa, ctx), WRITE, DENYOOM),
                CommandSpec.of("rpoplpush", 3, 1, 2, 1, ctx -> move(aa, ctx, false, true), WRITE, DENYOOM),
                CommandSpec.of("lmove", 5, 1, 2, 1, ctx -> lmove(aa, ctx), WRITE, DENYOOM));
    }

    private static List<byte[]> items(ListValue list) {
        List<byte[]> items = new ArrayList<>(list == null ? 0 : list.size());
        for (int i = 0; list != null && i < list.size(); i++) {
            items.add(list.get(i));
        }
        return items;
    }

    /** The list now holds these items: a register write, or the key's removal when there are none. */
    private static void store(Effect e, Key key, List<byte[]> items) {
        if (items.isEmpty()) {
            e.removeKey(key);
        } else {
            e.register(key, ElementKind.LIST, KeyState.UNNAMED, List.copyOf(items));
        }
    }

    private static void push(ActiveActive aa, CommandContext ctx, boolean head, boolean onlyIfExists) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        ListValue list = e.value(key, ListValue.class);
        if (list == null && onlyIfExists) {
            ctx.reply().integer(0);
            return;
        }
        List<byte[]> items = items(list);
        for (int i = 2; i < ctx.args().count(); i++) {
            if (head) {
                items.addFirst(ctx.args().bytes(i));
            } else {
                items.addLast(ctx.args().bytes(i));
            }
        }
        if (list == null) {
            e.created(key);
        }
        store(e, key, items);
        e.commit();
        ctx.reply().integer(items.size());
    }

    /** LPOP / RPOP key [count]. */
    private static void pop(ActiveActive aa, CommandContext ctx, boolean head) {
        if (ctx.args().count() > 3) {
            throw new CommandError("ERR wrong number of arguments for '" + ctx.args().commandName() + "' command");
        }
        boolean withCount = ctx.args().count() == 3;
        long count = 0;
        if (withCount) {
            count = ctx.args().positiveLong(2);
        }
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        ListValue list = e.value(key, ListValue.class);
        if (list == null) {
            if (withCount) {
                ctx.reply().nullArray();
            } else {
                ctx.reply().nullBulk();
            }
            return;
        }
        if (withCount && count == 0) {
            ctx.reply().arrayHeader(0);
            return;
        }
        List<byte[]> items = items(list);
        int n = withCount ? (int) Math.min(count, items.size()) : 1;
        List<byte[]> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(head ? items.removeFirst() : items.removeLast());
        }
        store(e, key, items);
        e.commit();
        if (withCount) {
            ctx.reply().bulkArray(popped);
        } else {
            ctx.reply().bulk(popped.get(0));
        }
    }

    private static void lset(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        ListValue list = e.value(key, ListValue.class);
        if (list == null) {
            throw new CommandError("ERR no such key");
        }
        long index = ctx.args().longValue(2);
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            throw new CommandError("ERR index out of range");
        }
        List<byte[]> items = items(list);
        items.set((int) index, ctx.args().bytes(3));
        store(e, key, items);
        e.commit();
        ctx.reply().ok();
    }

    private static void lrem(ActiveActive aa, CommandContext ctx) {
        long toRemove = ctx.args().longValue(2);
        byte[] value = ctx.args().bytes(3);
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        ListValue list = e.value(key, ListValue.class);
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        long limit = toRemove == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(toRemove);
        List<byte[]> items = items(list);
        List<byte[]> kept = new ArrayList<>(items.size());
        int removed = 0;
        for (byte[] item : toRemove < 0 ? items.reversed() : items) { // a negative count scans from the tail
            if (Arrays.equals(item, value) && (limit == 0 || removed < limit)) {
                removed++;
            } else {
                kept.add(item);
            }
        }
        if (removed > 0) {
            store(e, key, toRemove < 0 ? new ArrayList<>(kept.reversed()) : kept);
            e.commit();
        }
        ctx.reply().integer(removed);
    }

    private static void ltrim(ActiveActive aa, CommandContext ctx) {
        long start = ctx.args().longValue(2);
        long end = ctx.args().longValue(3);
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        ListValue list = e.value(key, ListValue.class);
        if (list == null) {
            ctx.reply().ok();
            return;
        }
        long len = list.size();
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        if (start < 0) {
            start = 0;
        }
        List<byte[]> items = items(list);
        List<byte[]> kept = start > end || start >= len ? List.of()
                : items.subList((int) start, (int) Math.min(end, len - 1) + 1);
        if (kept.size() != items.size()) {
            store(e, key, new ArrayList<>(kept));
            e.commit();
        }
        ctx.reply().ok();
    }

    private static void linsert(ActiveActive aa, CommandContext ctx) {
        boolean after;
        if (ctx.args().is(2, "AFTER")) {
            after = true;
        } else if (ctx.args().is(2, "BEFORE")) {
            after = false;
        } else {
            throw CommandError.syntax();
        }
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        ListValue list = e.value(key, ListValue.class);
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        List<byte[]> items = items(list);
        byte[] pivot = ctx.args().bytes(3);
        for (int i = 0; i < items.size(); i++) {
            if (Arrays.equals(items.get(i), pivot)) {
                items.add(after ? i + 1 : i, ctx.args().bytes(4));
                store(e, key, items);
                e.commit();
                ctx.reply().integer(items.size());
                return;
            }
        }
        ctx.reply().integer(-1);
    }

    private static void lmove(ActiveActive aa, CommandContext ctx) {
        boolean fromLeft = side(ctx, 3);
        boolean toLeft = side(ctx, 4);
        move(aa, ctx, fromLeft, toLeft);
    }

    private static boolean side(CommandContext ctx, int i) {
        if (ctx.args().is(i, "LEFT")) {
            return true;
        }
        if (ctx.args().is(i, "RIGHT")) {
            return false;
        }
        throw CommandError.syntax();
    }

    /** LMOVE / RPOPLPUSH: pops from the source, pushes onto the destination (the same list rotates). */
    private static void move(ActiveActive aa, CommandContext ctx, boolean fromLeft, boolean toLeft) {
        Effect e = new Effect(aa, ctx);
        Key source = ctx.args().key(1);
        Key destination = ctx.args().key(2);
        ListValue src = e.value(source, ListValue.class);
        if (src == null) {
            ctx.reply().nullBulk();
            return;
        }
        RedisValue dst = e.value(destination);
        if (dst != null && !(dst instanceof ListValue)) {
            throw CommandError.wrongType();
        }
        List<byte[]> from = items(src);
        byte[] value = fromLeft ? from.removeFirst() : from.removeLast();
        List<byte[]> to = source.equals(destination) ? from : items((ListValue) dst);
        if (toLeft) {
            to.addFirst(value);
        } else {
            to.addLast(value);
        }
        if (!source.equals(destination)) {
            store(e, source, from);
            if (dst == null) {
                e.created(destination);
            }
        }
        store(e, destination, to);
        e.commit();
        ctx.reply().bulk(value);
    }
}
