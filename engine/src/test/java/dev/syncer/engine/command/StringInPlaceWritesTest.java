package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SETBIT, SETRANGE, BITFIELD, PFADD and PFCOUNT (its cached cardinality) edit a string value's own bytes in place
 * (Database#editableBytes), and nothing that saw the value before can see the edit: a snapshot
 * (BGSAVE, full sync), COPY's duplicate, SORT ... STORE's list, a reply inside MULTI. Values here
 * are longer than a packed entry, so the keyspace holds them as objects, the case that is edited.
 */
class StringInPlaceWritesTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    /** The command's first write makes the value its own; the second may edit it in place. */
    private static final Map<String, String[][]> WRITES = Map.of(
            "setbit", new String[][] {{"SETBIT", "k", "20000", "1"}, {"SETBIT", "k", "7", "1"}},
            "setrange", new String[][] {{"SETRANGE", "k", "2000", "x"}, {"SETRANGE", "k", "0", "abc"}},
            "bitfield", new String[][] {{"BITFIELD", "k", "SET", "u8", "#2000", "1"}, {"BITFIELD", "k", "SET", "u8", "#3", "200"}},
            "append", new String[][] {{"SETRANGE", "k", "2000", "x"}, {"APPEND", "k", "tail"}},
            "pfadd", new String[][] {{"PFADD", "k"}, {"PFADD", "k", "another"}},
            "pfcount", new String[][] {{"PFADD", "k", "another"}, {"PFCOUNT", "k"}});

    private void fill(String family) {
        if (family.startsWith("pf")) {
            String[] many = new String[2002];
            many[0] = "PFADD";
            many[1] = "k";
            for (int i = 2; i < many.length; i++) {
                many[i] = "e" + i;
            }
            s.call(many); // dense by now: a 12 KB string
        }
        s.call(WRITES.get(family)[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"setbit", "setrange", "bitfield", "append", "pfadd", "pfcount"})
    void aSnapshotTakenBeforeTheWriteKeepsTheBytesOfItsInstant(String family) throws InterruptedException {
        fill(family);
        byte[] before = ((StringValue) s.keyspace().db(0).peek(Key.of("k"))).bytes().clone();
        ArrayDeque<Runnable> loop = new ArrayDeque<>();
        Snapshot snapshot = s.keyspace().beginSnapshot(loop::add); // segments captured as written
        s.call(WRITES.get(family)[1]);
        while (!loop.isEmpty()) {
            loop.poll().run();
        }
        Map<String, byte[]> seen = new HashMap<>();
        snapshot.visit(0, (key, value, expireAt) -> seen.put(key.toString(), ((StringValue) value).bytes().clone()));
        snapshot.close();
        assertThat(seen.get("k")).isEqualTo(before);
        assertThat(((StringValue) s.keyspace().db(0).peek(Key.of("k"))).bytes()).isNotEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"setbit", "setrange", "bitfield", "pfadd", "pfcount"})
    void withoutASnapshotTheSecondWriteEditsTheValueWhereItIs(String family) {
        fill(family);
        RedisValue first = s.keyspace().db(0).peek(Key.of("k"));
        s.call(WRITES.get(family)[1]);
        assertThat(s.keyspace().db(0).peek(Key.of("k"))).isSameAs(first);
    }

    @Test
    void aWriteUnderASnapshotCopiesOnceThenTheCopyIsEditedInPlace() {
        s.call("SETBIT", "k", "20000", "1");
        RedisValue shared = s.keyspace().db(0).peek(Key.of("k"));
        Snapshot snapshot = s.keyspace().beginSnapshot(Runnable::run);
        s.call("SETBIT", "k", "1", "1");
        RedisValue copy = s.keyspace().db(0).peek(Key.of("k"));
        assertThat(copy).isNotSameAs(shared);
        s.call("SETBIT", "k", "2", "1");
        assertThat(s.keyspace().db(0).peek(Key.of("k"))).isSameAs(copy);
        snapshot.close();
        assertThat(s.call("BITCOUNT", "k")).isEqualTo(3L);
    }

    @Test
    void copysDuplicateDoesNotSeeItsSourceEditedLater() {
        s.call("SETRANGE", "src", "2000", "x");
        s.call("COPY", "src", "dst");
        s.call("SETRANGE", "src", "0", "changed");
        assertThat(s.call("GETRANGE", "dst", "0", "6")).isEqualTo("\0\0\0\0\0\0\0");
        s.call("SETRANGE", "dst", "0", "mine");
        assertThat(s.call("GETRANGE", "src", "0", "6")).isEqualTo("changed");
    }

    @Test
    void sortStoresCopiesOfTheStringsItGets() {
        s.call("RPUSH", "ids", "1");
        s.call("SETRANGE", "w_1", "2000", "x");
        s.call("SORT", "ids", "BY", "nosort", "GET", "w_*", "STORE", "out");
        s.call("SETRANGE", "w_1", "0", "changed");
        assertThat(s.callStrings("LRANGE", "out", "0", "0").get(0)).startsWith("\0\0\0\0\0\0\0");
    }

    @Test
    void aReplyInsideMultiShowsTheValueAsItWasRead() {
        s.call("SETRANGE", "k", "2000", "x");
        s.call("MULTI");
        s.call("GETRANGE", "k", "0", "2");
        s.call("SETRANGE", "k", "0", "abc");
        s.call("GETRANGE", "k", "0", "2");
        assertThat(s.call("EXEC")).isEqualTo(java.util.List.of("\0\0\0", 2001L, "abc"));
    }
}
