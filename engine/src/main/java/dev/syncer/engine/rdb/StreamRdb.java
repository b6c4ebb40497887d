package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.StreamConsumer;
import dev.syncer.engine.keyspace.StreamGroup;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamNack;
import dev.syncer.engine.keyspace.StreamNode;
import dev.syncer.engine.keyspace.StreamValue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Streams in RDB (rdb.c's OBJ_STREAM parts): types 15 (STREAM_LISTPACKS), 19 (_2, Redis 7.0: first
 * ID, max deleted ID, entries added, group entries-read) and 21 (_3, Redis 7.2: consumer active
 * time) are read; type 19 is written, the one RDB version 10 has. Each node is a 16-byte master ID
 * and a listpack: count, deleted, master field count, master fields, 0, then per entry flags,
 * ms-delta, seq-delta, [field count, field, value...] or [value...] when SAMEFIELDS, lp-count.
 * Every header a corrupt file could lie in is checked against what follows.
 */
final class StreamRdb {

    private final RdbInput in;

    StreamRdb(RdbInput in) {
        this.in = in;
    }

    StreamValue read(RdbType type) throws IOException {
        StreamValue s = new StreamValue();
        long nodes = in.length();
        StreamId previous = null;
        for (long i = 0; i < nodes; i++) {
            long at = in.offset();
            byte[] nodeKey = in.string();
            if (nodeKey.length != 16) {
                throw in.corrupt("stream node key of " + nodeKey.length + " bytes is not a stream ID", at);
            }
            StreamId master = StreamId.decode(nodeKey, 0);
            if (previous != null && master.compareTo(previous) <= 0) {
                throw in.corrupt("stream node " + master + " does not follow the previous entry " + previous, at);
            }
            at = in.offset();
            byte[] lp = in.string();
            List<byte[]> elements;
            try {
                elements = Listpack.decode(lp);
            } catch (EncodingException e) {
                throw in.corrupt("bad stream listpack (" + e.getMessage() + ")", at);
            }
            previous = node(s, master, elements, previous, at);
        }
        long at = in.offset();
        long length = in.length();
        StreamId last = id();
        if (length != s.length()) {
            throw in.corrupt("stream length " + length + " but its listpacks hold " + s.length() + " entries", at);
        }
        StreamId lastEntry = s.lastEntryId();
        if (lastEntry != null && lastEntry.compareTo(last) > 0) {
            throw in.corrupt("stream last ID " + last + " is below its last entry " + lastEntry, at);
        }
        s.lastId = last;
        if (type == RdbType.STREAM_LISTPACKS) {
            s.entriesAdded = length;
            StreamId first = s.firstEntryId();
            s.firstId = first == null ? StreamId.MAX : first;
        } else {
            s.firstId = id();
            s.maxDeletedId = id();
            s.entriesAdded = in.unsignedLength();
        }
        groups(s, type);
        return s;
    }

    private StreamId id() throws IOException {
        return new StreamId(in.unsignedLength(), in.unsignedLength());
    }

    /**
     * One node's listpack, checked element by element, into a node laid out again as this shard
     * appends (tombstones kept); returns the node's last ID (deleted entries included).
     */
    private StreamId node(StreamValue s, StreamId master, List<byte[]> e, StreamId previous, long at)
            throws RdbException {
        if (e.isEmpty()) {
            throw in.corrupt("empty listpack inside stream", at);
        }
        Cursor c = new Cursor(e, at);
        long count = c.integer("entry count");
        long deletedCount = c.integer("deleted count");
        int masterFields = c.count("master field count");
        byte[][] fields = new byte[masterFields][];
        for (int i = 0; i < masterFields; i++) {
            fields[i] = c.next("master field");
        }
        if (c.integer("master entry terminator") != 0) {
            throw in.corrupt("stream master entry is not terminated by 0", at);
        }
        long live = 0;
        long deleted = 0;
        StreamId last = previous;
        StreamNode node = StreamNode.open(master, fields);
        while (c.more()) {
            int start = c.pos;
            long flags = c.integer("entry flags");
            StreamId id = new StreamId(master.ms() + c.integer("ms delta"), master.seq() + c.integer("seq delta"));
            if (id.compareTo(master) < 0 || (last != null && id.compareTo(last) <= 0)) {
                throw in.corrupt("stream entry " + id + " is out of order", at);
            }
            last = id;
            boolean same = (flags & StreamNode.FLAG_SAMEFIELDS) != 0;
            int n = same ? masterFields : c.count("entry field count");
            byte[][] fv = new byte[2 * n][];
            for (int i = 0; i < n; i++) {
                fv[2 * i] = same ? fields[i] : c.next("field");
                fv[2 * i + 1] = c.next("value");
            }
            long lpCount = c.integer("lp-count");
            if (lpCount != c.pos - start - 1) {
                throw in.corrupt("stream entry " + id + " has lp-count " + lpCount + " but " + (c.pos - start - 1)
                        + " elements", at);
            }
            boolean isDeleted = (flags & StreamNode.FLAG_DELETED) != 0;
            if (isDeleted) {
                deleted++;
            } else {
                live++;
            }
            node.append(id, fv, 0, fv.length, isDeleted);
        }
        if (live != count || deleted != deletedCount) {
            throw in.corrupt("stream node says " + count + " entries and " + deletedCount + " deleted but holds "
                    + live + " and " + deleted, at);
        }
        if (live + deleted == 0) {
            throw in.corrupt("stream node holds no entry", at);
        }
        s.addLoadedNode(node);
        return last;
    }

    /** Walks a decoded listpack, turning a short or non-numeric element into a clear error. */
    private final class Cursor {
        final List<byte[]> e;
        final long at;
        int pos;

        Cursor(List<byte[]> e, long at) {
            this.e = e;
            this.at = at;
        }

        boolean more() {
            return pos < e.size();
        }

        byte[] next(String what) throws RdbException {
            if (pos >= e.size()) {
                throw in.corrupt("stream listpack ends before its " + what, at);
            }
            return e.get(pos++);
        }

        long integer(String what) throws RdbException {
            Long v = Numbers.parseLong(next(what));
            if (v == null) {
                throw in.corrupt("stream listpack " + what + " is not an integer", at);
            }
            return v;
        }

        int count(String what) throws RdbException {
            long v = integer(what);
            if (v < 0 || v > e.size()) {
                throw in.corrupt("stream listpack " + what + " " + v + " is out of range", at);
            }
            return (int) v;
        }
    }

    private void groups(StreamValue s, RdbType type) throws IOException {
        long groups = in.length();
        for (long g = 0; g < groups; g++) {
            long at = in.offset();
            Key name = new Key(in.string());
            StreamId lastId = id();
            long entriesRead = type == RdbType.STREAM_LISTPACKS ? s.estimateEntriesRead(lastId) : in.unsignedLength();
            StreamGroup group = s.createGroup(name, lastId, entriesRead);
            if (group == null) {
                throw in.corrupt("duplicated consumer group name " + name, at);
            }
            long pel = in.length();
            for (long p = 0; p < pel; p++) {
                at = in.offset();
                StreamId id = rawId();
                long deliveryTime = in.int64LE();
                long deliveryCount = in.unsignedLength();
                if (group.pel().putIfAbsent(id, new StreamNack(null, deliveryTime, deliveryCount)) != null) {
                    throw in.corrupt("duplicated global PEL entry " + id, at);
                }
            }
            consumers(group, type);
            for (Map.Entry<StreamId, StreamNack> p : group.pel().entrySet()) {
                if (p.getValue().consumer == null) {
                    throw in.corrupt("pending entry " + p.getKey() + " of group " + name + " has no consumer");
                }
            }
        }
    }

    private void consumers(StreamGroup group, RdbType type) throws IOException {
        long consumers = in.length();
        for (long i = 0; i < consumers; i++) {
            long at = in.offset();
            Key name = new Key(in.string());
            long seen = in.int64LE();
            long active = type == RdbType.STREAM_LISTPACKS_3 ? in.int64LE() : seen;
            StreamConsumer consumer = group.createConsumer(name, seen);
            if (consumer == null) {
                throw in.corrupt("duplicate stream consumer " + name, at);
            }
            consumer.activeTime = active;
            long pel = in.length();
            for (long p = 0; p < pel; p++) {
                at = in.offset();
                StreamId id = rawId();
                StreamNack nack = group.pel().get(id);
                if (nack == null || nack.consumer != null) {
                    throw in.corrupt("consumer entry " + id + " not found in the group PEL or owned twice", at);
                }
                nack.consumer = consumer;
                consumer.pel().put(id, nack);
            }
        }
    }

    private StreamId rawId() throws IOException {
        byte[] raw = new byte[16];
        in.readFully(raw, 0, 16);
        return StreamId.decode(raw, 0);
    }

    /** rdbSaveObject's stream part as Redis 7.0 writes it (type 19); the type byte is written already. */
    static void write(RdbOutput out, StreamValue s) throws IOException {
        int written = 0;
        for (StreamNode n : s.nodes().values()) {
            written += n.live() > 0 ? 1 : 0;
        }
        out.length(written);
        for (StreamNode node : s.nodes().values()) {
            if (node.live() == 0) {
                continue;
            }
            out.string(node.master().encode());
            out.string(node.deleted() == 0 ? node.listpack() : liveOnly(s, node).listpack());
        }
        out.length(s.length());
        id(out, s.lastId);
        id(out, s.firstId);
        id(out, s.maxDeletedId);
        out.length(s.entriesAdded);
        out.length(s.groups().size());
        for (Map.Entry<Key, StreamGroup> g : s.groups().entrySet()) {
            StreamGroup group = g.getValue();
            out.string(g.getKey().bytes());
            id(out, group.lastId);
            out.length(group.entriesRead);
            out.length(group.pel().size());
            for (Map.Entry<StreamId, StreamNack> p : group.pel().entrySet()) {
                byte[] raw = p.getKey().encode();
                out.bytes(raw, 0, raw.length);
                out.int64LE(p.getValue().deliveryTime);
                out.length(p.getValue().deliveryCount);
            }
            out.length(group.consumers().size());
            for (StreamConsumer c : group.consumers().values()) {
                out.string(c.name().bytes());
                out.int64LE(c.seenTime);
                out.length(c.pel().size());
                for (StreamId id : c.pel().keySet()) {
                    byte[] raw = id.encode();
                    out.bytes(raw, 0, raw.length);
                }
            }
        }
    }

    private static void id(RdbOutput out, StreamId id) throws IOException {
        out.length(id.ms());
        out.length(id.seq());
    }

    /** The node without its tombstones, as Redis 7.0's writer would have laid it out. */
    private static StreamNode liveOnly(StreamValue s, StreamNode node) {
        StreamNode compacted = StreamNode.open(node.master(), node.masterFields());
        for (StreamValue.Cursor c = s.cursor(node.master(), node.last(), false); c.next(); ) {
            byte[][] fv = c.fieldsAndValues();
            compacted.append(c.id(), fv, 0, fv.length, false);
        }
        return compacted;
    }
}
