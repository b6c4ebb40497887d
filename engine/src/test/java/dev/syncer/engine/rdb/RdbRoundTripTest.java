package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.testing.KeyspaceContent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the keyspace holds, writing it and reading it back gives the same keyspace. */
class RdbRoundTripTest {

    /** One key to put: database, key bytes, value, expiry (-1 for none). */
    record Put(int db, byte[] key, RedisValue value, long expireAt) {
    }

    @Property(tries = 60)
    void writingThenReadingGivesTheSameKeyspace(@ForAll("datasets") List<Put> puts) throws Exception {
        Keyspace original = RdbVectorsTest.freshKeyspace();
        for (Put p : puts) {
            original.db(p.db()).put(new Key(p.key()), p.value());
            if (p.expireAt() >= 0) {
                original.db(p.db()).setExpire(new Key(p.key()), p.expireAt());
            }
        }
        byte[] rdb = RdbWriterTest.write(original, java.util.Map.of(), List.of());

        Keyspace loaded = new Keyspace(16, RdbVectorsTest.CLOCK);
        loaded.setReplica(true);
        RdbFile file = new RdbReader(new ByteArrayInputStream(rdb)).read(loaded, false);

        assertThat(KeyspaceContent.of(loaded)).isEqualTo(KeyspaceContent.of(original));
        assertThat(file.keysLoaded()).isEqualTo(original.size());
    }

    @Provide
    Arbitrary<List<Put>> datasets() {
        Arbitrary<Put> put = Combinators.combine(
                Arbitraries.integers().between(0, 15).edgeCases(c -> c.includeOnly(0, 15)),
                element(),
                value(),
                Arbitraries.oneOf(Arbitraries.just(-1L), Arbitraries.longs().between(0, 4102444800000L)))
                .as(Put::new);
        return put.list().ofMaxSize(25);
    }

    /** Binary strings, canonical and non-canonical integers, and long compressible runs. */
    private static Arbitrary<byte[]> element() {
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
        Arbitrary<byte[]> integer = Arbitraries.longs().map(v -> Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> almostInteger = Arbitraries.of("007", "-0", "+5", " 1", "1.5", "", "18446744073709551615")
                .map(s -> s.getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> longRun = Arbitraries.integers().between(21, 20000)
                .map(n -> "ab".repeat(n / 2 + 1).substring(0, n).getBytes(StandardCharsets.US_ASCII));
        return Arbitraries.frequencyOf(weighted(4, binary), weighted(3, integer), weighted(1, almostInteger),
                weighted(1, longRun));
    }

    private static Arbitrary<RedisValue> value() {
        return Arbitraries.oneOf(
                element().map(StringValue::new),
                element().list().ofMinSize(1).ofMaxSize(300).map(RdbRoundTripTest::list),
                element().list().ofMinSize(1).ofMaxSize(600).map(RdbRoundTripTest::set),
                Arbitraries.longs().between(-100000, 100000).list().ofMinSize(1).ofMaxSize(600)
                        .map(l -> set(l.stream().map(v -> Long.toString(v).getBytes(StandardCharsets.US_ASCII)).toList())),
                element().list().ofMinSize(1).ofMaxSize(600).map(RdbRoundTripTest::hash),
                Combinators.combine(element(), score()).as((m, s) -> new ZSetValue.Entry(new Key(m), s))
                        .list().ofMinSize(1).ofMaxSize(200).map(RdbRoundTripTest::zset));
    }

    private static Arbitrary<Double> score() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.integers().map(Integer::doubleValue),
                Arbitraries.of(0.1, 1e100, -1e-300, Double.MAX_VALUE, Double.MIN_VALUE, -0.0,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 4611686018427387904.0, 9.007199254740993E15));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends byte[]>> weighted(int weight, Arbitrary<byte[]> a) {
        return net.jqwik.api.Tuple.of(weight, a);
    }

    private static ListValue list(List<byte[]> items) {
        ListValue l = new ListValue();
        items.forEach(l::addLast);
        return l;
    }

    private static SetValue set(List<byte[]> items) {
        SetValue s = new SetValue();
        items.forEach(i -> s.members().add(new Key(i)));
        return s;
    }

    private static HashValue hash(List<byte[]> items) {
        HashValue h = new HashValue();
        for (int i = 0; i < items.size(); i++) {
            h.fields().put(new Key(items.get(i)), items.get(items.size() - 1 - i));
        }
        return h;
    }

    private static ZSetValue zset(List<ZSetValue.Entry> entries) {
        ZSetValue z = new ZSetValue();
        entries.forEach(e -> z.put(e.member(), e.score()));
        return z;
    }
}
