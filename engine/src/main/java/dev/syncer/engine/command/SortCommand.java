package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Encoding;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Doubles;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * SORT and SORT_RO, as Redis 7.0's sort.c: a list, set or sorted set sorted numerically or
 * lexicographically (ALPHA), by its elements or by keys named after them (BY pattern, {@code *->field}
 * for a hash field; a pattern without {@code *} means "don't sort"), windowed by LIMIT, projected
 * through GET patterns ({@code #} is the element itself), replied or stored as a list (STORE,
 * propagated as received).
 */
final class SortCommand {

    private SortCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("sort", -2, 1, 1, 1, ctx -> sort(ctx, false), WRITE, DENYOOM));
        t.add(CommandSpec.of("sort_ro", -2, 1, 1, 1, ctx -> sort(ctx, true), READONLY));
    }

    /** One element being sorted: the element, and the number or text it is ordered by. */
    private static final class Item {
        final byte[] element;
        double score;
        byte[] by;

        Item(byte[] element) {
            this.element = element;
        }
    }

    /** What the options asked for (sortCommandGeneric's parse). */
    private static final class Options {
        boolean desc;
        boolean alpha;
        boolean dontSort;
        long limitStart;
        long limitCount = -1;
        byte[] by;
        Key store;
        final List<byte[]> gets = new ArrayList<>();
    }

    // Format: SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE dest]
    //         -> array of elements (or of GET results, nil for missing) | :stored-length with STORE
    private static void sort(CommandContext ctx, boolean readOnly) {
        Options o = parse(ctx, readOnly);
        RedisValue value = KeyCommands.lookupRead(ctx, ctx.args().key(1));
        if (value != null && !(value instanceof ListValue || value instanceof SetValue || value instanceof ZSetValue)) {
            throw CommandError.wrongType();
        }
        if (o.dontSort && value instanceof SetValue && o.store != null) {
            // a set's order is arbitrary: what is stored (and replicated) must not depend on it
            o.dontSort = false;
            o.alpha = true;
            o.by = null;
        }
        if (value instanceof ZSetValue) {
            value.encoding(Encoding.SKIPLIST); // sort.c converts a listpack sorted set destructively
        }
        int length = value == null ? 0 : size(value);
        long start = o.limitStart < 0 ? 0 : o.limitStart;
        // start + count - 1 overflows in C too; redis-server's build behaves as if it saturated
        long end = o.limitCount < 0 ? length - 1 : saturatedAdd(start, o.limitCount - 1);
        if (start >= length) {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) {
            end = length - 1;
        }
        List<Item> items = load(value, o, start, end);
        if (o.dontSort && (value instanceof ListValue || value instanceof ZSetValue)) {
            end -= start; // load() already applied the window
            start = 0;
        }
        boolean notNumbers = false;
        if (!o.dontSort) {
            notNumbers = score(ctx, items, o);
            items.sort(order(o));
        }
        int gets = o.gets.size();
        long outputLength = gets > 0 ? gets * (end - start + 1) : end - start + 1;
        if (notNumbers) {
            throw new CommandError("ERR One or more scores can't be converted into double");
        }
        if (o.store == null) {
            Reply r = ctx.reply();
            r.arrayHeader((int) Math.max(0, outputLength));
            for (long j = start; j <= end; j++) {
                byte[] element = items.get((int) j).element;
                if (gets == 0) {
                    r.bulk(element);
                }
                for (byte[] pattern : o.gets) {
                    r.bulk(lookupByPattern(ctx, pattern, element, false));
                }
            }
            return;
        }
        store(ctx, o, items, start, end, outputLength);
    }

    private static Options parse(CommandContext ctx, boolean readOnly) {
        Args a = ctx.args();
        Options o = new Options();
        for (int j = 2; j < a.count(); j++) {
            int left = a.count() - j - 1;
            if (a.is(j, "ASC")) {
                o.desc = false;
            } else if (a.is(j, "DESC")) {
                o.desc = true;
            } else if (a.is(j, "ALPHA")) {
                o.alpha = true;
            } else if (a.is(j, "LIMIT") && left >= 2) {
                o.limitStart = a.longValue(j + 1);
                o.limitCount = a.longValue(j + 2);
                j += 2;
            } else if (!readOnly && a.is(j, "STORE") && left >= 1) {
                o.store = a.key(++j);
            } else if (a.is(j, "BY") && left >= 1) {
                o.by = a.bytes(++j);
                o.dontSort = indexOf(o.by, (byte) '*', 0) < 0;
                if (!o.dontSort && !unrestrictedReads(ctx)) {
                    throw new CommandError("ERR BY option of SORT denied due to insufficient ACL permissions.");
                }
            } else if (a.is(j, "GET") && left >= 1) {
                if (!unrestrictedReads(ctx)) {
                    throw new CommandError("ERR GET option of SORT denied due to insufficient ACL permissions.");
                }
                o.gets.add(a.bytes(++j));
            } else {
                throw CommandError.syntax();
            }
        }
        return o;
    }

    /** BY and GET patterns name keys the ACL check never saw: only a user that may read every key uses them. */
    private static boolean unrestrictedReads(CommandContext ctx) {
        byte[][] argv = ctx.args().argv();
        CommandSpec spec = ctx.dispatcher().table().lookup(argv[0]);
        return spec == null || ctx.dispatcher().authenticator().unrestrictedReads(ctx.session(), spec, argv);
    }

    private static int size(RedisValue value) {
        return switch (value) {
            case ListValue l -> l.size();
            case SetValue s -> s.size();
            case ZSetValue z -> z.size();
            default -> 0;
        };
    }

    /**
     * The elements to sort. Lists and sorted sets left unsorted are read only within the window, in
     * their own order (from the tail for DESC); everything else is read whole.
     */
    private static List<Item> load(RedisValue value, Options o, long start, long end) {
        List<Item> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        boolean window = o.dontSort && (value instanceof ListValue || value instanceof ZSetValue);
        long wanted = window ? Math.max(0, end - start + 1) : size(value);
        switch (value) {
            case ListValue l -> {
                for (long n = 0; n < wanted; n++) {
                    long i = !window ? n : o.desc ? l.size() - start - 1 - n : start + n;
                    items.add(new Item(l.get((int) i)));
                }
            }
            case SetValue s -> {
                for (Key m : s.members()) {
                    items.add(new Item(m.bytes()));
                }
            }
            case ZSetValue z -> {
                long first = window ? start : 0;
                Iterator<ZSetValue.Entry> it = window && o.desc ? z.from(z.size() - 1 - first, true) : z.from(first, false);
                for (long n = 0; n < wanted && it.hasNext(); n++) {
                    items.add(new Item(it.next().member().bytes()));
                }
            }
            default -> {
            }
        }
        return items;
    }

    /** Fills each item's sort key; true if some numeric key was not a number (the command then fails). */
    private static boolean score(CommandContext ctx, List<Item> items, Options o) {
        boolean notNumbers = false;
        for (Item item : items) {
            byte[] by = item.element;
            if (o.by != null) {
                by = lookupByPattern(ctx, o.by, item.element, o.store != null);
                if (by == null) {
                    continue; // missing: sorts as 0, or before everything with ALPHA
                }
            }
            if (o.alpha) {
                if (o.by != null) {
                    item.by = by;
                }
            } else {
                Double d = sortScore(by);
                if (d == null) {
                    notNumbers = true;
                } else {
                    item.score = d;
                }
            }
        }
        return notNumbers;
    }

    /** strtod over the whole text, refusing what it refuses plus overflow (ERANGE) and NaN. */
    static Double sortScore(byte[] text) {
        Double d = Doubles.strtod(text);
        if (d == null || d.isNaN()) {
            return null;
        }
        if (d.isInfinite() && indexOfIgnoreCase(text, "inf") < 0) {
            return null;
        }
        return d;
    }

    /** sortCompare: numbers (ties in binary order of the elements) or bytes; missing BY values first. */
    private static Comparator<Item> order(Options o) {
        Comparator<Item> c;
        if (!o.alpha) {
            c = (x, y) -> x.score != y.score ? Double.compare(x.score, y.score)
                    : Arrays.compareUnsigned(x.element, y.element);
        } else if (o.by != null) {
            c = (x, y) -> x.by == null || y.by == null ? (x.by == y.by ? 0 : x.by == null ? -1 : 1)
                    : Arrays.compareUnsigned(x.by, y.by);
        } else {
            c = (x, y) -> Arrays.compareUnsigned(x.element, y.element);
        }
        return o.desc ? c.reversed() : c;
    }

    /**
     * lookupKeyByPattern: "#" is the element; otherwise the first '*' is replaced by the element and
     * the key's string value is returned, or with "->field" after the '*', that field of the hash.
     * Null when there is no '*', the key is missing or of another type, or the field is missing.
     */
    static byte[] lookupByPattern(CommandContext ctx, byte[] pattern, byte[] element, boolean forWrite) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = indexOfArrow(pattern, star + 1);
        boolean hashField = arrow >= 0 && arrow + 2 < pattern.length;
        int postfixEnd = hashField ? arrow : pattern.length;
        byte[] name = new byte[star + element.length + postfixEnd - star - 1];
        System.arraycopy(pattern, 0, name, 0, star);
        System.arraycopy(element, 0, name, star, element.length);
        System.arraycopy(pattern, star + 1, name, star + element.length, postfixEnd - star - 1);
        Key key = new Key(name);
        Database db = ctx.db();
        RedisValue found = forWrite ? db.get(key) : KeyCommands.lookupRead(ctx, key);
        if (hashField) {
            if (!(found instanceof HashValue h)) {
                return null;
            }
            byte[] v = h.get(new Key(Arrays.copyOfRange(pattern, arrow + 2, pattern.length)));
            return forWrite && v != null ? v.clone() : v; // STORE keeps it: HSET may edit the hash's own bytes in place
        }
        return found instanceof StringValue s ? s.bytesToKeep() : null; // STORE keeps GET's values
    }

    private static void store(CommandContext ctx, Options o, List<Item> items, long start, long end, long outputLength) {
        ListValue list = new ListValue();
        for (long j = start; j <= end; j++) {
            byte[] element = items.get((int) j).element;
            if (o.gets.isEmpty()) {
                list.addLast(element);
            }
            for (byte[] pattern : o.gets) {
                byte[] v = lookupByPattern(ctx, pattern, element, true);
                list.addLast(v == null ? new byte[0] : v);
            }
        }
        if (outputLength > 0) {
            ctx.db().put(o.store, list);
            ctx.changed((int) Math.min(outputLength, Integer.MAX_VALUE));
            ctx.notify(KeyspaceEvents.LIST, "sortstore", o.store);
        } else if (ctx.db().remove(o.store)) {
            ctx.changed();
            ctx.notify(KeyspaceEvents.GENERIC, "del", o.store);
            // signalModifiedKey: the destination is not among SORT's key positions, so the
            // dispatcher cannot see this deletion in what is propagated
            ctx.dispatcher().watchedKeys().touch(ctx.db(), o.store);
        }
        ctx.reply().integer(Math.max(0, outputLength));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfArrow(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '-' && bytes[i + 1] == '>') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfIgnoreCase(byte[] bytes, String needle) {
        String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        return s.indexOf(needle);
    }
}
