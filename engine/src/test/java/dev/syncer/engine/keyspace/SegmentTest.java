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
    void valueObjectsKeysLiveInAnArenaThatAFrozenCopySharesAndRemovalsGiveBack() {
        Segment segment = new Segment();
        for (int i = 0; i < 3000; i++) {
            segment.put(Key.of("hash:" + i), new HashValue());
        }
        Segment frozen = segment.freeze();
        for (int i = 0; i < 3000; i += 2) { // half go, the others get company: the arena is compacted and grows
            segment.remove(segment.find(Key.of("hash:" + i)));
        }
        for (int i = 0; i < 3000; i++) {
            segment.put(Key.of("set:" + i + "x".repeat(i % 200)), new SetValue()); // keys past a one-byte length too
        }
        segment.put(Key.of("hash:1"), StringValue.of("now a packed string")); // its key leaves the arena
        segment.put(Key.of("hash:3"), new HashValue()); // replaced: keeps its key
        for (int i = 0; i < 3000; i++) {
            Key key = Key.of("hash:" + i);
            assertThat(segment.find(key) >= 0).isEqualTo(i % 2 == 1);
            assertThat(frozen.key(frozen.find(key))).isEqualTo(key); // the frozen copy still reads its keys
            Key set = Key.of("set:" + i + "x".repeat(i % 200));
            assertThat(segment.key(segment.find(set))).isEqualTo(set);
        }
        assertThat(segment.value(segment.find(Key.of("hash:1")))).isInstanceOf(StringValue.class);
        for (int i = 0; i < 3000; i++) { // every key that needs the arena goes: so does the arena
            segment.remove(segment.find(Key.of("set:" + i + "x".repeat(i % 200))));
            if (i % 2 == 1 && i != 1) {
                segment.remove(segment.find(Key.of("hash:" + i)));
            }
        }
        assertThat(segment.holdsKeyObjects()).isFalse();
        assertThat(segment.size()).isEqualTo(1);
        segment.put(Key.of("again"), new HashValue());
        assertThat(segment.arenaBytes()).isEqualTo(64); // a new arena's first chunk
    }

    @Test
    void theArenaHoldsNoMoreThanItsLiveKeysOnceATableShrinks() {
        Segment segment = new Segment();
        for (int i = 0; i < 4000; i++) {
            segment.put(Key.of("key:" + i), new SetValue());
        }
        for (int i = 0; i < 3900; i++) {
            segment.remove(segment.find(Key.of("key:" + i)));
        }
        assertThat(segment.arenaBytes()).isLessThanOrEqualTo(2 * 100 * 9); // from 4000 keys' 36 KB
        for (int i = 3900; i < 4000; i++) {
            assertThat(segment.find(Key.of("key:" + i))).isNotNegative();
        }
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

    @Test
    void aFullTableDoublesAndEveryKeyIsFoundAcrossTheWrap() {
        Segment segment = new Segment();
        List<Integer> capacities = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            segment.put(Key.of("key:" + i), i % 3 == 0 ? new HashValue() : StringValue.of("v" + i));
            if (capacities.isEmpty() || capacities.get(capacities.size() - 1) != segment.capacity()) {
                capacities.add(segment.capacity());
            }
        }
        assertThat(capacities).startsWith(8, 16, 32, 64, 128);
        for (int i = 0; i < 1000; i += 2) {
            segment.remove(segment.find(Key.of("key:" + i)));
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(segment.find(Key.of("key:" + i)) >= 0).as("key:%d", i).isEqualTo(i % 2 == 1);
        }
    }

    @Test
    void aReservedTableHoldsItsShareWithoutGrowing() {
        int share = Segment.share(1_000_000, Database.SEGMENTS);
        assertThat(share).isBetween(977 + 90, 977 + 100); // the mean and three standard deviations
        Segment segment = new Segment();
        segment.put(Key.of("there"), new HashValue());
        segment.reserve(share);
        int capacity = segment.capacity();
        assertThat(capacity).isLessThan(2 * share);
        for (int i = 1; i < share; i++) {
            segment.put(Key.of("key:" + i), StringValue.of("v"));
        }
        assertThat(segment.capacity()).isEqualTo(capacity);
        assertThat(segment.key(segment.find(Key.of("there")))).isEqualTo(Key.of("there"));
        segment.reserve(10); // never shrinks
        assertThat(segment.capacity()).isEqualTo(capacity);
    }

    @Test
    void aDatabaseExpandedForManyKeysSizesEachSegmentOnceAndForFewMakesNone() {
        Keyspace keyspace = new Keyspace(1, java.time.Clock.systemUTC());
        Database db = keyspace.db(0);
        db.expand(3);
        assertThat(db.segmentForRead(0)).isNull();
        db.expand(200_000);
        int[] capacities = new int[Database.SEGMENTS];
        for (int s = 0; s < Database.SEGMENTS; s++) {
            capacities[s] = db.segmentForRead(s).capacity();
        }
        for (int i = 0; i < 200_000; i++) {
            db.put(Key.of("key:" + i), StringValue.of("value:" + i));
        }
        for (int s = 0; s < Database.SEGMENTS; s++) {
            assertThat(db.segmentForRead(s).capacity()).as("segment %d", s).isEqualTo(capacities[s]);
        }
        assertThat(db.size()).isEqualTo(200_000);
    }
}
