package dev.syncer.engine.keyspace;

import java.util.HashMap;

/**
 * One slice of a database's keys, chosen by key hash. Segments are the unit a point-in-time
 * snapshot copies: small enough that copying one never stalls the event loop.
 */
final class Segment {

    final HashMap<Key, RedisValue> values;
    final HashMap<Key, Long> expires;

    Segment() {
        this(new HashMap<>(), new HashMap<>());
    }

    private Segment(HashMap<Key, RedisValue> values, HashMap<Key, Long> expires) {
        this.values = values;
        this.expires = expires;
    }

    /** A frozen copy of the maps; values are shared and protected by copy-on-write. */
    Segment freeze() {
        return new Segment(new HashMap<>(values), expires.isEmpty() ? new HashMap<>() : new HashMap<>(expires));
    }
}
