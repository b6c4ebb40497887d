package dev.syncer.engine.testing;

import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamValue;

import java.util.LinkedHashMap;

/** A stream's live entries in order, by ID (fields and values copied out), for assertions. */
public final class StreamEntries {

    private StreamEntries() {
    }

    public static LinkedHashMap<StreamId, byte[][]> of(StreamValue s) {
        LinkedHashMap<StreamId, byte[][]> out = new LinkedHashMap<>();
        for (StreamValue.Cursor c = s.cursor(StreamId.MIN, StreamId.MAX, false); c.next(); ) {
            out.put(c.id(), c.fieldsAndValues());
        }
        return out;
    }
}
