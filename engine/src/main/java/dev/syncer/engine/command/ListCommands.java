package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.resp.Reply;

import java.util.Arrays;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * List commands, as Redis 7.0's t_list.c. A list that loses its last element is deleted; every
 * command is propagated as received when it changed something.
 */
final class ListCommands {

    private ListCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("lpush", -3, 1, 1, 1, ctx -> push(ctx, true, false), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("rpush", -3, 1, 1, 1, ctx -> push(ctx, false, false), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("lpushx", -3, 1, 1, 1, ctx -> push(ctx, true, true), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("rpushx", -3, 1, 1, 1, ctx -> push(ctx, false, true), WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("lpop", -2, 1, 1, 1, ctx -> pop(ctx, true), WRITE, FAST));
        t.add(CommandSpec.of("rpop", -2, 1, 1, 1, ctx -> pop(ctx, false), WRITE, FAST));
        t.add(CommandSpec.of("lrange", 4, 1, 1, 1, ListCommands::lrange, READONLY));
        t.add(CommandSpec.of("llen", 2, 1, 1, 1, ListCommands::llen, READONLY, FAST));
        t.add(CommandSpec.of("lindex", 3, 1, 1, 1, ListCommands::lindex, READONLY));
        t.add(CommandSpec.of("lset", 4, 1, 1, 1, ListCommands::lset, WRITE, DENYOOM));
        t.add(CommandSpec.of("lrem", 4, 1, 1, 1, ListCommands::lrem, WRITE));
        t.add(CommandSpec.of("ltrim", 4, 1, 1, 1, ListCommands::ltrim, WRITE));
        t.add(CommandSpec.of("linsert", 5, 1, 1, 1, ListCommands::linsert, WRITE, DENYOOM));
    }

    // Format: LPUSH key element [element ...] -> :length; LPUSHX/RPUSHX only push to an existing list
    private static void push(CommandContext ctx, boolean head, boolean onlyIfExists) {
        Args a = ctx.args();
        Key key = a.key(1);
        ListValue list = ctx.write(key, ListValue.class);
        if (list == null) {
            if (onlyIfExists) {
                ctx.reply().integer(0);
                return;
            }
            list = new ListValue();
            ctx.db().put(key, list);
        }
        for (int i = 2; i < a.count(); i++) {
            if (head) {
                list.addFirst(a.bytes(i));
            } else {
                list.addLast(a.bytes(i));
            }
        }
        ctx.changed(a.count() - 2);
        ctx.notify(KeyspaceEvents.LIST, head ? "lpush" : "rpush", key);
        ctx.reply().integer(list.size());
    }

    // Format: LPOP key [count] -> $element | $-1; with a count: array | *-1 (no key)
    private static void pop(CommandContext ctx, boolean head) {
        Args a = ctx.args();
        if (a.count() > 3) {
            throw new CommandError("ERR wrong number of arguments for '" + a.commandName() + "' command");
        }
        boolean hasCount = a.count() == 3;
        long count = hasCount ? a.positiveLong(2) : 1;
        Key key = a.key(1);
        ListValue list = ctx.write(key, ListValue.class);
        Reply r = ctx.reply();
        if (list == null) {
            if (hasCount) {
                r.nullArray();
            } else {
                r.nullBulk();
            }
            return;
        }
        if (hasCount && count == 0) {
            r.arrayHeader(0);
            return;
        }
        int n = (int) Math.min(count, list.size());
        if (hasCount) {
            r.arrayHeader(n);
        }
        for (int i = 0; i < n; i++) {
            r.bulk(head ? list.removeFirst() : list.removeLast());
        }
        ctx.notify(KeyspaceEvents.LIST, head ? "lpop" : "rpop", key);
        deleteIfEmpty(ctx, key, list);
        ctx.changed(n);
    }

    private static void deleteIfEmpty(CommandContext ctx, Key key, ListValue list) {
        if (list.size() == 0) {
            ctx.db().remove(key);
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
        }
    }

    // Format: LRANGE key start stop -> array (negative indexes count from the end)
    private static void lrange(CommandContext ctx) {
        Args a = ctx.args();
        long start = a.longValue(2);
        long end = a.longValue(3);
        ListValue list = ctx.read(a.key(1), ListValue.class);
        Reply r = ctx.reply();
        if (list == null) {
            r.arrayHeader(0);
            return;
        }
        long len = list.size();
        long[] range = clampRange(start, end, len);
        if (range == null) {
            r.arrayHeader(0);
            return;
        }
        r.arrayHeader((int) (range[1] - range[0] + 1));
        for (long i = range[0]; i <= range[1]; i++) {
            r.bulk(list.get((int) i));
        }
    }

    /** Redis's index sanitising for LRANGE/LTRIM/ZRANGE: [start, end] within [0, len), or null if empty. */
    static long[] clampRange(long start, long end, long len) {
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= len) {
            return null;
        }
        if (end >= len) {
            end = len - 1;
        }
        return new long[] {start, end};
    }

    // Format: LLEN key -> :length
    private static void llen(CommandContext ctx) {
        ListValue list = ctx.read(ctx.args().key(1), ListValue.class);
        ctx.reply().integer(list == null ? 0 : list.size());
    }

    // Format: LINDEX key index -> $element | $-1
    private static void lindex(CommandContext ctx) {
        ListValue list = ctx.read(ctx.args().key(1), ListValue.class);
        if (list == null) {
            ctx.reply().nullBulk();
            return;
        }
        long index = ctx.args().longValue(2);
        int i = toListIndex(index, list.size());
        ctx.reply().bulk(i < 0 ? null : list.get(i));
    }

    /** A 0-based index for index (negative from the end), or -1 when out of range. */
    private static int toListIndex(long index, int size) {
        long i = index < 0 ? size + index : index;
        return i < 0 || i >= size ? -1 : (int) i;
    }

    // Format: LSET key index element -> +OK | -ERR no such key | -ERR index out of range
    private static void lset(CommandContext ctx) {
        Args a = ctx.args();
        ListValue list = ctx.write(a.key(1), ListValue.class);
        if (list == null) {
            throw new CommandError("ERR no such key");
        }
        int i = toListIndex(a.longValue(2), list.size());
        if (i < 0) {
            throw new CommandError("ERR index out of range");
        }
        list.set(i, a.bytes(3));
        ctx.changed();
        ctx.notify(KeyspaceEvents.LIST, "lset", a.key(1));
        ctx.reply().ok();
    }

    // Format: LREM key count element -> :removed (count > 0 from the head, < 0 from the tail, 0 all)
    private static void lrem(CommandContext ctx) {
        Args a = ctx.args();
        long toRemove = a.longValue(2);
        Key key = a.key(1);
        byte[] element = a.bytes(3);
        ListValue list = ctx.write(key, ListValue.class);
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        int size = list.size();
        boolean fromTail = toRemove < 0;
        long limit = Math.abs(toRemove); // Long.MIN_VALUE stays negative: no limit, as in C
        boolean[] removed = new boolean[size];
        int count = 0;
        for (int step = 0; step < size; step++) {
            int i = fromTail ? size - 1 - step : step;
            if (Arrays.equals(list.get(i), element)) {
                removed[i] = true;
                count++;
                if (limit > 0 && count == limit) {
                    break;
                }
            }
        }
        if (count > 0) {
            ListValue kept = new ListValue();
            for (int i = 0; i < size; i++) {
                if (!removed[i]) {
                    kept.addLast(list.get(i));
                }
            }
            ctx.notify(KeyspaceEvents.LIST, "lrem", key);
            if (kept.size() == 0) {
                ctx.db().remove(key);
                ctx.notify(KeyspaceEvents.GENERIC, "del", key);
            } else {
                ctx.db().putKeepTtl(key, kept);
            }
            ctx.changed(count);
        }
        ctx.reply().integer(count);
    }

    // Format: LINSERT key BEFORE | AFTER pivot element -> :length | :-1 (no pivot) | :0 (no key)
    private static void linsert(CommandContext ctx) {
        Args a = ctx.args();
        boolean after = a.is(2, "AFTER");
        if (!after && !a.is(2, "BEFORE")) {
            throw CommandError.syntax();
        }
        Key key = a.key(1);
        ListValue list = ctx.write(key, ListValue.class);
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        int pivot = -1;
        for (int i = 0; i < list.size() && pivot < 0; i++) {
            if (Arrays.equals(list.get(i), a.bytes(3))) {
                pivot = i;
            }
        }
        if (pivot < 0) {
            ctx.reply().integer(-1);
            return;
        }
        int at = after ? pivot + 1 : pivot;
        ListValue result = new ListValue();
        for (int i = 0; i <= list.size(); i++) {
            if (i == at) {
                result.addLast(a.bytes(4));
            }
            if (i < list.size()) {
                result.addLast(list.get(i));
            }
        }
        ctx.db().putKeepTtl(key, result);
        ctx.changed();
        ctx.notify(KeyspaceEvents.LIST, "linsert", key);
        ctx.reply().integer(result.size());
    }

    // Format: LTRIM key start stop -> +OK (an empty result deletes the key)
    private static void ltrim(CommandContext ctx) {
        Args a = ctx.args();
        long start = a.longValue(2);
        long end = a.longValue(3);
        Key key = a.key(1);
        ListValue list = ctx.write(key, ListValue.class);
        if (list == null) {
            ctx.reply().ok();
            return;
        }
        int size = list.size();
        long[] range = clampRange(start, end, size);
        int trimmed;
        if (range == null) {
            trimmed = size;
            ctx.db().remove(key);
        } else {
            trimmed = (int) (size - (range[1] - range[0] + 1));
            if (trimmed > 0) {
                list.retain((int) range[0], (int) range[1]);
            }
        }
        ctx.changed(trimmed);
        ctx.notify(KeyspaceEvents.LIST, "ltrim", key);
        if (range == null) {
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
        }
        ctx.reply().ok();
    }
}
