package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.StringValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** key-load-delay: Redis's knob to slow a load down, a sleep after each key (debugDelay). */
class RdbReaderKeyLoadDelayTest {

    private static byte[] threeKeys() throws Exception {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        for (String k : List.of("a", "b", "c")) {
            ks.db(0).put(Key.of(k), StringValue.of("v"));
        }
        return RdbWriterTest.write(ks, Map.of(), List.of());
    }

    @Test
    void aPositiveDelaySleepsThatManyMicrosecondsAfterEachKey() throws Exception {
        byte[] rdb = threeKeys();
        Keyspace into = RdbVectorsTest.freshKeyspace();
        long start = System.nanoTime();

        RdbFile file = new RdbReader(new ByteArrayInputStream(rdb)).keyLoadDelayMicros(40_000).read(into, true);

        assertThat(file.keysLoaded()).isEqualTo(3);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(3 * 40_000_000L);
    }

    @Test
    void aNegativeDelaySleepsOneMicrosecondEveryNKeysAndLoadsEverything() throws Exception {
        Keyspace into = RdbVectorsTest.freshKeyspace();

        RdbFile file = new RdbReader(new ByteArrayInputStream(threeKeys())).keyLoadDelayMicros(-2).read(into, true);

        assertThat(file.keysLoaded()).isEqualTo(3);
        assertThat(into.db(0).size()).isEqualTo(3);
    }
}
