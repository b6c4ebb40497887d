package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HSET over a field with a value of the same length edits the hash's own bytes in place (packed
 * or a table), and nothing that saw the hash before can see the edit: a snapshot (BGSAVE, full
 * sync), COPY's duplicate, SORT ... STORE's list, a reply inside MULTI.
 */
class HashInPlaceWritesTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    /** A hash of fields f0.. with values "old-N" (three digits), packed or (300 fields: past 128) a table. */
    private void fill(String encoding) {
        int fields = encoding.equals("table") ? 300 : 10;
        for (int i = 0; i < fields; i++) {
            s.call("HSET", "h", "f" + i, "old-%03d".formatted(i));
        }
    }

    private HashValue hash() {
        return (HashValue) s.keyspace().db(0).peek(Key.of("h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"packed", "table"})
    void aSnapshotTakenBeforeTheOverwriteKeepsTheValueOfItsInstant(String encoding) throws InterruptedException {
        fill(encoding);
        ArrayDeque<Runnable> loop = new ArrayDeque<>();
        Snapshot snapshot = s.keyspace().beginSnapshot(loop::add); // segments captured as written
        s.call("HSET", "h", "f3", "new-003");
        s.call("HSET", "h", "f4", "new-004"); // the copy made by the first write, edited in place
        while (!loop.isEmpty()) {
            loop.poll().run();
        }
        Map<String, byte[]> seen = new HashMap<>();
        snapshot.visit(0, (key, value, expireAt) -> {
            HashValue h = (HashValue) value;
            seen.put("f3", h.get(Key.of("f3")).clone());
            seen.put("f4", h.get(Key.of("f4")).clone());
        });
        snapshot.close();
        assertThat(new String(seen.get("f3"), StandardCharsets.UTF_8)).isEqualTo("old-003");
        assertThat(new String(seen.get("f4"), StandardCharsets.UTF_8)).isEqualTo("old-004");
        assertThat(s.call("HMGET", "h", "f3", "f4")).isEqualTo(List.of("new-003", "new-004"));
    }

    @Test
    void withoutASnapshotAnOverwriteOfTheSameLengthEditsTheValueWhereItIs() {
        fill("table");
        HashValue first = hash();
        byte[] bytes = first.get(Key.of("f7"));
        s.call("HSET", "h", "f7", "new-007");
        assertThat(hash()).isSameAs(first);
        assertThat(first.get(Key.of("f7"))).isSameAs(bytes);
        assertThat(s.call("HGET", "h", "f7")).isEqualTo("new-007");
        s.call("HSET", "h", "f7", "longer-value"); // another length: a new value of its own
        assertThat(s.call("HGET", "h", "f7")).isEqualTo("longer-value");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("new-007");
    }

    @ParameterizedTest
    @ValueSource(strings = {"packed", "table"})
    void copysDuplicateDoesNotSeeItsSourceEditedLater(String encoding) {
        fill(encoding);
        s.call("COPY", "h", "dst");
        s.call("HSET", "h", "f1", "src-001");
        assertThat(s.call("HGET", "dst", "f1")).isEqualTo("old-001");
        s.call("HSET", "dst", "f2", "dst-002");
        assertThat(s.call("HGET", "h", "f2")).isEqualTo("old-002");
    }

    @ParameterizedTest
    @ValueSource(strings = {"packed", "table"})
    void sortStoresCopiesOfTheHashValuesItGets(String encoding) {
        fill(encoding);
        s.call("RPUSH", "ids", "h");
        s.call("SORT", "ids", "BY", "nosort", "GET", "*->f1", "STORE", "out");
        s.call("HSET", "h", "f1", "new-001");
        assertThat(s.callStrings("LRANGE", "out", "0", "0")).containsExactly("old-001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"packed", "table"})
    void aReplyInsideMultiShowsTheValueAsItWasRead(String encoding) {
        fill(encoding);
        s.call("MULTI");
        s.call("HGET", "h", "f5");
        s.call("HSET", "h", "f5", "new-005");
        s.call("HGETALL", "h");
        List<?> replies = (List<?>) s.call("EXEC");
        assertThat(replies.get(0)).isEqualTo("old-005");
        assertThat(replies.get(1)).isEqualTo(0L);
        assertThat(replies.get(2).toString()).contains("f5, new-005");
    }
}
