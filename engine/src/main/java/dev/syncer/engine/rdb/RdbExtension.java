package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;

import java.util.List;

/**
 * What a component adds to an RDB beyond Redis's content: it sees every key as it is written, and
 * appends binary aux fields after the data, before EOF. Redis's loader reads AUX opcodes anywhere
 * and ignores names it does not know, so a real redis-server loads such a file unchanged (it just
 * drops the extra). The reader keeps aux fields whose name starts with {@value #PREFIX} as bytes in
 * {@link RdbFile#extensions()} (Active-Active key states, tombstones, backlog).
 */
public interface RdbExtension {

    /** Aux fields with this prefix are extension fields: binary, kept by the reader as bytes. */
    String PREFIX = "aa-";

    /** One binary aux field. */
    record Aux(String name, byte[] value) {
    }

    /** A key being written (the writer's thread: a snapshot's value, or the live one during SAVE). */
    void key(int db, Key key, RedisValue value);

    /** The fields to write after the data, in order (called once, after the last key). */
    List<Aux> trailer();

    static boolean isExtension(String auxName) {
        return auxName.startsWith(PREFIX);
    }
}
