package dev.syncer.engine.keyspace;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A stream (Redis's stream struct): entries by ID in order, each a flat array field, value,
 * field, value...; the last generated ID, the first entry ID as recorded, the largest deleted ID,
 * the count of entries ever added, the consumer groups by name, and the node layout Redis's radix
 * tree would have ({@link StreamNode}), which approximate trimming and the RDB writer follow.
 */
public final class StreamValue extends RedisValue {

    private final TreeMap<StreamId, byte[][]> entries = new TreeMap<>();
    private final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
    private final TreeMap<Key, StreamGroup> groups = new TreeMap<>();
    public StreamId lastId = StreamId.MIN;
    public StreamId firstId = StreamId.MIN;
    public StreamId maxDeletedId = StreamId.MIN;
    public long entriesAdded;

    /** The live entries: read freely; change them only through this class. */
    public NavigableMap<StreamId, byte[][]> entries() {
        return entries;
    }

    public TreeMap<Key, StreamGroup> groups() {
        return groups;
    }

    /** The nodes in order, for the RDB writer. */
    public NavigableMap<StreamId, StreamNode> nodes() {
        return nodes;
    }

    public int length() {
        return entries.size();
    }

    /** streamAppendItem's bookkeeping for an entry whose ID is already checked to exceed lastId. */
    public void append(StreamId id, byte[][] fieldsAndValues) {
        append(id, fieldsAndValues, StreamNode.MAX_BYTES, StreamNode.MAX_ENTRIES);
    }

    /** {@link #append(StreamId, byte[][])} under the given stream-node-max-bytes and -entries. */
    public void append(StreamId id, byte[][] fieldsAndValues, long maxBytes, long maxEntries) {
        long bytes = 0;
        for (byte[] b : fieldsAndValues) {
            bytes += b.length;
        }
        Map.Entry<StreamId, StreamNode> tail = nodes.lastEntry();
        StreamNode node = tail == null || tail.getValue().full(bytes, maxBytes, maxEntries) ? null : tail.getValue();
        if (node == null) {
            node = StreamNode.open(id, fieldsAndValues);
            nodes.put(id, node);
        }
        node.append(id, fieldsAndValues);
        entries.put(id, fieldsAndValues);
        entriesAdded++;
        lastId = id;
        if (entries.size() == 1) {
            firstId = id;
        }
    }

    /** Adds an entry read from an RDB into the node most recently {@link #addLoadedNode added}. */
    public void putLoaded(StreamId id, byte[][] fieldsAndValues) {
        entries.put(id, fieldsAndValues);
    }

    public void addLoadedNode(StreamNode node) {
        nodes.put(node.master(), node);
    }

    /** streamDeleteItem: removes a live entry; a node whose last live entry goes is dropped. */
    public boolean delete(StreamId id) {
        if (entries.remove(id) == null) {
            return false;
        }
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        if (e != null) {
            StreamNode node = e.getValue();
            if (node.live == 1) {
                nodes.remove(e.getKey());
            } else {
                node.live--;
                node.deleted++;
            }
        }
        return true;
    }

    /** streamGetEdgeID(first, skip tombstones) after deletions: the new recorded first ID. */
    public void refreshFirstId() {
        firstId = entries.isEmpty() ? StreamId.MIN : entries.firstKey();
    }

    /**
     * streamTrim: deletes the oldest entries until at most {@code maxLen} remain ({@code minId} null)
     * or none below {@code minId} remains. Approximate trimming removes whole nodes only; a positive
     * limit caps the entries removed (whole nodes too). Returns the number removed.
     */
    public long trim(long maxLen, StreamId minId, boolean approx, long limit) {
        long deleted = 0;
        Iterator<StreamNode> it = nodes.values().iterator();
        while (it.hasNext()) {
            if (minId == null && entries.size() <= maxLen) {
                break;
            }
            StreamNode node = it.next();
            if (limit > 0 && deleted + node.live > limit) {
                break;
            }
            boolean removeNode = minId == null ? entries.size() - node.live >= maxLen : node.last.compareTo(minId) < 0;
            StreamId end = nodes.higherKey(node.master);
            NavigableMap<StreamId, byte[][]> inNode = end == null ? entries.tailMap(node.master, true)
                    : entries.subMap(node.master, true, end, false);
            if (removeNode) {
                deleted += node.live;
                inNode.clear();
                it.remove();
                continue;
            }
            if (approx) {
                break;
            }
            Iterator<StreamId> ids = inNode.keySet().iterator();
            while (ids.hasNext()) {
                StreamId id = ids.next();
                if (minId == null ? entries.size() <= maxLen : id.compareTo(minId) >= 0) {
                    break;
                }
                ids.remove();
                node.live--;
                node.deleted++;
                deleted++;
            }
            break;
        }
        if (entries.isEmpty()) {
            firstId = StreamId.MIN;
        } else if (deleted > 0) {
            firstId = entries.firstKey();
        }
        return deleted;
    }

    /**
     * streamEstimateDistanceFromFirstEverEntry: how many entries were added up to and including
     * {@code id}, or {@link StreamGroup#UNKNOWN_ENTRIES_READ} when deletions make it unknowable.
     */
    public long estimateEntriesRead(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (entries.isEmpty() && id.compareTo(lastId) < 1) {
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
                return entriesAdded - entries.size();
            } else if (cmpFirst == 0) {
                return entriesAdded - entries.size() + 1;
            }
        }
        return StreamGroup.UNKNOWN_ENTRIES_READ;
    }

    /** streamRangeHasTombstones: whether a deleted entry may lie between start and end (null: open). */
    public boolean rangeHasTombstones(StreamId start, StreamId end) {
        if (entries.isEmpty() || maxDeletedId.isZero() || firstId.compareTo(maxDeletedId) > 0) {
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
        c.entries.putAll(entries);
        nodes.forEach((id, n) -> c.nodes.put(id, n.copy()));
        groups.forEach((name, g) -> c.groups.put(name, g.copy()));
        c.lastId = lastId;
        c.firstId = firstId;
        c.maxDeletedId = maxDeletedId;
        c.entriesAdded = entriesAdded;
        return withMetaOf(c);
    }
}
