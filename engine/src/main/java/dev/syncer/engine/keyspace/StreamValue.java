package dev.syncer.engine.keyspace;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A stream (Redis's stream struct): its entries in {@link StreamNode}s keyed by master ID (Redis's
 * radix tree of listpacks; nodes are few, a hundred entries each by default), the last generated
 * ID, the first entry ID as recorded, the largest deleted ID, the count of entries ever added and
 * the consumer groups by name. Entries are read through a {@link Cursor}.
 */
public final class StreamValue extends RedisValue {

    private final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
    private final TreeMap<Key, StreamGroup> groups = new TreeMap<>();
    private long length;
    /** The last node, kept at hand for appends (TreeMap.lastEntry allocates); null when unknown. */
    private StreamNode tail;
    /**
     * ObjectSize's sample of the first nodes' bytes, or -1: kept only while the tail is not one of
     * them, so appends (which touch the tail alone) leave it exact and an XADD costs O(1) to account.
     */
    private long headSample = -1;
    public StreamId lastId = StreamId.MIN;
    public StreamId firstId = StreamId.MIN;
    public StreamId maxDeletedId = StreamId.MIN;
    public long entriesAdded;

    public TreeMap<Key, StreamGroup> groups() {
        return groups;
    }

    /** The nodes in order by master ID: read them, change them only through this class. */
    public NavigableMap<StreamId, StreamNode> nodes() {
        return nodes;
    }

    public long length() {
        return length;
    }

    /** streamAppendItem's bookkeeping for an entry whose ID is already checked to exceed lastId. */
    public void append(StreamId id, byte[][] fieldsAndValues) {
        append(id, fieldsAndValues, 0, fieldsAndValues.length, StreamNode.MAX_BYTES, StreamNode.MAX_ENTRIES);
    }

    /**
     * Appends the entry whose fields and values are argv[from..from+n), under the given
     * stream-node-max-bytes and -entries; the bytes are copied into the tail node.
     */
    public void append(StreamId id, byte[][] argv, int from, int n, long maxBytes, long maxEntries) {
        long bytes = 0;
        for (int i = from; i < from + n; i++) {
            bytes += argv[i].length;
        }
        StreamNode node = tail();
        if (node == null || node.full(bytes, maxBytes, maxEntries)) {
            long room = 0;
            if (node != null) {
                node.compact();
                room = node.bytes() + node.bytes() / 8; // the next node likely fills as this one did
            }
            node = StreamNode.open(id, argv, from, n, room);
            nodes.put(id, node);
            tail = node;
        }
        node.append(id, argv, from, n, false);
        entriesAdded++;
        lastId = id;
        if (++length == 1) {
            firstId = id;
        }
    }

    /** {@link ObjectSize}'s sample of the first nodes, or -1 if unknown since the last change other than an append. */
    long headSample() {
        return headSample;
    }

    void headSample(long bytes) {
        headSample = bytes;
    }

    /** The last node (the stream must have one). */
    StreamNode lastNode() {
        return tail();
    }

    private StreamNode tail() {
        if (tail == null && !nodes.isEmpty()) {
            tail = nodes.lastEntry().getValue();
        }
        return tail;
    }

    /** Adds a node read from an RDB (already checked: its master above every entry before it). */
    public void addLoadedNode(StreamNode node) {
        headSample = -1;
        node.compact();
        nodes.put(node.master(), node);
        tail = null;
        length += node.live();
    }

    /** streamDeleteItem: removes a live entry; a node whose last live entry goes is dropped. */
    public boolean delete(StreamId id) {
        headSample = -1;
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        if (e == null) {
            return false;
        }
        StreamNode node = e.getValue();
        int at = find(node, id);
        if (at < 0) {
            return false;
        }
        if (node.live == 1) {
            nodes.remove(e.getKey());
            tail = null;
        } else {
            node.markDeleted(at);
            node.counts(node.live - 1, node.deleted + 1);
        }
        length--;
        return true;
    }

    /** The offset of the live entry with this ID in the node, or -1. */
    private static int find(StreamNode node, StreamId id) {
        for (int at = node.first(); at < node.end(); at = node.next(at)) {
            int c = compare(node.ms(at), node.seq(at), id);
            if (c > 0) {
                return -1;
            }
            if (c == 0) {
                return node.isDeleted(at) ? -1 : at;
            }
        }
        return -1;
    }

    private static int compare(long ms, long seq, StreamId id) {
        int c = Long.compareUnsigned(ms, id.ms());
        return c != 0 ? c : Long.compareUnsigned(seq, id.seq());
    }

    /** The live entry's fields and values (field, value...), or null. */
    public byte[][] get(StreamId id) {
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        if (e == null) {
            return null;
        }
        int at = find(e.getValue(), id);
        return at < 0 ? null : e.getValue().fieldsAndValues(at);
    }

    public boolean contains(StreamId id) {
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        return e != null && find(e.getValue(), id) >= 0;
    }

    /** The first live entry's ID, or null when the stream holds none. */
    public StreamId firstEntryId() {
        Cursor c = cursor(StreamId.MIN, StreamId.MAX, false);
        return c.next() ? c.id() : null;
    }

    /** The last live entry's ID, or null when the stream holds none. */
    public StreamId lastEntryId() {
        Cursor c = cursor(StreamId.MIN, StreamId.MAX, true);
        return c.next() ? c.id() : null;
    }

    /** The live entries with IDs in [start, end], ascending or ({@code reverse}) descending. */
    public Cursor cursor(StreamId start, StreamId end, boolean reverse) {
        return new Cursor(this, start, end, reverse);
    }

    /** How many live entries lie in [start, end], counting at most {@code limit} (0: no limit). */
    public long count(StreamId start, StreamId end, long limit) {
        if (start.compareTo(end) > 0) {
            return 0;
        }
        if (start.equals(StreamId.MIN) && end.equals(StreamId.MAX)) {
            return limit == 0 ? length : Math.min(limit, length);
        }
        Cursor c = cursor(start, end, false);
        long n = 0;
        while ((limit == 0 || n < limit) && c.next()) {
            n++;
        }
        return n;
    }

    /** streamGetEdgeID(first, skip tombstones) after deletions: the new recorded first ID. */
    public void refreshFirstId() {
        StreamId first = firstEntryId();
        firstId = first == null ? StreamId.MIN : first;
    }

    /**
     * streamTrim: deletes the oldest entries until at most {@code maxLen} remain ({@code minId} null)
     * or none below {@code minId} remains. Approximate trimming removes whole nodes only; a positive
     * limit caps the entries removed (whole nodes too). Returns the number removed.
     */
    public long trim(long maxLen, StreamId minId, boolean approx, long limit) {
        headSample = -1;
        long removed = 0;
        Iterator<StreamNode> it = nodes.values().iterator();
        while (it.hasNext()) {
            if (minId == null && length <= maxLen) {
                break;
            }
            StreamNode node = it.next();
            if (limit > 0 && removed + node.live > limit) {
                break;
            }
            boolean removeNode = minId == null ? length - node.live >= maxLen : node.last.compareTo(minId) < 0;
            if (removeNode) {
                removed += node.live;
                length -= node.live;
                it.remove();
                tail = null;
                continue;
            }
            if (approx) {
                break;
            }
            int live = node.live;
            int deleted = node.deleted;
            for (int at = node.first(); at < node.end(); at = node.next(at)) {
                if (minId == null ? length <= maxLen : compare(node.ms(at), node.seq(at), minId) >= 0) {
                    break;
                }
                if (node.isDeleted(at)) {
                    continue;
                }
                node.markDeleted(at);
                live--;
                deleted++;
                length--;
                removed++;
            }
            node.counts(live, deleted);
            break;
        }
        if (length == 0) {
            firstId = StreamId.MIN;
        } else if (removed > 0) {
            refreshFirstId();
        }
        return removed;
    }

    /**
     * streamEstimateDistanceFromFirstEverEntry: how many entries were added up to and including
     * {@code id}, or {@link StreamGroup#UNKNOWN_ENTRIES_READ} when deletions make it unknowable.
     */
    public long estimateEntriesRead(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && id.compareTo(lastId) < 1) {
            return entriesAdded;
        }
        int cmpLast = id.compareTo(lastId);
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return StreamGroup.UNKNOWN_ENTRIES_READ;
        }
        int cmpFirst = id.compareTo(firstId);
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(firstId) < 0) {
            if (cmpFirst < 0) {
                return entriesAdded - length;
            } else if (cmpFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return StreamGroup.UNKNOWN_ENTRIES_READ;
    }

    /** streamRangeHasTombstones: whether a deleted entry may lie between start and end (null: open). */
    public boolean rangeHasTombstones(StreamId start, StreamId end) {
        if (length == 0 || maxDeletedId.isZero() || firstId.compareTo(maxDeletedId) > 0) {
            return false;
        }
        StreamId from = start == null ? StreamId.MIN : start;
        StreamId to = end == null ? StreamId.MAX : end;
        return from.compareTo(maxDeletedId) <= 0 && maxDeletedId.compareTo(to) <= 0;
    }

    /** streamCreateCG: the new group, or null if the name is taken. */
    public StreamGroup createGroup(Key name, StreamId lastDelivered, long entriesRead) {
        if (groups.containsKey(name)) {
            return null;
        }
        StreamGroup g = new StreamGroup(lastDelivered, entriesRead);
        groups.put(name, g);
        return g;
    }

    public StreamGroup group(Key name) {
        return groups.get(name);
    }

    @Override
    public ValueType type() {
        return ValueType.STREAM;
    }

    @Override
    protected RedisValue copy() {
        StreamValue c = new StreamValue();
        nodes.forEach((id, n) -> c.nodes.put(id, n.copy()));
        groups.forEach((name, g) -> c.groups.put(name, g.copy()));
        c.length = length;
        c.lastId = lastId;
        c.firstId = firstId;
        c.maxDeletedId = maxDeletedId;
        c.entriesAdded = entriesAdded;
        return withMetaOf(c);
    }

    /**
     * streamIterator: walks the live entries of [start, end] node by node, forwards or backwards,
     * skipping tombstones. {@link #next()} moves to the next entry; {@link #id()} and
     * {@link #fieldsAndValues()} read it. The stream must not change while a cursor walks it.
     */
    public static final class Cursor {
        private final StreamId start;
        private final StreamId end;
        private final boolean reverse;
        private final Iterator<StreamNode> nodes;
        private StreamNode node;
        private int pos;
        private int at;
        private StreamId id;
        private boolean done;

        Cursor(StreamValue s, StreamId start, StreamId end, boolean reverse) {
            this.start = start;
            this.end = end;
            this.reverse = reverse;
            if (start.compareTo(end) > 0) {
                nodes = java.util.Collections.emptyIterator();
            } else if (reverse) {
                nodes = s.nodes.headMap(end, true).descendingMap().values().iterator();
            } else {
                StreamId from = s.nodes.floorKey(start);
                nodes = s.nodes.tailMap(from == null ? start : from, true).values().iterator();
            }
        }

        public boolean next() {
            while (!done) {
                if (node == null) {
                    if (!nodes.hasNext()) {
                        return false;
                    }
                    node = nodes.next();
                    pos = reverse ? node.end() : node.first();
                }
                if (reverse ? pos <= node.first() : pos >= node.end()) {
                    node = null;
                    continue;
                }
                int entry;
                if (reverse) {
                    entry = node.previous(pos);
                    pos = entry;
                } else {
                    entry = pos;
                    pos = node.next(entry);
                }
                if (node.isDeleted(entry)) {
                    continue;
                }
                long ms = node.ms(entry);
                long seq = node.seq(entry);
                if (reverse ? compare(ms, seq, end) > 0 : compare(ms, seq, start) < 0) {
                    continue;
                }
                if (reverse ? compare(ms, seq, start) < 0 : compare(ms, seq, end) > 0) {
                    done = true;
                    return false;
                }
                at = entry;
                id = new StreamId(ms, seq);
                return true;
            }
            return false;
        }

        public StreamId id() {
            return id;
        }

        public byte[][] fieldsAndValues() {
            return node.fieldsAndValues(at);
        }
    }
}
