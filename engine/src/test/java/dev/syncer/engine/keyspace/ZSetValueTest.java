package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A sorted set answers alike packed or as a map and a tree, and a copy shares nothing it may change. */
class ZSetValueTest {

    @Test
    void randomWritesMatchAMapAndATreeThroughTheConversion() {
        for (int range : new int[] {40, 400}) { // stays packed; outgrows it
            Random random = new Random(range);
            ZSetValue zset = new ZSetValue();
            Map<Key, Double> scores = new HashMap<>();
            TreeSet<ZSetValue.Entry> sorted = new TreeSet<>(ZSetValue.ORDER);
            for (int step = 0; step < 4_000; step++) {
                Key member = Key.of("m" + random.nextInt(range));
                if (random.nextInt(3) > 0) {
                    // few distinct scores, so ties fall back to the member's bytes; -0.0 and 0.0 differ
                    double score = new double[] {-0.0, 0.0, 1.5, -3, Double.NEGATIVE_INFINITY}[random.nextInt(5)];
                    Double old = scores.put(member, score);
                    if (old != null) {
                        sorted.remove(new ZSetValue.Entry(member, old));
                    }
                    sorted.add(new ZSetValue.Entry(member, score));
                    assertThat(zset.put(member, score)).isEqualTo(old == null);
                } else {
                    Double old = scores.remove(member);
                    if (old != null) {
                        sorted.remove(new ZSetValue.Entry(member, old));
                    }
                    assertThat(zset.remove(member)).isEqualTo(old != null);
                }
                if (step % 97 == 0) {
                    assertSame(zset, scores, sorted);
                }
            }
            assertSame(zset, scores, sorted);
            assertThat(zset.packed() != null).isEqualTo(range < PackedZSet.PACKED_MAX_MEMBERS);
        }
    }

    @Test
    void aLongMemberUnpacksAndLengthsAreChecked() {
        ZSetValue zset = new ZSetValue();
        zset.put(Key.of("ab"), 1);
        assertThat(zset.anyLongerThan(1)).isTrue();
        assertThat(zset.anyLongerThan(2)).isFalse();
        Key longMember = Key.of("x".repeat(PackedZSet.PACKED_MAX_LENGTH + 1));
        assertThat(zset.put(longMember, 0)).isTrue();
        assertThat(zset.packed()).isNull();
        assertThat(zset.entries()).containsExactly(new ZSetValue.Entry(longMember, 0), new ZSetValue.Entry(Key.of("ab"), 1));
        assertThat(zset.anyLongerThan(PackedZSet.PACKED_MAX_LENGTH)).isTrue();
    }

    @Test
    void aCopyIsIndependentInBothForms() {
        for (int count : new int[] {3, 300}) {
            ZSetValue zset = new ZSetValue();
            for (int i = 0; i < count; i++) {
                zset.put(Key.of("m" + i), i);
            }
            ZSetValue copy = (ZSetValue) zset.copy();
            zset.put(Key.of("m0"), 99);
            zset.remove(Key.of("m1"));
            zset.put(Key.of("new"), -1);
            assertThat(copy.size()).isEqualTo(count);
            assertThat(copy.score(Key.of("m0"))).isEqualTo(0.0);
            assertThat(copy.rank(Key.of("m1"))).isEqualTo(1);
            assertThat(copy.score(Key.of("new"))).isNull();
        }
    }

    @Test
    void pollFirstTakesTheLowestOrHighestInBothForms() {
        for (int count : new int[] {5, 300}) { // packed; a map and a tree
            ZSetValue zset = new ZSetValue();
            for (int i = 0; i < count; i++) {
                zset.put(Key.of("m" + i), i % 2 == 0 ? i : -i);
            }
            assertThat(zset.packed() != null).isEqualTo(count < PackedZSet.PACKED_MAX_MEMBERS);
            TreeSet<ZSetValue.Entry> expected = new TreeSet<>(zset.entries());
            assertThat(zset.pollFirst(false)).isEqualTo(expected.pollFirst());
            assertThat(zset.pollFirst(true)).isEqualTo(expected.pollLast());
            assertSame(zset, new HashMap<>(expected.stream().collect(java.util.stream.Collectors.toMap(
                    ZSetValue.Entry::member, ZSetValue.Entry::score))), expected);
            while (zset.size() > 0) {
                assertThat(zset.pollFirst(false)).isEqualTo(expected.pollFirst());
            }
            assertThat(zset.pollFirst(true)).isNull();
        }
    }

    private static void assertSame(ZSetValue zset, Map<Key, Double> scores, TreeSet<ZSetValue.Entry> sorted) {
        assertThat(zset.size()).isEqualTo(scores.size());
        assertThat(zset.entries()).containsExactlyElementsOf(sorted);
        assertThat(zset.entries().descendingSet()).containsExactlyElementsOf(sorted.descendingSet());
        assertThat(zset.scores()).isEqualTo(scores);
        List<ZSetValue.Entry> order = new ArrayList<>(sorted);
        for (int i = 0; i < order.size(); i++) {
            assertThat(zset.rank(order.get(i).member())).isEqualTo(i);
            assertThat(zset.score(order.get(i).member())).isEqualTo(order.get(i).score());
        }
        assertThat(zset.rank(Key.of("absent"))).isEqualTo(-1);
    }
}
