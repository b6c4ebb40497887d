package dev.syncer.engine.keyspace;

import java.util.TreeMap;

/**
 * A consumer of a group (streamConsumer): its name, when it was last seen (any interaction) and
 * last active (a successful read or claim, RDB type 21 only), and its own pending entries, which
 * share their {@link StreamNack} with the group's PEL.
 */
public final class StreamConsumer {

    private final Key name;
    public long seenTime;
    public long activeTime;
    private final TreeMap<StreamId, StreamNack> pel = new TreeMap<>();

    public StreamConsumer(Key name, long seenTime, long activeTime) {
        this.name = name;
        this.seenTime = seenTime;
        this.activeTime = activeTime;
    }

    public Key name() {
        return name;
    }

    public TreeMap<StreamId, StreamNack> pel() {
        return pel;
    }
}
