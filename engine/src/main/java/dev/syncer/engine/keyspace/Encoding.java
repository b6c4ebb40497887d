package dev.syncer.engine.keyspace;

import java.util.Locale;

/** The internal representations redis-server 7.0 holds values in, as OBJECT ENCODING names them. */
public enum Encoding {
    INT, EMBSTR, RAW, QUICKLIST, LISTPACK, INTSET, HASHTABLE, SKIPLIST, STREAM;

    /** The name OBJECT ENCODING replies with. */
    public String redisName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
