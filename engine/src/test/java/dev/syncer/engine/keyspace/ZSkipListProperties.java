package dev.syncer.engine.keyspace;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The skiplist against a sorted tree under random adds, score updates, removals and pops: same
 * order both ways, every rank and element-at-rank right (the spans hold), bounds counted alike, and
 * a copy identical and independent.
 */
class ZSkipListProperties {

    @Property(tries = 60)
    void randomWritesKeepOrderAndSpans(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2_000) int members) {
        Random random = new Random(seed);
        ZSkipList list = new ZSkipList();
        TreeSet<ZSetValue.Entry> model = new TreeSet<>(ZSetValueTest.ORDER);
        java.util.Map<Key, Double> scores = new java.util.HashMap<>();
        int distinctScores = 1 + random.nextInt(50); // ties ordered by the member
        for (int step = 0; step < 3 * members; step++) {
            Key member = Key.of("m" + random.nextInt(members));
            int op = random.nextInt(10);
            if (op < 6) {
                double score = random.nextInt(distinctScores) - distinctScores / 2.0;
                Double old = scores.put(member, score);
                if (old != null) {
                    model.remove(new ZSetValue.Entry(member, old));
                }
                model.add(new ZSetValue.Entry(member, score));
                assertThat(list.put(member, score)).isEqualTo(old == null);
            } else if (op < 9) {
                Double old = scores.remove(member);
                if (old != null) {
                    model.remove(new ZSetValue.Entry(member, old));
                }
                assertThat(list.remove(member)).isEqualTo(old != null);
            } else if (!model.isEmpty()) {
                boolean max = random.nextBoolean();
                ZSkipList.Node n = max ? list.last() : list.first();
                ZSetValue.Entry expected = max ? model.pollLast() : model.pollFirst();
                scores.remove(expected.member());
                assertThat(new ZSetValue.Entry(n.member(), n.score())).isEqualTo(expected);
                list.delete(n);
            }
        }
        assertMatches(list, model, random);
        ZSkipList copy = new ZSkipList(list);
        assertMatches(copy, model, random);
        if (!model.isEmpty()) {
            list.remove(model.first().member());
            assertThat(copy.size()).isEqualTo(model.size());
            assertMatches(copy, model, random);
        }
    }

    private static void assertMatches(ZSkipList list, TreeSet<ZSetValue.Entry> model, Random random) {
        assertThat(list.size()).isEqualTo(model.size());
        List<ZSetValue.Entry> forward = new ArrayList<>();
        for (ZSkipList.Node n = list.first(); n != null; n = n.next()) {
            forward.add(new ZSetValue.Entry(n.member(), n.score()));
        }
        assertThat(forward).containsExactlyElementsOf(model);
        List<ZSetValue.Entry> backward = new ArrayList<>();
        for (ZSkipList.Node n = list.last(); n != null; n = n.previous()) {
            backward.add(new ZSetValue.Entry(n.member(), n.score()));
        }
        assertThat(backward).containsExactlyElementsOf(model.descendingSet());
        int rank = 0;
        for (ZSetValue.Entry e : model) {
            ZSkipList.Node n = list.find(e.member());
            assertThat(list.rank(n)).isEqualTo(rank);
            assertThat(list.at(rank)).isSameAs(n);
            rank++;
        }
        assertThat(list.at(model.size())).isNull();
        for (int i = 0; i < 20; i++) {
            double bound = random.nextInt(60) - 30 + (random.nextBoolean() ? 0.5 : 0);
            boolean inclusive = random.nextBoolean();
            long below = model.stream().filter(e -> e.score() < bound || (inclusive && e.score() == bound)).count();
            assertThat(list.countScoresBelow(bound, inclusive)).isEqualTo(below);
        }
    }
}
