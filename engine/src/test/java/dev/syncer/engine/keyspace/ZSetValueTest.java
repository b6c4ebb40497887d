package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A sorted set answers alike packed or as a skiplist, and a copy shares nothing it may change. */
class ZSetValueTest {

    /** Redis's order: score by {@code <} (-0 and 0 are one score), then the member's bytes. */
    static final Comparator<ZSetValue.Entry> ORDER = (a, b) -> a.score() < b.score() ? -1
            : a.score() > b.score() ? 1 : a.member().compareTo(b.member());

    @Test
    void randomWritesMatchAMapAndATreeThroughTheConversion() {
        for (int range : new int[] {40, 400}) { // stays packed; outgrows it
            Random random = new Random(range);
            ZSetValue zset = new ZSetValue();
            Map<Key, Double> scores = new HashMap<>();
            TreeSet<ZSetValue.Entry> sorted = new TreeSet<>(ORDER);
            for (int step = 0; step < 4_000; step++) {
                Key member = Key.of("m" + random.nextInt(range));
                if (random.nextInt(3) > 0) {
                    // few distinct scores, so ties fall back to the member's bytes; -0.0 replaces 0.0
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
        assertThat(zset.snapshot()).containsExactly(new ZSetValue.Entry(longMember, 0), new ZSetValue.Entry(Key.of("ab"), 1));
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
            TreeSet<ZSetValue.Entry> expected = new TreeSet<>(ORDER);
            expected.addAll(zset.snapshot());
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

    @Test
    void sumFirstMembersReadsTheLowestMembersInBothForms() {
        for (int count : new int[] {3, 300}) { // packed; a skiplist
            ZSetValue zset = new ZSetValue();
            for (int i = 0; i < count; i++) {
                zset.put(Key.of("m".repeat(1 + i % 7) + i), count - i); // lengths vary; the last put scores lowest
            }
            long expected = zset.snapshot().stream().limit(5).mapToLong(e -> 100L * e.member().length() + 1).sum();
            assertThat(zset.sumFirstMembers(5, len -> 100L * len + 1)).isEqualTo(expected);
            assertThat(zset.sumFirstMembers(0, len -> 1)).isZero();
            assertThat(zset.sumFirstMembers(count + 1, len -> 1)).isEqualTo(count);
        }
    }

    @Test
    void scoreAndLexBoundsBecomeRanksInBothForms() {
        for (int count : new int[] {20, 500}) {
            ZSetValue byScore = new ZSetValue();
            ZSetValue byMember = new ZSetValue();
            for (int i = 0; i < count; i++) {
                byScore.put(Key.of("m" + i), i / 3); // three members a score
                byMember.put(Key.of(String.format("m%04d", i)), 0);
            }
            assertThat(byScore.countScoresBelow(2, false)).isEqualTo(6);
            assertThat(byScore.countScoresBelow(2, true)).isEqualTo(9);
            assertThat(byScore.countScoresBelow(Double.NEGATIVE_INFINITY, true)).isZero();
            assertThat(byScore.countScoresBelow(Double.POSITIVE_INFINITY, false)).isEqualTo(count);
            assertThat(byMember.countMembersBelow(Key.of("m0005"), false)).isEqualTo(5);
            assertThat(byMember.countMembersBelow(Key.of("m0005"), true)).isEqualTo(6);
            assertThat(byMember.countMembersBelow(Key.of("m00055"), true)).isEqualTo(6);
            assertThat(byMember.countMembersBelow(Key.of("z"), false)).isEqualTo(count);
            assertThat(byMember.at(7)).isEqualTo(new ZSetValue.Entry(Key.of("m0007"), 0));
            assertThat(byMember.at(count)).isNull();
            assertThat(byMember.at(-1)).isNull();
        }
    }

    private static void assertSame(ZSetValue zset, Map<Key, Double> scores, TreeSet<ZSetValue.Entry> sorted) {
        assertThat(zset.size()).isEqualTo(scores.size());
        List<ZSetValue.Entry> order = new ArrayList<>(sorted);
        assertThat(zset.snapshot()).containsExactlyElementsOf(order);
        assertThat(zset.from(0, false)).toIterable().containsExactlyElementsOf(order);
        assertThat(zset.from(zset.size() - 1, true)).toIterable().containsExactlyElementsOf(sorted.descendingSet());
        for (int i = 0; i < order.size(); i++) {
            ZSetValue.Entry e = order.get(i);
            assertThat(zset.rank(e.member())).isEqualTo(i);
            assertThat(zset.at(i)).isEqualTo(e);
            assertThat(zset.score(e.member())).isEqualTo(scores.get(e.member()));
            assertThat(zset.countScoresBelow(e.score(), false)).isEqualTo(sorted.headSet(new ZSetValue.Entry(Key.of(""), e.score())).size());
        }
        assertThat(zset.rank(Key.of("absent"))).isEqualTo(-1);
    }
}
