package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syncer.engine.testing.DirectShard.START_MILLIS;
import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class DatabaseCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void copyIsIndependentOfItsSourceAndKeepsTheExpiry() {
        s.call("RPUSH", "l", "a", "b");
        s.call("PEXPIREAT", "l", Long.toString(START_MILLIS + 5000));
        s.takePropagated();
        assertThat(s.call("COPY", "l", "c", "DB", "3")).isEqualTo(1L);
        s.call("RPUSH", "l", "c");
        s.call("SELECT", "3");
        assertThat(s.callStrings("LRANGE", "c", "0", "-1")).containsExactly("a", "b");
        assertThat(s.call("PTTL", "c")).isEqualTo(5000L);
        assertThat(s.takePropagatedText()).containsExactly("0:COPY l c DB 3", "0:RPUSH l c");
    }

    @Test
    void copyOntoAnExistingKeyNeedsReplaceAndANoOpIsNotPropagated() {
        s.call("SET", "a", "1");
        s.call("SET", "b", "2");
        s.takePropagated();
        assertThat(s.call("COPY", "a", "b")).isEqualTo(0L);
        assertThat(s.call("COPY", "missing", "b")).isEqualTo(0L);
        assertThat(s.call("COPY", "a", "a")).isEqualTo(error(DatabaseCommands.SAME_OBJECT));
        assertThat(s.takePropagated()).isEmpty();
        assertThat(s.call("COPY", "a", "b", "REPLACE")).isEqualTo(1L);
        assertThat(s.call("GET", "b")).isEqualTo("1");
    }

    @Test
    void moveTakesTheKeyWithItsExpiryAndRefusesAnOccupiedTarget() {
        s.call("SET", "k", "v", "PX", "9000");
        assertThat(s.call("MOVE", "k", "1")).isEqualTo(1L);
        assertThat(s.call("EXISTS", "k")).isEqualTo(0L);
        s.call("SET", "k", "again");
        assertThat(s.call("MOVE", "k", "1")).isEqualTo(0L);
        assertThat(s.call("MOVE", "k", "0")).isEqualTo(error(DatabaseCommands.SAME_OBJECT));
        assertThat(s.call("MOVE", "k", "16")).isEqualTo(error(DatabaseCommands.DB_OUT_OF_RANGE));
        s.call("SELECT", "1");
        assertThat(s.call("GET", "k")).isEqualTo("v");
        assertThat(s.call("PTTL", "k")).isEqualTo(9000L);
    }

    @Test
    void swapdbExchangesContentsUnderTheClientsSelectedIndexAndIsPropagated() {
        s.call("SET", "a", "zero");
        s.call("SELECT", "2");
        s.call("SET", "a", "two");
        s.takePropagated();
        assertThat(s.call("SWAPDB", "0", "2")).isEqualTo("OK");
        assertThat(s.call("GET", "a")).isEqualTo("zero");
        assertThat(s.call("SWAPDB", "1", "1")).isEqualTo("OK");
        assertThat(s.call("SWAPDB", "x", "1")).isEqualTo(error("ERR invalid first DB index"));
        assertThat(s.takePropagatedText()).containsExactly("2:SWAPDB 0 2", "2:SWAPDB 1 1");
        assertThat(s.keyspace().db(0).size()).isEqualTo(1);
    }

    @Test
    void aSnapshotTakenBeforeSwapdbStillSeesEachDatabaseAsItWas() throws InterruptedException {
        s.call("SET", "a", "zero");
        s.call("SELECT", "1");
        s.call("SET", "b", "one");
        java.util.ArrayDeque<Runnable> later = new java.util.ArrayDeque<>();
        Snapshot snapshot = s.keyspace().beginSnapshot(later::add); // segments not yet captured
        s.call("SWAPDB", "0", "1");
        while (!later.isEmpty()) {
            later.poll().run();
        }
        assertThat(keysOf(snapshot, 0)).containsExactly("a");
        assertThat(keysOf(snapshot, 1)).containsExactly("b");
        assertThat(s.keyspace().db(0).exists(Key.of("b"))).isTrue();
        snapshot.close();
    }

    private static List<String> keysOf(Snapshot snapshot, int db) throws InterruptedException {
        List<String> keys = new java.util.ArrayList<>();
        snapshot.visit(db, (key, value, expireAt) -> keys.add(new String(key.bytes())));
        return keys;
    }
}
