package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.resp.Reply;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Stream commands that touch entries, as Redis 7.0's t_stream.c: XADD, XRANGE, XREVRANGE, XLEN,
 * XDEL, XTRIM, XSETID. Consumer groups are in {@link StreamGroupCommands}, reads in
 * {@link StreamReads}, XINFO in {@link StreamInfoCommand}. A stream that loses its last entry stays.
 */
final class StreamCommands {

    static final String NO_SUCH_KEY = "ERR no such key";

    private StreamCommands() {
    }

    static void register(CommandTable t) {
        StreamNodeSettings nodes = new StreamNodeSettings();
        t.add(CommandSpec.of("xadd", -5, 1, 1, 1, ctx -> xadd(ctx, nodes.of(ctx.shard().config())), WRITE, DENYOOM,
                FAST));
        t.add(CommandSpec.of("xrange", -4, 1, 1, 1, ctx -> xrange(ctx, false), READONLY));
        t.add(CommandSpec.of("xrevrange", -4, 1, 1, 1, ctx -> xrange(ctx, true), READONLY));
        t.add(CommandSpec.of("xlen", 2, 1, 1, 1, StreamCommands::xlen, READONLY, FAST));
        t.add(CommandSpec.of("xdel", -3, 1, 1, 1, StreamCommands::xdel, WRITE, FAST));
        t.add(CommandSpec.of("xtrim", -4, 1, 1, 1, ctx -> xtrim(ctx, nodes.of(ctx.shard().config())), WRITE));
        t.add(CommandSpec.of("xsetid", -3, 1, 1, 1, StreamCommands::xsetid, WRITE, DENYOOM, FAST));
        StreamReads.register(t);
        StreamGroupCommands.register(t);
        StreamInfoCommand.register(t);
    }

    /** An entry as replies show it: [id, [field, value, ...]]. */
    static void entry(Reply r, StreamId id, byte[][] fieldsAndValues) {
        r.arrayHeader(2);
        r.bulk(id.bytes());
        r.arrayHeader(fieldsAndValues.length);
        for (byte[] b : fieldsAndValues) {
            r.bulk(b);
        }
    }

    // Format: XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [...] -> $id
    private static void xadd(CommandContext ctx, StreamNodeSettings nodes) {
        Args a = ctx.args();
        StreamTrim t = StreamTrim.parse(ctx, true, nodes);
        int fieldPos = t.idPos + 1;
        int fields = a.count() - fieldPos;
        if (fields < 2 || fields % 2 == 1) {
            throw new CommandError("ERR wrong number of arguments for 'xadd' command");
        }
        if (t.idGiven && t.seqGiven && t.id.isZero()) {
            throw new CommandError("ERR The ID specified in XADD must be greater than 0-0");
        }
        Key key = a.key(1);
        StreamValue s = ctx.write(key, StreamValue.class);
        if (s == null) {
            if (t.noMkStream) {
                ctx.reply().nullBulk();
                return;
            }
            s = new StreamValue();
            ctx.db().put(key, s);
        }
        if (s.lastId.equals(StreamId.MAX)) {
            throw new CommandError("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        StreamId id = nextId(s, t, ctx.now());
        if (id == null) { // "ms-*" after ms-18446744073709551615: Redis reports it so
            throw new CommandError("ERR Elements are too large to be stored");
        }
        if (id.compareTo(s.lastId) <= 0) {
            throw new CommandError("ERR The ID specified in XADD is equal or smaller than the target stream top item");
        }
        s.append(id, a.argv(), fieldPos, fields, nodes.maxBytes(), nodes.maxEntries());
        byte[] idBytes = id.bytes();
        ctx.reply().bulk(idBytes);
        ctx.changed();
        ctx.notify(KeyspaceEvents.STREAM, "xadd", key);
        byte[][] propagated = null;
        if (t.strategy != StreamTrim.Strategy.NONE) {
            if (t.apply(s) > 0) {
                ctx.notify(KeyspaceEvents.STREAM, "xtrim", a.key(1));
            }
            if (t.approx) {
                propagated = a.argv().clone();
                t.rewriteApprox(propagated, s);
            }
        }
        if (!t.idGiven || !t.seqGiven) {
            propagated = propagated == null ? a.argv().clone() : propagated;
            propagated[t.idPos] = idBytes;
        }
        if (propagated != null) {
            ctx.propagateAs(propagated);
        }
    }

    /** streamAppendItem's choice of ID: explicit, "ms-*" (next sequence in that millisecond) or "*". */
    private static StreamId nextId(StreamValue s, StreamTrim t, long now) {
        StreamId last = s.lastId;
        if (t.idGiven) {
            if (t.seqGiven) {
                return t.id;
            }
            if (last.ms() == t.id.ms()) {
                return last.seq() == -1L ? null : new StreamId(last.ms(), last.seq() + 1);
            }
            return t.id;
        }
        // streamNextID: the clock's millisecond, or the last ID's successor when the clock is behind
        return Long.compareUnsigned(now, last.ms()) > 0 ? new StreamId(now, 0) : last.next();
    }

    // Format: XRANGE key start end [COUNT n]; XREVRANGE key end start [COUNT n] -> entries
    private static void xrange(CommandContext ctx, boolean reverse) {
        Args a = ctx.args();
        StreamId start = StreamIds.bound(a.bytes(reverse ? 3 : 2), true);
        StreamId end = StreamIds.bound(a.bytes(reverse ? 2 : 3), false);
        long count = -1;
        for (int j = 4; j < a.count(); j++) {
            if (a.is(j, "COUNT") && a.count() - j - 1 >= 1) {
                count = Math.max(0, a.longValue(j + 1));
                j++;
            } else {
                throw CommandError.syntax();
            }
        }
        StreamValue s = ctx.read(a.key(1), StreamValue.class);
        if (s == null) {
            ctx.reply().arrayHeader(0);
            return;
        }
        if (count == 0) {
            ctx.reply().nullArray();
            return;
        }
        reply(ctx.reply(), s, start, end, reverse, count < 0 ? 0 : count);
    }

    /** The entries of [from, to], ascending or descending, as an array of at most {@code count} (0: all). */
    static void reply(Reply r, StreamValue s, StreamId from, StreamId to, boolean reverse, long count) {
        long n = s.count(from, to, count);
        r.arrayHeader((int) n);
        StreamValue.Cursor c = s.cursor(from, to, reverse);
        for (long i = 0; i < n && c.next(); i++) {
            entry(r, c.id(), c.fieldsAndValues());
        }
    }

    // Format: XLEN key -> :entries
    private static void xlen(CommandContext ctx) {
        StreamValue s = ctx.read(ctx.args().key(1), StreamValue.class);
        ctx.reply().integer(s == null ? 0 : s.length());
    }

    // Format: XDEL key id [id ...] -> :deleted
    private static void xdel(CommandContext ctx) {
        Args a = ctx.args();
        StreamValue s = ctx.write(a.key(1), StreamValue.class);
        if (s == null) {
            ctx.reply().integer(0);
            return;
        }
        StreamId[] ids = new StreamId[a.count() - 2];
        for (int j = 2; j < a.count(); j++) {
            ids[j - 2] = StreamIds.strict(a.bytes(j));
        }
        int deleted = 0;
        boolean first = false;
        for (StreamId id : ids) {
            if (s.delete(id)) {
                first |= id.equals(s.firstId);
                if (id.compareTo(s.maxDeletedId) > 0) {
                    s.maxDeletedId = id;
                }
                deleted++;
            }
        }
        if (deleted > 0 && (s.length() == 0 || first)) {
            s.refreshFirstId();
        }
        ctx.changed(deleted);
        if (deleted > 0) {
            ctx.notify(KeyspaceEvents.STREAM, "xdel", a.key(1));
        }
        ctx.reply().integer(deleted);
    }

    // Format: XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count] -> :trimmed
    private static void xtrim(CommandContext ctx, StreamNodeSettings nodes) {
        StreamTrim t = StreamTrim.parse(ctx, false, nodes);
        StreamValue s = ctx.write(ctx.args().key(1), StreamValue.class);
        if (s == null) {
            ctx.reply().integer(0);
            return;
        }
        long deleted = t.apply(s);
        if (deleted > 0) {
            ctx.changed((int) Math.min(Integer.MAX_VALUE, deleted));
            ctx.notify(KeyspaceEvents.STREAM, "xtrim", ctx.args().key(1));
            if (t.approx) {
                byte[][] argv = ctx.args().argv().clone();
                t.rewriteApprox(argv, s);
                ctx.propagateAs(argv);
            }
        }
        ctx.reply().integer(deleted);
    }

    // Format: XSETID key last-id [ENTRIESADDED n] [MAXDELETEDID id] -> +OK
    private static void xsetid(CommandContext ctx) {
        Args a = ctx.args();
        StreamId id = StreamIds.strict(a.bytes(2));
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < a.count(); i += 2) {
            boolean more = a.count() - 1 - i > 0;
            if (a.is(i, "ENTRIESADDED") && more) {
                entriesAdded = a.longValue(i + 1);
                if (entriesAdded < 0) {
                    throw new CommandError("ERR entries_added must be positive");
                }
            } else if (a.is(i, "MAXDELETEDID") && more) {
                maxDeleted = StreamIds.strict(a.bytes(i + 1));
                if (id.compareTo(maxDeleted) < 0) {
                    throw new CommandError("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw CommandError.syntax();
            }
        }
        StreamValue s = ctx.write(a.key(1), StreamValue.class);
        if (s == null) {
            throw new CommandError(NO_SUCH_KEY);
        }
        if (s.length() > 0) {
            if (id.compareTo(s.lastEntryId()) < 0) {
                throw new CommandError("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && s.length() > entriesAdded) {
                throw new CommandError("ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        s.lastId = id;
        if (entriesAdded != -1) {
            s.entriesAdded = entriesAdded;
        }
        if (!maxDeleted.isZero()) {
            s.maxDeletedId = maxDeleted;
        }
        ctx.changed();
        ctx.notify(KeyspaceEvents.STREAM, "xsetid", a.key(1));
        ctx.reply().ok();
    }
}
