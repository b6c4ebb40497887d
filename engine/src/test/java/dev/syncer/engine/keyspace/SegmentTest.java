package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A segment's keys' array exists only while it holds a value object; packed strings carry their keys. */
class SegmentTest {

    @Test
    void smallStringsNeedNoKeysArrayAndAValueObjectKeepsItsKeyThroughGrowthAndShrinking() {
        Segment segment = new Segment();
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Key key = Key.of("key:" + i);
            keys.add(key);
            segment.put(key, StringValue.of("value:" + i));
        }
        assertThat(segment.holdsKeyObjects()).isFalse();

        Key hash = Key.of("hash");
        segment.put(hash, new HashValue());
        Segment frozen = segment.freeze();
        assertThat(segment.holdsKeyObjects()).isTrue();
        for (int i = 0; i < 2000; i++) { // grows the table with the value object in it
            segment.put(Key.of("more:" + i), StringValue.of("v"));
        }
        assertThat(segment.key(segment.find(hash))).isEqualTo(hash);
        assertThat(segment.value(segment.find(hash))).isInstanceOf(HashValue.class);
        for (Key key : keys) {
            assertThat(segment.key(segment.find(key))).isEqualTo(key);
        }

        segment.remove(segment.find(hash));
        for (int i = 0; i < 2000; i++) { // shrinks the table: the keys' array goes with its last key
            segment.remove(segment.find(Key.of("more:" + i)));
        }
        assertThat(segment.find(hash)).isEqualTo(-1);
        assertThat(segment.holdsKeyObjects()).isFalse();
        assertThat(segment.size()).isEqualTo(200);
        for (int i = 0; i < 200; i++) {
            assertThat(((StringValue) segment.value(segment.find(keys.get(i)))).bytes()).isEqualTo(("value:" + i).getBytes());
        }
        assertThat(frozen.value(frozen.find(hash))).isInstanceOf(HashValue.class); // the frozen copy kept its own
        assertThat(frozen.key(frozen.find(hash))).isEqualTo(hash);
    }

    @Test
    void aSameSizeStringIsWrittenIntoItsEntryOnlyWhenNoSnapshotSharesIt() {
        Segment segment = new Segment();
        Key key = Key.of("counter");
        segment.put(key, StringValue.of("100"));
        byte[] entry = packedAt(segment, key);

        StringValue abc = StringValue.of("abc");
        abc.encoding(Encoding.RAW);
        segment.put(key, abc, true);
        assertThat(packedAt(segment, key)).isSameAs(entry);
        assertThat(valueAt(segment, key)).isEqualTo("abc");
        assertThat(segment.value(segment.find(key)).encoding()).isEqualTo(Encoding.RAW); // the header too

        segment.put(key, StringValue.of("1234"), true); // another size: a new entry
        assertThat(packedAt(segment, key)).isNotSameAs(entry);
        assertThat(valueAt(segment, key)).isEqualTo("1234");

        Segment frozen = segment.freeze(); // a snapshot's copy shares the entry
        segment.put(key, StringValue.of("5678"), false);
        assertThat(valueAt(segment, key)).isEqualTo("5678");
        assertThat(valueAt(frozen, key)).isEqualTo("1234");
    }

    @Test
    void aSnapshotKeepsAStringOverwrittenWithOneOfTheSameSize() throws InterruptedException {
        Keyspace keyspace = new Keyspace(1, java.time.Clock.systemUTC());
        Database db = keyspace.db(0);
        Key key = Key.of("k");
        db.put(key, StringValue.of("old"));
        java.util.ArrayDeque<Runnable> loop = new java.util.ArrayDeque<>();
        Snapshot snapshot = keyspace.beginSnapshot(loop::add);
        db.put(key, StringValue.of("new")); // freezes the segment first, then must not write into the shared entry
        while (!loop.isEmpty()) {
            loop.poll().run();
        }
        List<String> seen = new ArrayList<>();
        snapshot.visit(0, (k, v, at) -> seen.add(new String(((StringValue) v).bytes())));
        snapshot.close();
        assertThat(seen).containsExactly("old");
        assertThat(((StringValue) db.get(key)).bytes()).isEqualTo("new".getBytes());
    }

    private static byte[] packedAt(Segment segment, Key key) {
        return ((StringValue) segment.value(segment.find(key))).packed;
    }

    private static String valueAt(Segment segment, Key key) {
        return new String(((StringValue) segment.value(segment.find(key))).bytes());
    }
}
