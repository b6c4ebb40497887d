package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.StreamConsumer;
import dev.syncer.engine.keyspace.StreamGroup;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamNack;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Consumer-group commands of Redis 7.0: XACK, XPENDING, XCLAIM, XAUTOCLAIM. Claims are
 * propagated as Redis does, one forced XCLAIM per entry with its delivery time, count and the
 * group's last ID, so replicas end with the same pending entries. XGROUP is {@link StreamGroupCreation}.
 */
final class StreamGroupCommands {

    static final byte[] XGROUP = Words.ascii("XGROUP");
    static final byte[] CREATECONSUMER = Words.ascii("CREATECONSUMER");
    private static final byte[] XCLAIM = Words.ascii("XCLAIM");
    private static final byte[] SETID = Words.ascii("SETID");
    private static final byte[] ENTRIESREAD = Words.ascii("ENTRIESREAD");
    private static final byte[] ZERO = Words.ascii("0");
    private static final byte[] TIME = Words.ascii("TIME");
    private static final byte[] RETRYCOUNT = Words.ascii("RETRYCOUNT");
    private static final byte[] FORCE = Words.ascii("FORCE");
    private static final byte[] JUSTID = Words.ascii("JUSTID");
    private static final byte[] LASTID = Words.ascii("LASTID");

    private StreamGroupCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("xgroup", -2, 0, 0, 0, StreamGroupCreation::xgroup, WRITE, DENYOOM));
        t.add(CommandSpec.of("xack", -4, 1, 1, 1, StreamGroupCommands::xack, WRITE, FAST));
        t.add(CommandSpec.of("xpending", -3, 1, 1, 1, StreamGroupCommands::xpending, READONLY));
        t.add(CommandSpec.of("xclaim", -6, 1, 1, 1, StreamGroupCommands::xclaim, WRITE, FAST));
        t.add(CommandSpec.of("xautoclaim", -6, 1, 1, 1, StreamGroupCommands::xautoclaim, WRITE, FAST));
    }

    /** An integer argument with a command-specific error text (getLongLongFromObjectOrReply's msg). */
    static long longArg(Args a, int i, String error) {
        Long v = Numbers.parseLong(a.bytes(i));
        if (v == null) {
            throw new CommandError(error);
        }
        return v;
    }

    /** streamPropagateXCLAIM: XCLAIM key group consumer 0 id TIME t RETRYCOUNT n FORCE JUSTID LASTID last. */
    static byte[][] xclaimForm(Key key, Key groupName, StreamGroup group, StreamId id, StreamNack nack) {
        return new byte[][] {XCLAIM, key.bytes(), groupName.bytes(), nack.consumer.name().bytes(), ZERO, id.bytes(),
                TIME, Words.number(nack.deliveryTime), RETRYCOUNT, Words.number(nack.deliveryCount), FORCE, JUSTID,
                LASTID, group.lastId.bytes()};
    }

    /** streamPropagateGroupID: XGROUP SETID key group last ENTRIESREAD n. */
    static byte[][] setIdForm(Key key, Key groupName, StreamGroup group) {
        return new byte[][] {XGROUP, SETID, key.bytes(), groupName.bytes(), group.lastId.bytes(), ENTRIESREAD,
                Words.number(group.entriesRead)};
    }

    private static CommandError noGroup(Key key, Key group) {
        return new CommandError("NOGROUP No such key '" + key + "' or consumer group '" + group + "'");
    }

    // Format: XACK key group id [id ...] -> :acknowledged
    private static void xack(CommandContext ctx) {
        Args a = ctx.args();
        StreamValue s = ctx.read(a.key(1), StreamValue.class);
        StreamGroup group = s == null ? null : s.group(a.key(2));
        if (group == null) {
            ctx.reply().integer(0);
            return;
        }
        StreamId[] ids = new StreamId[a.count() - 3];
        for (int j = 3; j < a.count(); j++) {
            ids[j - 3] = StreamIds.strict(a.bytes(j));
        }
        group = ctx.write(a.key(1), StreamValue.class).group(a.key(2));
        int acknowledged = 0;
        for (StreamId id : ids) {
            if (group.acknowledge(id)) {
                acknowledged++;
            }
        }
        ctx.changed(acknowledged);
        ctx.reply().integer(acknowledged);
    }

    // Format: XPENDING key group [[IDLE min-idle] start end count [consumer]]
    //   -> [count, first, last, [[consumer, count], ...]] | [[id, consumer, idle, deliveries], ...]
    private static void xpending(CommandContext ctx) {
        Args a = ctx.args();
        int argc = a.count();
        if (argc != 3 && (argc < 6 || argc > 9)) {
            throw CommandError.syntax();
        }
        StreamId start = null;
        StreamId end = null;
        long count = 0;
        long minIdle = 0;
        Key consumerName = null;
        if (argc >= 6) {
            int startIdx = 3;
            if (a.is(3, "IDLE")) {
                minIdle = a.longValue(4);
                if (argc < 8) {
                    throw CommandError.syntax();
                }
                startIdx += 2;
            }
            count = Math.max(0, a.longValue(startIdx + 2));
            start = StreamIds.bound(a.bytes(startIdx), true);
            end = StreamIds.bound(a.bytes(startIdx + 1), false);
            if (startIdx + 3 < argc) {
                consumerName = a.key(startIdx + 3);
            }
        }
        StreamValue s = ctx.read(a.key(1), StreamValue.class);
        StreamGroup group = s == null ? null : s.group(a.key(2));
        if (group == null) {
            throw noGroup(a.key(1), a.key(2));
        }
        Reply r = ctx.reply();
        if (argc == 3) {
            r.arrayHeader(4);
            r.integer(group.pel().size());
            if (group.pel().isEmpty()) {
                r.nullBulk();
                r.nullBulk();
                r.nullArray();
                return;
            }
            r.bulk(group.pel().firstKey().bytes());
            r.bulk(group.pel().lastKey().bytes());
            List<StreamConsumer> holding = new ArrayList<>();
            for (StreamConsumer c : group.consumers().values()) {
                if (!c.pel().isEmpty()) {
                    holding.add(c);
                }
            }
            r.arrayHeader(holding.size());
            for (StreamConsumer c : holding) {
                r.arrayHeader(2);
                r.bulk(c.name().bytes());
                r.bulk(Words.number(c.pel().size()));
            }
            return;
        }
        TreeMap<StreamId, StreamNack> pel = group.pel();
        if (consumerName != null) {
            StreamConsumer c = group.consumer(consumerName);
            if (c == null) {
                r.arrayHeader(0);
                return;
            }
            pel = c.pel();
        }
        long now = ctx.now();
        List<Map.Entry<StreamId, StreamNack>> out = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (Map.Entry<StreamId, StreamNack> e : pel.subMap(start, true, end, true).entrySet()) {
                if (out.size() == count) {
                    break;
                }
                if (minIdle != 0 && now - e.getValue().deliveryTime < minIdle) {
                    continue;
                }
                out.add(e);
            }
        }
        r.arrayHeader(out.size());
        for (Map.Entry<StreamId, StreamNack> e : out) {
            r.arrayHeader(4);
            r.bulk(e.getKey().bytes());
            r.bulk(e.getValue().consumer.name().bytes());
            r.integer(Math.max(0, now - e.getValue().deliveryTime));
            r.integer(e.getValue().deliveryCount);
        }
    }

    // Format: XCLAIM key group consumer min-idle id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [JUSTID]
    //         [LASTID id] -> claimed entries (or IDs with JUSTID)
    private static void xclaim(CommandContext ctx) {
        Args a = ctx.args();
        Key key = a.key(1);
        Key groupName = a.key(2);
        StreamValue s = ctx.read(key, StreamValue.class);
        if (s == null || s.group(groupName) == null) {
            throw noGroup(key, groupName);
        }
        long minIdle = Math.max(0, longArg(a, 4, "ERR Invalid min-idle-time argument for XCLAIM"));
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < a.count(); j++) {
            StreamId id = StreamIds.forXadd(a.bytes(j), null);
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        long now = ctx.now();
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < a.count(); j++) {
            boolean more = a.count() - 1 - j > 0;
            if (a.is(j, "FORCE")) {
                force = true;
            } else if (a.is(j, "JUSTID")) {
                justId = true;
            } else if (a.is(j, "IDLE") && more) {
                deliveryTime = now - longArg(a, ++j, "ERR Invalid IDLE option argument for XCLAIM");
            } else if (a.is(j, "TIME") && more) {
                deliveryTime = longArg(a, ++j, "ERR Invalid TIME option argument for XCLAIM");
            } else if (a.is(j, "RETRYCOUNT") && more) {
                retryCount = longArg(a, ++j, "ERR Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (a.is(j, "LASTID") && more) {
                lastId = StreamIds.strict(a.bytes(++j));
            } else {
                throw new CommandError("ERR Unrecognized XCLAIM option '" + a.string(j) + "'");
            }
        }
        s = ctx.write(key, StreamValue.class);
        StreamGroup group = s.group(groupName);
        boolean propagateLastId = false;
        if (lastId.compareTo(group.lastId) > 0) {
            group.lastId = lastId;
            propagateLastId = true;
        }
        if (deliveryTime == -1 || deliveryTime < 0 || deliveryTime > now) {
            deliveryTime = now;
        }
        StreamConsumer consumer = null;
        Key name = a.key(3);
        List<StreamId> claimed = new ArrayList<>();
        for (StreamId id : ids) {
            StreamNack nack = group.pel().get(id);
            if (!s.contains(id)) {
                if (nack != null) { // the entry is gone: drop it from the PEL, here and on replicas
                    ctx.propagateAs(xclaimForm(key, groupName, group, id, nack));
                    propagateLastId = false;
                    group.acknowledge(id);
                }
                continue;
            }
            if (force && nack == null) {
                nack = new StreamNack(null, now, 1);
                group.pel().put(id, nack);
            }
            if (nack == null) {
                continue;
            }
            if (nack.consumer != null && minIdle != 0 && now - nack.deliveryTime < minIdle) {
                continue;
            }
            consumer = claimant(ctx, key, group, name, consumer, now);
            nack.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                nack.deliveryCount = retryCount;
            } else if (!justId) {
                nack.deliveryCount++;
            }
            take(group, id, nack, consumer);
            claimed.add(id);
            ctx.propagateAs(xclaimForm(key, groupName, group, id, nack));
            propagateLastId = false;
        }
        if (propagateLastId) {
            ctx.propagateAs(setIdForm(key, groupName, group));
        }
        replyClaimed(ctx.reply(), s, claimed, justId);
    }

    /** The claiming consumer: looked up (refreshing its seen time) or created, once per command. */
    private static StreamConsumer claimant(CommandContext ctx, Key key, StreamGroup group, Key name,
            StreamConsumer found, long now) {
        if (found != null) {
            return found;
        }
        StreamConsumer c = group.consumer(name);
        if (c != null) {
            c.seenTime = now;
            return c;
        }
        ctx.notify(KeyspaceEvents.STREAM, "xgroup-createconsumer", key);
        return group.createConsumer(name, now);
    }

    /** Moves a pending entry (possibly just created by FORCE, owned by nobody) to the consumer. */
    private static void take(StreamGroup group, StreamId id, StreamNack nack, StreamConsumer consumer) {
        if (nack.consumer == null) {
            nack.consumer = consumer;
            consumer.pel().put(id, nack);
        } else {
            group.assign(id, nack, consumer);
        }
    }

    private static void replyClaimed(Reply r, StreamValue s, List<StreamId> claimed, boolean justId) {
        r.arrayHeader(claimed.size());
        for (StreamId id : claimed) {
            if (justId) {
                r.bulk(id.bytes());
            } else {
                StreamCommands.entry(r, id, s.get(id));
            }
        }
    }

    // Format: XAUTOCLAIM key group consumer min-idle start [COUNT n] [JUSTID]
    //   -> [next-start, claimed entries (or IDs), deleted IDs]
    private static void xautoclaim(CommandContext ctx) {
        Args a = ctx.args();
        long minIdle = Math.max(0, longArg(a, 4, "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId start = StreamIds.bound(a.bytes(5), true);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < a.count(); j++) {
            if (a.is(j, "COUNT") && a.count() - 1 - j > 0) {
                Long c = Numbers.parseLong(a.bytes(j + 1));
                if (c == null || c < 1 || c > Long.MAX_VALUE / 16) {
                    throw new CommandError("ERR COUNT must be > 0");
                }
                count = c;
                j++;
            } else if (a.is(j, "JUSTID")) {
                justId = true;
            } else {
                throw CommandError.syntax();
            }
        }
        Key key = a.key(1);
        Key groupName = a.key(2);
        StreamValue s = ctx.read(key, StreamValue.class);
        if (s == null || s.group(groupName) == null) {
            throw noGroup(key, groupName);
        }
        s = ctx.write(key, StreamValue.class);
        StreamGroup group = s.group(groupName);
        long now = ctx.now();
        long attempts = count * 10;
        StreamConsumer consumer = null;
        Key name = a.key(3);
        List<StreamId> claimed = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        Iterator<Map.Entry<StreamId, StreamNack>> it = group.pel().tailMap(start, true).entrySet().iterator();
        StreamId next = null;
        while (attempts-- > 0 && count > 0 && it.hasNext()) {
            Map.Entry<StreamId, StreamNack> e = it.next();
            StreamId id = e.getKey();
            StreamNack nack = e.getValue();
            if (!s.contains(id)) {
                ctx.propagateAs(xclaimForm(key, groupName, group, id, nack));
                it.remove();
                nack.consumer.pel().remove(id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - nack.deliveryTime < minIdle) {
                continue;
            }
            consumer = claimant(ctx, key, group, name, consumer, now);
            nack.deliveryTime = now;
            if (!justId) {
                nack.deliveryCount++;
            }
            take(group, id, nack, consumer);
            claimed.add(id);
            count--;
            ctx.propagateAs(xclaimForm(key, groupName, group, id, nack));
        }
        if (it.hasNext()) {
            next = it.next().getKey();
        }
        Reply r = ctx.reply();
        r.arrayHeader(3);
        r.bulk((next == null ? StreamId.MIN : next).bytes());
        replyClaimed(r, s, claimed, justId);
        r.arrayHeader(deleted.size());
        for (StreamId id : deleted) {
            r.bulk(id.bytes());
        }
    }
}
