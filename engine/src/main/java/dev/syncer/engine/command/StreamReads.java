package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StreamConsumer;
import dev.syncer.engine.keyspace.StreamGroup;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamNack;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.resp.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Map;

import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * XREAD and XREADGROUP (t_stream.c's xreadCommand). {@link #parse} checks the arguments and the
 * keys, {@link #serve} answers from what the streams hold now and reports whether it could: a
 * blocking read waits when it could not and calls {@link #serve} again when a key is written.
 * Until then a BLOCK read that finds nothing answers as a timed-out one (a null array).
 */
public final class StreamReads {

    /** The parsed read: keys, the ID after which to read for each, and the group options. */
    public static final class Request {
        final Key[] keys;
        final StreamId[] after;
        final long count;
        /** Milliseconds to block, -1 without BLOCK. */
        public final long timeout;
        final Key group;
        final Key consumer;
        final boolean noAck;
        /** XREADGROUP with an explicit ID: serve the consumer's pending entries, not new ones. */
        final boolean[] history;

        private Request(Key[] keys, StreamId[] after, long count, long timeout, Key group, Key consumer, boolean noAck,
                        boolean[] history) {
            this.keys = keys;
            this.after = after;
            this.count = count;
            this.timeout = timeout;
            this.group = group;
            this.consumer = consumer;
            this.noAck = noAck;
            this.history = history;
        }

        /** The stream keys read, in order (what a blocked read waits on). */
        public Key[] keys() {
            return keys.clone();
        }

        /** The group of an XREADGROUP, null for XREAD. */
        public Key group() {
            return group;
        }
    }

    private StreamReads() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("xread", -4, 0, 0, 0, StreamReads::read, READONLY));
        t.add(CommandSpec.of("xreadgroup", -7, 0, 0, 0, StreamReads::read, WRITE));
    }

    // Format: XREAD [COUNT n] [BLOCK ms] STREAMS key [key ...] id [id ...] -> [[key, entries], ...] | *-1
    // Format: XREADGROUP GROUP g c [COUNT n] [BLOCK ms] [NOACK] STREAMS key [...] id|> [...] -> same
    private static void read(CommandContext ctx) {
        Request req = parse(ctx);
        if (serve(ctx, req)) {
            return;
        }
        if (req.timeout < 0 || !BlockingPops.mayBlock(ctx)) {
            ctx.reply().nullArray();
            return;
        }
        long timeoutAt = req.timeout == 0 ? 0 : ctx.now() + req.timeout;
        ctx.dispatcher().blockedKeys().block(ctx, java.util.List.of(req.keys), StreamValue.class, timeoutAt,
                (c, key) -> serve(c, req), Reply::nullArray,
                req.group == null ? null : "UNBLOCKED the stream key no longer exists");
    }

    /** Checks a read's arguments and keys as xreadCommand does, replying nothing. */
    public static Request parse(CommandContext ctx) {
        Args a = ctx.args();
        boolean group = a.bytes(0).length == 10;
        long timeout = -1;
        long count = 0;
        int streamsArg = 0;
        int streams = 0;
        Key groupName = null;
        Key consumer = null;
        boolean noAck = false;
        for (int i = 1; i < a.count(); i++) {
            int more = a.count() - i - 1;
            if (a.is(i, "BLOCK") && more > 0) {
                i++;
                timeout = StreamGroupCommands.longArg(a, i, "ERR timeout is not an integer or out of range");
                if (timeout < 0) {
                    throw new CommandError("ERR timeout is negative");
                }
            } else if (a.is(i, "COUNT") && more > 0) {
                i++;
                count = Math.max(0, a.longValue(i));
            } else if (a.is(i, "STREAMS") && more > 0) {
                streamsArg = i + 1;
                streams = a.count() - streamsArg;
                if (streams % 2 != 0) {
                    throw new CommandError("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$'"
                            + " must be specified.");
                }
                streams /= 2;
                break;
            } else if (a.is(i, "GROUP") && more >= 2) {
                if (!group) {
                    throw new CommandError("ERR The GROUP option is only supported by XREADGROUP. You called XREAD"
                            + " instead.");
                }
                groupName = a.key(i + 1);
                consumer = a.key(i + 2);
                i += 2;
            } else if (a.is(i, "NOACK")) {
                if (!group) {
                    throw new CommandError("ERR The NOACK option is only supported by XREADGROUP. You called XREAD"
                            + " instead.");
                }
                noAck = true;
            } else {
                throw CommandError.syntax();
            }
        }
        if (streamsArg == 0) {
            throw CommandError.syntax();
        }
        if (group && groupName == null) {
            throw new CommandError("ERR Missing GROUP option for XREADGROUP");
        }
        Key[] keys = new Key[streams];
        StreamId[] after = new StreamId[streams];
        boolean[] history = new boolean[streams];
        for (int k = 0; k < streams; k++) {
            keys[k] = a.key(streamsArg + k);
            byte[] id = a.bytes(streamsArg + streams + k);
            StreamValue s = ctx.read(keys[k], StreamValue.class);
            if (groupName != null && (s == null || s.group(groupName) == null)) {
                throw new CommandError("NOGROUP No such key '" + keys[k] + "' or consumer group '" + groupName
                        + "' in XREADGROUP with GROUP option");
            }
            if (id.length == 1 && id[0] == '$') {
                if (group) {
                    throw new CommandError("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read"
                            + " the history of this consumer by specifying a proper ID, or use the > ID to get new"
                            + " messages. The $ ID would just return an empty result set.");
                }
                after[k] = s == null ? StreamId.MIN : s.lastId;
            } else if (id.length == 1 && id[0] == '>') {
                if (!group) {
                    throw new CommandError("ERR The > ID can be specified only when calling XREADGROUP using the GROUP"
                            + " <group> <consumer> option.");
                }
                after[k] = null;
            } else {
                after[k] = StreamIds.strict(id);
                history[k] = group;
            }
        }
        return new Request(keys, after, count, timeout, groupName, consumer, noAck, history);
    }

    /**
     * Replies with what each stream holds after its ID (or, for a group, what it has not delivered,
     * or the consumer's pending entries), updating the group and propagating as Redis does.
     * Returns false, having replied nothing, when no stream has anything to serve.
     */
    public static boolean serve(CommandContext ctx, Request req) {
        // Each stream is decided when its turn comes, as a group read changes what the next sees
        // (the same stream named twice); the array's length is known only at the end.
        ByteBuf body = Unpooled.buffer();
        Reply outer = ctx.reply();
        ByteBuf target = outer.buffer();
        outer.target(body);
        int served = 0;
        try {
            for (int k = 0; k < req.keys.length; k++) {
                if (serveOne(ctx, req, k)) {
                    served++;
                }
            }
        } finally {
            outer.target(target);
        }
        try {
            if (served == 0) {
                return false;
            }
            // RESP2: [[key, entries], ...]; RESP3: {key: entries, ...}
            if (outer.resp3()) {
                outer.mapHeader(served);
            } else {
                outer.arrayHeader(served);
            }
            outer.raw(body);
            return true;
        } finally {
            body.release();
        }
    }

    private static boolean serveOne(CommandContext ctx, Request req, int k) {
        Key key = req.keys[k];
        if (!(ctx.db().get(key) instanceof StreamValue s)) {
            return false;
        }
        StreamId gt = req.after[k];
        if (!req.history[k]) {
            if (gt == null) {
                StreamGroup group = s.group(req.group);
                if (group == null) { // destroyed, or the key replaced, while the client was blocked
                    throw new CommandError("NOGROUP the consumer group this client was blocked on no longer exists");
                }
                gt = group.lastId;
            }
            StreamId lastEntry = s.lastEntryId();
            if (lastEntry == null || lastEntry.compareTo(gt) <= 0) {
                return false;
            }
        }
        Reply r = ctx.reply();
        StreamId start = gt.next();
        if (!r.resp3()) {
            r.arrayHeader(2);
        }
        r.bulk(key.bytes());
        if (req.group == null) {
            if (start == null) {
                r.arrayHeader(0);
            } else {
                StreamCommands.reply(r, s, start, StreamId.MAX, false, req.count);
            }
            return true;
        }
        s = ctx.write(key, StreamValue.class);
        StreamGroup group = s.group(req.group);
        StreamConsumer consumer = group.consumer(req.consumer);
        long now = ctx.now();
        if (consumer == null) {
            consumer = group.createConsumer(req.consumer, now);
            ctx.notify(KeyspaceEvents.STREAM, "xgroup-createconsumer", key);
            if (req.noAck) {
                ctx.propagateAs(StreamGroupCommands.XGROUP, StreamGroupCommands.CREATECONSUMER, key.bytes(),
                        req.group.bytes(), req.consumer.bytes());
            }
        } else {
            consumer.seenTime = now;
        }
        if (req.history[k]) {
            history(r, s, consumer, start, req.count, now);
        } else {
            deliver(ctx, key, req, s, group, consumer, start, now);
        }
        return true;
    }

    /** streamReplyWithRange for a group: new entries become pending for the consumer (unless NOACK). */
    private static void deliver(CommandContext ctx, Key key, Request req, StreamValue s, StreamGroup group,
                                StreamConsumer consumer, StreamId start, long now) {
        Reply r = ctx.reply();
        long n = start == null ? 0 : s.count(start, StreamId.MAX, req.count);
        r.arrayHeader((int) n);
        boolean lastIdMoved = false;
        StreamValue.Cursor c = n == 0 ? null : s.cursor(start, StreamId.MAX, false);
        for (long done = 0; done < n && c.next(); done++) {
            StreamId id = c.id();
            if (id.compareTo(group.lastId) > 0) {
                if (group.entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ && !s.rangeHasTombstones(id, null)) {
                    group.entriesRead++;
                } else if (s.entriesAdded != 0) {
                    group.entriesRead = s.estimateEntriesRead(id);
                }
                group.lastId = id;
                lastIdMoved = true;
            }
            StreamCommands.entry(r, id, c.fieldsAndValues());
            if (!req.noAck) {
                StreamNack nack = group.pel().get(id);
                if (nack == null) {
                    nack = new StreamNack(consumer, now, 1);
                    group.pel().put(id, nack);
                    consumer.pel().put(id, nack);
                } else {
                    group.assign(id, nack, consumer);
                    nack.deliveryTime = now;
                    nack.deliveryCount = 1;
                }
                ctx.propagateAs(StreamGroupCommands.xclaimForm(key, req.group, group, id, nack));
            }
        }
        if (req.noAck && lastIdMoved) {
            ctx.propagateAs(StreamGroupCommands.setIdForm(key, req.group, group));
        }
    }

    /** streamReplyWithRangeFromConsumerPEL: the consumer's pending entries; deleted ones as [id, nil]. */
    private static void history(Reply r, StreamValue s, StreamConsumer consumer, StreamId start, long count, long now) {
        Map<StreamId, StreamNack> pel = start == null ? Map.of() : consumer.pel().tailMap(start, true);
        long n = count == 0 ? pel.size() : Math.min(count, pel.size());
        r.arrayHeader((int) n);
        int done = 0;
        for (Map.Entry<StreamId, StreamNack> p : pel.entrySet()) {
            if (done++ == n) {
                break;
            }
            byte[][] fv = s.get(p.getKey());
            if (fv == null) {
                r.arrayHeader(2);
                r.bulk(p.getKey().bytes());
                r.nullArray();
            } else {
                StreamCommands.entry(r, p.getKey(), fv);
                p.getValue().deliveryTime = now;
                p.getValue().deliveryCount++;
            }
        }
    }
}
