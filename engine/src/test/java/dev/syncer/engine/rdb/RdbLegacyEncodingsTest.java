package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.testing.KeyspaceContent;
import dev.syncer.engine.testing.KeyspaceContent.Entry;
import dev.syncer.engine.testing.KeyspaceContent.Scored;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The encodings of Redis 2.6 to 6.2 and 7.2 that 7.0 no longer writes, in files built to their layouts. */
class RdbLegacyEncodingsTest {

    private static final String LONG = "L".repeat(300);

    @Test
    void everyPreSevenEncodingLoads() throws Exception {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        RdbFile file = RdbVectorsTest.load(LegacyRdb.file(), ks, true);

        Map<String, Entry> got = KeyspaceContent.of(ks).get(0);
        assertThat(file.version()).isEqualTo(9);
        assertThat(got).containsEntry("list:plain", new Entry("list", -1, List.of("a", "1", "bb")))
                .containsEntry("zset:text", new Entry("zset", -1, List.of(new Scored("m3", Double.NEGATIVE_INFINITY),
                        new Scored("m1", 1.5), new Scored("m4", 3), new Scored("m2", Double.POSITIVE_INFINITY))))
                .containsEntry("hash:zipmap", new Entry("hash", -1, new TreeMap<>(Map.of("f1", "v1", "f2", "12345", "long", LONG))))
                .containsEntry("list:ziplist", new Entry("list", -1,
                        List.of("x", "-5", "12", "300", "70000", "5000000000", LONG, "after-long", "007")))
                .containsEntry("zset:ziplist", new Entry("zset", -1, List.of(new Scored("m3", Double.NEGATIVE_INFINITY),
                        new Scored("m1", 1.5), new Scored("m2", 7))))
                .containsEntry("hash:ziplist", new Entry("hash", -1, new TreeMap<>(Map.of("a", "1", "b", LONG))))
                .containsEntry("list:quicklist", new Entry("list", -1, List.of("q1", "2", "q3")))
                .containsEntry("set:plain", new Entry("set", 2_000_000_000_000L, new TreeSet<>(List.of("s1", "12345"))))
                .containsEntry("hash:plain", new Entry("hash", -1, new TreeMap<>(Map.of("f", "v"))))
                .containsEntry("zset:binary", new Entry("zset", -1, List.of(new Scored("m", 1.5))))
                .hasSize(10);
    }

    @Test
    void sevenTwoSetListpacksLoad() throws Exception {
        byte[] lp = new Listpack.Builder().add(LegacyRdb.ascii("a")).add(LegacyRdb.ascii("42")).finish();
        byte[] rdb = RdbBytes.header(11).selectDb(0).raw(20).string("set:lp").blob(lp).end();
        Keyspace ks = RdbVectorsTest.freshKeyspace();

        RdbVectorsTest.load(rdb, ks, true);

        assertThat(KeyspaceContent.of(ks).get(0).get("set:lp")).isEqualTo(new Entry("set", -1, new TreeSet<>(List.of("a", "42"))));
    }

    @Test
    void emptyQuicklistNodesAreSkippedAndEmptyCollectionsDropped() throws Exception {
        RdbBytes b = RdbBytes.header(9).selectDb(0).raw(14).string("ql").raw(2);
        LegacyRdb.string(b, LegacyRdb.ziplist(List.of()));
        LegacyRdb.string(b, LegacyRdb.ziplist(List.of(LegacyRdb.ascii("only"))));
        b.raw(2).string("empty-set").raw(0);
        Keyspace ks = RdbVectorsTest.freshKeyspace();

        RdbFile file = RdbVectorsTest.load(b.end(), ks, true);

        assertThat(KeyspaceContent.of(ks).get(0)).containsOnlyKeys("ql");
        assertThat(file.keysLoaded()).isEqualTo(1);
    }

    @Test
    void aSevenZeroReleaseCandidateFunctionBecomesAGaLibrary() throws Exception {
        byte[] rdb = RdbBytes.header(10).raw(0xF6).string("mylib").string("LUA").raw(1).string("a description")
                .string("redis.register_function('f', function() return 1 end)").end();

        RdbFile file = RdbVectorsTest.load(rdb, RdbVectorsTest.freshKeyspace(), true);

        assertThat(new String(file.functions().get(0), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("#!lua name=mylib\nredis.register_function('f', function() return 1 end)");
    }
}
