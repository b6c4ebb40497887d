package dev.syncer.engine.keyspace;

import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer group (streamCG): the last ID delivered to it, how many entries it has read
 * (-1 when unknown, SCG_INVALID_ENTRIES_READ), its pending entries list and its consumers.
 */
public final class StreamGroup {

    public static final long UNKNOWN_ENTRIES_READ = -1;

    public StreamId lastId;
    public long entriesRead;
    private final TreeMap<StreamId, StreamNack> pel = new TreeMap<>();
    private final TreeMap<Key, StreamConsumer> consumers = new TreeMap<>();

    public StreamGroup(StreamId lastId, long entriesRead) {
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    public TreeMap<StreamId, StreamNack> pel() {
        return pel;
    }

    public TreeMap<Key, StreamConsumer> consumers() {
        return consumers;
    }

    /** streamLookupConsumer. */
    public StreamConsumer consumer(Key name) {
        return consumers.get(name);
    }

    /** streamCreateConsumer: a new consumer, or null if one has this name. */
    public StreamConsumer createConsumer(Key name, long now) {
        if (consumers.containsKey(name)) {
            return null;
        }
        StreamConsumer c = new StreamConsumer(name, now, -1);
        consumers.put(name, c);
        return c;
    }

    /** The consumer with this name, created if missing. */
    public StreamConsumer consumerOrCreate(Key name, long now) {
        StreamConsumer c = consumers.get(name);
        return c != null ? c : createConsumer(name, now);
    }

    /** streamDelConsumer: drops the consumer and its pending entries from the group; their count. */
    public int deleteConsumer(Key name) {
        StreamConsumer c = consumers.remove(name);
        if (c == null) {
            return 0;
        }
        for (StreamId id : c.pel().keySet()) {
            pel.remove(id);
        }
        return c.pel().size();
    }

    /** Gives a pending entry to another consumer (XCLAIM's ownership change). */
    public void assign(StreamId id, StreamNack nack, StreamConsumer to) {
        if (nack.consumer != to) {
            nack.consumer.pel().remove(id);
            nack.consumer = to;
            to.pel().put(id, nack);
        }
    }

    /** Removes a pending entry from the group and its consumer; whether it was pending. */
    public boolean acknowledge(StreamId id) {
        StreamNack nack = pel.remove(id);
        if (nack == null) {
            return false;
        }
        nack.consumer.pel().remove(id);
        return true;
    }

    StreamGroup copy() {
        StreamGroup g = new StreamGroup(lastId, entriesRead);
        for (Map.Entry<Key, StreamConsumer> e : consumers.entrySet()) {
            StreamConsumer from = e.getValue();
            StreamConsumer to = new StreamConsumer(from.name(), from.seenTime, from.activeTime);
            g.consumers.put(e.getKey(), to);
            for (Map.Entry<StreamId, StreamNack> p : from.pel().entrySet()) {
                StreamNack n = new StreamNack(to, p.getValue().deliveryTime, p.getValue().deliveryCount);
                to.pel().put(p.getKey(), n);
                g.pel.put(p.getKey(), n);
            }
        }
        return g;
    }
}
