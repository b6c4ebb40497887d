package dev.syncer.engine.keyspace;

import dev.syncer.engine.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-value estimate and the database's running sum of it, through every way a value changes. */
class ObjectSizeTest {

    @Test
    void allocationsRoundUpToJemallocSizeClasses() {
        assertThat(ObjectSize.mallocSize(1)).isEqualTo(8);
        assertThat(ObjectSize.mallocSize(17)).isEqualTo(24);
        assertThat(ObjectSize.mallocSize(128)).isEqualTo(128);
        assertThat(ObjectSize.mallocSize(129)).isEqualTo(160);
        assertThat(ObjectSize.mallocSize(100_010)).isEqualTo(114_688); // SETRANGE k 100000 x's sds
    }

    @Test
    void stringsAreSharedIntegersEmbeddedOrRaw() {
        assertThat(ObjectSize.string(StringValue.of(42))).isZero();
        assertThat(ObjectSize.string(StringValue.of(123_456))).isEqualTo(ObjectSize.ROBJ);
        assertThat(ObjectSize.string(StringValue.of("x".repeat(44)))).isEqualTo(64); // 16 + 3 + 44 + 1
        assertThat(ObjectSize.string(StringValue.of("x".repeat(45)))).isEqualTo(16 + 56); // robj + sds
    }

    @Test
    void packedOrNotTheEstimateIsTheSame() {
        // a long element turns each into its large form for good; removing it leaves the same elements
        Key longOne = Key.of("x".repeat(100));
        HashValue packedHash = new HashValue();
        HashValue tableHash = new HashValue();
        SetValue packedSet = new SetValue();
        SetValue tableSet = new SetValue();
        ZSetValue packedZSet = new ZSetValue();
        ZSetValue tableZSet = new ZSetValue();
        tableHash.put(longOne, new byte[1]);
        tableSet.members().add(longOne);
        tableZSet.put(longOne, -1);
        for (int i = 0; i < 8; i++) {
            Key k = Key.of("element:" + "y".repeat(i * 3));
            for (HashValue h : new HashValue[] {packedHash, tableHash}) {
                h.put(k, new byte[i * 5]);
            }
            packedSet.members().add(k);
            tableSet.members().add(k);
            packedZSet.put(k, i);
            tableZSet.put(k, i);
        }
        tableHash.remove(longOne);
        tableSet.members().remove(longOne);
        tableZSet.remove(longOne);
        assertThat(packedHash.packed()).isNotNull();
        assertThat(tableHash.packed()).isNull();
        assertThat(tableSet.members().packed()).isNull();
        assertThat(tableZSet.packed()).isNull();
        assertThat(ObjectSize.value(packedHash, 100)).isEqualTo(ObjectSize.value(tableHash, 100));
        assertThat(ObjectSize.value(packedSet, 100)).isEqualTo(ObjectSize.value(tableSet, 100));
        assertThat(ObjectSize.value(packedZSet)).isEqualTo(ObjectSize.value(tableZSet));
    }

    @Test
    void aCollectionIsItsSampledAverageTimesItsSize() {
        SetValue small = new SetValue();
        SetValue large = new SetValue();
        for (int i = 0; i < 1000; i++) {
            large.members().add(Key.of("member-" + (1000 + i)));
        }
        for (int i = 0; i < 10; i++) {
            small.members().add(Key.of("member-" + (1000 + i)));
        }
        long perMember = ObjectSize.DICT_ENTRY + ObjectSize.sds(11);
        assertThat(ObjectSize.value(large) - ObjectSize.value(small)).isEqualTo(990 * perMember);
    }

    @Test
    void aStreamsRememberedSampleGivesWhatAFreshEstimateGives() {
        StreamValue st = new StreamValue();
        long id = 0;
        for (int i = 0; i < 2_000; i++) { // 20 nodes of unlike sizes: a stale sample would show
            st.append(new StreamId(++id, 0), new byte[][] {"f".getBytes(), "v".repeat(i % 97).getBytes()});
            assertThat(ObjectSize.value(st)).isEqualTo(ObjectSize.value(st.copy()));
        }
        st.delete(new StreamId(3, 0));
        assertThat(ObjectSize.value(st)).isEqualTo(ObjectSize.value(st.copy()));
        for (int i = 0; i < 150; i++) { // XDEL of a whole node
            st.delete(new StreamId(101 + i, 0));
        }
        assertThat(ObjectSize.value(st)).isEqualTo(ObjectSize.value(st.copy()));
        st.trim(1_500, null, false, 0);
        assertThat(ObjectSize.value(st)).isEqualTo(ObjectSize.value(st.copy()));
        st.trim(0, new StreamId(900, 0), true, 0);
        assertThat(ObjectSize.value(st)).isEqualTo(ObjectSize.value(st.copy()));
        st.append(new StreamId(++id, 0), new byte[][] {"f".getBytes(), "after".getBytes()});
        assertThat(ObjectSize.value(st)).isEqualTo(ObjectSize.value(st.copy()));
        assertThat(ObjectSize.value(st, 1_000)).isEqualTo(ObjectSize.value(st.copy(), 1_000)); // MEMORY USAGE SAMPLES
    }

    @Test
    void theDatabaseSumFollowsStoresInPlaceWritesDeletesAndTtls() {
        Keyspace keyspace = new Keyspace(2, new TestClock(1_700_000_000_000L));
        Database db = keyspace.db(0);
        db.put(Key.of("s"), StringValue.of("x".repeat(1000)));
        long string = db.usedMemory();
        assertThat(string).isEqualTo(ObjectSize.keyAndValue(Key.of("s"), StringValue.of("x".repeat(1000))));

        HashValue hash = new HashValue();
        db.put(Key.of("h"), hash);
        for (int i = 0; i < 100; i++) {
            hash.fields().put(Key.of("f" + i), new byte[100]); // filled after being stored, as HSET does
        }
        keyspace.settleMemory();
        long withHash = db.usedMemory();
        assertThat(withHash - string).isEqualTo(ObjectSize.keyAndValue(Key.of("h"), hash));

        HashValue written = db.getForWrite(Key.of("h"));
        written.fields().clear();
        keyspace.settleMemory();
        assertThat(db.usedMemory() - string).isEqualTo(ObjectSize.keyAndValue(Key.of("h"), new HashValue()));

        db.setExpire(Key.of("s"), Long.MAX_VALUE);
        assertThat(db.usedMemory()).isEqualTo(string + ObjectSize.keyAndValue(Key.of("h"), new HashValue())
                + ObjectSize.DICT_ENTRY);
        db.put(Key.of("s"), StringValue.of("y")); // replaces the value and clears the TTL
        db.remove(Key.of("h"));
        assertThat(db.usedMemory()).isEqualTo(ObjectSize.keyAndValue(Key.of("s"), StringValue.of("y")));

        keyspace.swapDatabases(0, 1);
        assertThat(db.usedMemory()).isZero();
        assertThat(keyspace.usedMemory()).isEqualTo(ObjectSize.keyAndValue(Key.of("s"), StringValue.of("y")));
        keyspace.flushAll();
        assertThat(keyspace.usedMemory()).isZero();
    }

    @Test
    void aStringEditedInPlaceCountsAtItsNewSize() {
        Keyspace keyspace = new Keyspace(1, new TestClock(1_700_000_000_000L));
        Database db = keyspace.db(0);
        for (String text : new String[] {"abcde", "x".repeat(300)}) {
            Key key = Key.of("k".repeat(PackedString.MAX_ENTRY) + text.length()); // too long to pack: editable
            db.put(key, StringValue.owning(text.getBytes(StandardCharsets.US_ASCII)));
            StringValue v = db.getForWrite(key);
            byte[] bytes = db.editableBytes(key, v);
            Arrays.fill(bytes, 0, 4, (byte) '7'); // "7777e", then 7s and x's: an integer only if short
            bytes[4] = (byte) '1';
            keyspace.settleMemory();
            assertThat(db.usedMemory()).as(text).isEqualTo(ObjectSize.keyAndValue(key, new StringValue(bytes.clone())));
            db.remove(key);
            assertThat(db.usedMemory()).isZero();
        }
    }

    @Test
    void aCopyOnWriteCopyTakesItsOriginalsPlaceInTheSum() throws Exception {
        Keyspace keyspace = new Keyspace(1, new TestClock(1_700_000_000_000L));
        Database db = keyspace.db(0);
        ListValue list = new ListValue();
        db.put(Key.of("l"), list);
        db.<ListValue>getForWrite(Key.of("l")).addLast(new byte[500]);
        keyspace.settleMemory();
        long before = db.usedMemory();
        try (Snapshot snapshot = keyspace.beginSnapshot(Runnable::run)) {
            ListValue copy = db.getForWrite(Key.of("l"));
            assertThat(copy).isNotSameAs(list);
            keyspace.settleMemory();
            assertThat(db.usedMemory()).isEqualTo(before);
            db.remove(Key.of("l"));
            assertThat(db.usedMemory()).isZero();
        }
    }
}
