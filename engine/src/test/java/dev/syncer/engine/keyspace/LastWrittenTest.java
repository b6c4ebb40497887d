package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyspace's word for what a command just wrote ({@link Keyspace#lastWritten}): the value it
 * stored or obtained for writing, under that key and database only, and nothing once the key is
 * deleted, the database emptied or swapped, or the next command begins.
 */
class LastWrittenTest {

    private final Keyspace keyspace = new Keyspace(2, Clock.systemUTC());
    private final Database db = keyspace.db(0);
    private final Key key = Key.of("k");

    @Test
    void aStoredValueIsTheOneRememberedUnderItsKeyAndDatabaseOnly() {
        ListValue list = new ListValue();
        db.put(key, list);

        assertThat(keyspace.lastWritten(0, Key.of("k"))).isSameAs(list);
        assertThat(keyspace.lastWritten(0, Key.of("other"))).isNull();
        assertThat(keyspace.lastWritten(1, key)).isNull();
    }

    @Test
    void aValueObtainedForWritingIsRememberedAndACopyOnWriteCopyInsteadOfTheOriginal() {
        SetValue set = new SetValue();
        db.put(key, set);
        keyspace.forgetLastWritten();
        assertThat((RedisValue) db.getForWrite(key)).isSameAs(set);
        assertThat(keyspace.lastWritten(0, key)).isSameAs(set);

        keyspace.forgetLastWritten();
        Snapshot snapshot = keyspace.beginSnapshot(new java.util.ArrayDeque<Runnable>()::add); // segments not frozen yet
        RedisValue copy = db.getForWrite(key);
        assertThat(copy).isNotSameAs(set);
        assertThat(keyspace.lastWritten(0, key)).isSameAs(copy).isSameAs(db.peek(key));
        snapshot.close();
    }

    @Test
    void deletingFlushingSwappingOrTheNextCommandForgetsIt() {
        db.put(key, new ListValue());
        db.remove(key);
        assertThat(keyspace.lastWritten(0, key)).isNull();

        db.put(key, new ListValue());
        db.clear();
        assertThat(keyspace.lastWritten(0, key)).isNull();

        db.put(key, new ListValue());
        keyspace.swapDatabases(0, 1);
        assertThat(keyspace.lastWritten(0, key)).isNull();

        keyspace.db(1).put(key, new ListValue());
        keyspace.forgetLastWritten();
        assertThat(keyspace.lastWritten(1, key)).isNull();
    }

    @Test
    void deletingAnotherKeyKeepsIt() {
        db.put(Key.of("other"), new ListValue());
        ListValue list = new ListValue();
        db.put(key, list);
        db.remove(Key.of("other"));
        assertThat(keyspace.lastWritten(0, key)).isSameAs(list);
    }
}
