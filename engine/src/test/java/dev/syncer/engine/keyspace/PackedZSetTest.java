package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A packed sorted set keeps every score exactly, an integer one in as few bytes as it needs. */
class PackedZSetTest {

    @Test
    void everyScoreComesBackBitForBit() {
        double[] edges = {0.0, -0.0, 1, -1, 127, 128, -128, -129, 32767, 32768, (1L << 55) - 1, -(1L << 55),
                1L << 55, -(1L << 55) - 2, Long.MAX_VALUE, Long.MIN_VALUE, 0x1p63, 1.5, -2.25, Double.MIN_VALUE,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300};
        for (double score : edges) {
            assertRoundTrip(score);
        }
        Random random = new Random(13);
        for (int i = 0; i < 10_000; i++) {
            assertRoundTrip(random.nextLong() >> random.nextInt(64));
            assertRoundTrip(Double.longBitsToDouble(random.nextLong()) % 1e18);
        }
    }

    @Test
    void anIntegerScoreTakesItsShortestBytesAndAnyOtherEight() {
        assertThat(PackedZSet.scoreBytes(0)).hasSize(1);
        assertThat(PackedZSet.scoreBytes(-128)).hasSize(1);
        assertThat(PackedZSet.scoreBytes(128)).hasSize(2);
        assertThat(PackedZSet.scoreBytes(1_700_000_000_000.0)).hasSize(6); // a Unix time in ms
        assertThat(PackedZSet.scoreBytes((1L << 53) + 2)).hasSize(7);
        assertThat(PackedZSet.scoreBytes((1L << 55) - 1)).hasSize(8); // not a double: rounds to 2^55
        assertThat(PackedZSet.scoreBytes(1L << 55)).hasSize(8);
        assertThat(PackedZSet.scoreBytes(-0.0)).hasSize(8); // its sign is kept
        assertThat(PackedZSet.scoreBytes(0.5)).hasSize(8);
    }

    @Test
    void aPackedSetOrdersMixedEncodingsByValue() {
        ZSetValue zset = new ZSetValue();
        double[] scores = {300, -0.5, 2, 1e20, -1, 0.0, 2.5, -70000};
        for (int i = 0; i < scores.length; i++) {
            zset.put(Key.of("m" + i), scores[i]);
        }
        assertThat(zset.packed()).isNotNull();
        assertThat(zset.snapshot()).extracting(ZSetValue.Entry::score)
                .containsExactly(-70000.0, -1.0, -0.5, 0.0, 2.0, 2.5, 300.0, 1e20);
        assertThat(zset.score(Key.of("m1"))).isEqualTo(-0.5);
    }

    private static void assertRoundTrip(double score) {
        if (Double.isNaN(score)) {
            return; // never stored: ZADD refuses NaN
        }
        byte[] bytes = PackedZSet.scoreBytes(score);
        double back = PackedZSet.score(bytes, 0, bytes.length);
        assertThat(Double.doubleToRawLongBits(back)).as("%s", score).isEqualTo(Double.doubleToRawLongBits(score));
    }
}
