package dev.syncer.engine.rdb;

import dev.syncer.engine.testing.StreamEntries;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.StreamConsumer;
import dev.syncer.engine.keyspace.StreamGroup;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streams in RDB: redis-server 7.0.15's file loads with its groups and PEL, and what we write reads back the same. */
class StreamRdbTest {

    private static final StreamId T0 = new StreamId(1700000000000L, 0);

    private static StreamId t(long seq) {
        return new StreamId(T0.ms(), seq);
    }

    private static byte[][] fv(String... parts) {
        byte[][] out = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    @Test
    void redisStreamVectorLoadsItsMetadataGroupAndPendingEntries() throws IOException {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        RdbVectorsTest.load(Vectors.rdb("stream"), ks, true);
        StreamValue s = (StreamValue) ks.db(0).peek(Key.of("mystream"));

        assertThat(StreamEntries.of(s).keySet()).containsExactly(t(0), t(1), t(3), t(4));
        assertThat(s.lastId).isEqualTo(t(4));
        assertThat(s.maxDeletedId).isEqualTo(t(2));
        assertThat(s.firstId).isEqualTo(t(0));
        assertThat(s.entriesAdded).isEqualTo(5);
        StreamGroup g = s.group(Key.of("grp"));
        assertThat(g.lastId).isEqualTo(t(1));
        assertThat(g.entriesRead).isEqualTo(StreamGroup.UNKNOWN_ENTRIES_READ);
        assertThat(g.pel().keySet()).containsExactly(t(0), t(1));
        StreamConsumer alice = g.consumer(Key.of("alice"));
        assertThat(alice.pel().keySet()).containsExactly(t(0), t(1));
        assertThat(g.pel().get(t(0)).consumer).isSameAs(alice);
    }

    @Test
    void writtenStreamReadsBackWithEveryPartEqual() throws Exception {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        RdbVectorsTest.load(Vectors.rdb("stream"), ks, true);
        StreamValue s = (StreamValue) ks.db(0).peek(Key.of("mystream"));
        for (int i = 5; i < 450; i++) {
            s.append(t(i), i % 3 == 0 ? fv("other", "x" + i) : fv("field", "value" + i, "n", Integer.toString(i)));
        }
        s.delete(t(7));
        StreamGroup g = s.createGroup(Key.of("g2"), t(300), 17);
        g.createConsumer(Key.of("bob"), 1234);

        Keyspace back = RdbVectorsTest.freshKeyspace();
        RdbVectorsTest.load(RdbWriterTest.write(ks, Map.of(), List.of()), back, true);
        StreamValue r = (StreamValue) back.db(0).peek(Key.of("mystream"));

        assertThat(StreamEntries.of(r).keySet()).isEqualTo(StreamEntries.of(s).keySet());
        for (StreamId id : StreamEntries.of(s).keySet()) {
            assertThat(StreamEntries.of(r).get(id)).isDeepEqualTo(StreamEntries.of(s).get(id));
        }
        assertThat(List.of(r.lastId, r.firstId, r.maxDeletedId, r.entriesAdded))
                .isEqualTo(List.of(s.lastId, s.firstId, s.maxDeletedId, s.entriesAdded));
        assertThat(r.groups().keySet()).isEqualTo(s.groups().keySet());
        assertThat(r.group(Key.of("grp")).pel().keySet()).containsExactly(t(0), t(1));
        assertThat(r.group(Key.of("g2")).entriesRead).isEqualTo(17);
        assertThat(r.group(Key.of("g2")).consumer(Key.of("bob")).seenTime).isEqualTo(1234);
        assertThat(r.nodes().size()).isEqualTo(s.nodes().size());
    }

    @Test
    void emptyStreamSurvivesTheRoundTrip() throws Exception {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        StreamValue s = new StreamValue();
        s.append(t(1), fv("a", "1"));
        s.delete(t(1));
        s.maxDeletedId = t(1);
        ks.db(0).put(Key.of("empty"), s);

        Keyspace back = RdbVectorsTest.freshKeyspace();
        RdbVectorsTest.load(RdbWriterTest.write(ks, Map.of(), List.of()), back, true);
        StreamValue r = (StreamValue) back.db(0).peek(Key.of("empty"));

        assertThat(r.length()).isZero();
        assertThat(r.lastId).isEqualTo(t(1));
        assertThat(r.entriesAdded).isEqualTo(1);
    }

    /** A one-node stream "s" of type 19 whose listpack says {@code count} live entries and holds one (1-1 a=1). */
    private static byte[] oneEntryStream(long count, long lpCount) {
        byte[] lp = new Listpack.Builder().addInt(count).addInt(0).addInt(1).add(fv("a")[0]).addInt(0)
                .addInt(2).addInt(0).addInt(0).add(fv("1")[0]).addInt(lpCount).finish();
        return RdbBytes.header(10).selectDb(0).raw(19).string("s").raw(1).blob(new StreamId(1, 1).encode()).blob(lp)
                .raw(1, 1, 1, 1, 1, 0, 0, 1, 0).end();
    }

    @Test
    void aWellFormedHandBuiltStreamLoads() throws IOException {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        RdbVectorsTest.load(oneEntryStream(1, 4), ks, true);
        assertThat(StreamEntries.of((StreamValue) ks.db(0).peek(Key.of("s"))).keySet()).containsExactly(new StreamId(1, 1));
    }

    @Test
    void aListpackWhoseEntryCountLiesIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> RdbVectorsTest.load(oneEntryStream(5, 4), RdbVectorsTest.freshKeyspace(), true))
                .isInstanceOf(RdbException.class)
                .hasMessageContaining("stream node says 5 entries")
                .hasMessageContaining("key 's'");
    }

    @Test
    void anEntryWhoseLpCountLiesIsRefused() {
        assertThatThrownBy(() -> RdbVectorsTest.load(oneEntryStream(1, 9), RdbVectorsTest.freshKeyspace(), true))
                .isInstanceOf(RdbException.class)
                .hasMessageContaining("lp-count 9");
    }

    private static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** A stream "s" holding 1-1 a=1 with group "g" whose consumer "c" has 1-1 pending, in the given type. */
    private static byte[] withGroup(int version, int type) {
        byte[] lp = new Listpack.Builder().addInt(1).addInt(0).addInt(1).add(fv("a")[0]).addInt(0)
                .addInt(2).addInt(0).addInt(0).add(fv("1")[0]).addInt(4).finish();
        byte[] id = new StreamId(1, 1).encode();
        RdbBytes b = RdbBytes.header(version).selectDb(0).raw(type).string("s").raw(1).blob(id).blob(lp)
                .raw(1, 1, 1); // length 1, last ID 1-1
        if (type != 15) {
            b.raw(1, 1, 0, 0, 1); // first ID 1-1, max deleted 0-0, entries added 1
        }
        b.raw(1).string("g").raw(1, 1); // one group, last delivered 1-1
        if (type != 15) {
            b.raw(1); // entries read
        }
        b.raw(1).raw(id).raw(le64(1700000000000L)).raw(3); // PEL: 1-1 delivered at ..., 3 times
        b.raw(1).string("c").raw(le64(1700000000500L));
        if (type == 21) {
            b.raw(le64(1700000000400L)); // active time
        }
        return b.raw(1).raw(id).end();
    }

    @Test
    void everyStreamEncodingRedisWritesLoadsItsGroupsAndPendingEntries() throws IOException {
        for (int[] versionAndType : new int[][] {{9, 15}, {10, 19}, {11, 21}}) {
            Keyspace ks = RdbVectorsTest.freshKeyspace();
            RdbVectorsTest.load(withGroup(versionAndType[0], versionAndType[1]), ks, true);
            StreamValue s = (StreamValue) ks.db(0).peek(Key.of("s"));
            StreamGroup g = s.group(Key.of("g"));
            assertThat(s.entriesAdded).as("type %d", versionAndType[1]).isEqualTo(1);
            assertThat(g.entriesRead).as("type %d", versionAndType[1]).isEqualTo(1);
            assertThat(g.pel().get(new StreamId(1, 1)).deliveryCount).isEqualTo(3);
            StreamConsumer c = g.consumer(Key.of("c"));
            assertThat(c.seenTime).isEqualTo(1700000000500L);
            assertThat(c.activeTime).isEqualTo(versionAndType[1] == 21 ? 1700000000400L : 1700000000500L);
            assertThat(g.pel().get(new StreamId(1, 1)).consumer).isSameAs(c);
        }
    }

    @Test
    void aConsumerClaimingAnEntryOutsideTheGroupPelIsRefused() {
        byte[] rdb = withGroup(10, 19);
        // the consumer's PEL is the last 16 bytes before EOF and checksum: point it at 1-2
        rdb[rdb.length - 10] = 2;
        java.util.Arrays.fill(rdb, rdb.length - 8, rdb.length, (byte) 0);
        assertThatThrownBy(() -> RdbVectorsTest.load(rdb, RdbVectorsTest.freshKeyspace(), true))
                .isInstanceOf(RdbException.class)
                .hasMessageContaining("not found in the group PEL");
    }
}
