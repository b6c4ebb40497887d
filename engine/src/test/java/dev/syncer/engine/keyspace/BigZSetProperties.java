package dev.syncer.engine.keyspace;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The big sorted set (dict and order tree) against a sorted tree under random adds, score
 * updates, removals and pops, enough of them for leaves and inner nodes to split, merge and even
 * out: same order both ways, every score, rank and entry-at-rank right, score and lex bounds
 * counted alike, and a copy identical and independent.
 */
class BigZSetProperties {

    @Property(tries = 40)
    void randomWritesKeepOrderAndRanks(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20_000) int members) {
        Random random = new Random(seed);
        BigZSet set = new BigZSet();
        TreeSet<ZSetValue.Entry> model = new TreeSet<>(ZSetValueTest.ORDER);
        Map<Key, Double> scores = new HashMap<>();
        int distinctScores = 1 + random.nextInt(random.nextBoolean() ? 50 : 1_000_000); // ties ordered by the member
        int growUntil = random.nextInt(3 * members); // adds weigh more until then, removals after: the tree grows and shrinks
        for (int step = 0; step < 3 * members; step++) {
            Key member = Key.of("m" + random.nextInt(members));
            int op = random.nextInt(10);
            int adds = step < growUntil ? 7 : 3;
            if (op < adds) {
                double score = random.nextInt(distinctScores) - distinctScores / 2.0;
                Double old = scores.put(member, score);
                if (old != null) {
                    model.remove(new ZSetValue.Entry(member, old));
                }
                model.add(new ZSetValue.Entry(member, score));
                assertThat(set.put(member, score)).isEqualTo(old == null);
            } else if (op < 9) {
                Double old = scores.remove(member);
                if (old != null) {
                    model.remove(new ZSetValue.Entry(member, old));
                }
                assertThat(set.remove(member)).isEqualTo(old != null);
            } else if (!model.isEmpty()) {
                boolean max = random.nextBoolean();
                ZOrderTree.Cursor c = max ? set.order.last() : set.order.first();
                ZSetValue.Entry expected = max ? model.pollLast() : model.pollFirst();
                scores.remove(expected.member());
                assertThat(new ZSetValue.Entry(c.member(), c.score())).isEqualTo(expected);
                assertThat(set.remove(c.member())).isTrue();
            }
        }
        assertMatches(set, model, random);
        BigZSet copy = new BigZSet(set);
        assertMatches(copy, model, random);
        if (!model.isEmpty()) {
            set.remove(model.first().member());
            set.put(model.last().member(), model.first().score() - 1);
            assertThat(copy.size()).isEqualTo(model.size());
            assertMatches(copy, model, random);
        }
    }

    private static void assertMatches(BigZSet set, TreeSet<ZSetValue.Entry> model, Random random) {
        assertThat(set.size()).isEqualTo(model.size());
        assertThat(set.order.size()).isEqualTo(model.size());
        List<ZSetValue.Entry> forward = new ArrayList<>();
        for (ZOrderTree.Cursor c = set.order.first(); c.valid(); c.next()) {
            forward.add(new ZSetValue.Entry(c.member(), c.score()));
        }
        assertThat(forward).containsExactlyElementsOf(model);
        List<ZSetValue.Entry> backward = new ArrayList<>();
        for (ZOrderTree.Cursor c = set.order.last(); c.valid(); c.previous()) {
            backward.add(new ZSetValue.Entry(c.member(), c.score()));
        }
        assertThat(backward).containsExactlyElementsOf(model.descendingSet());
        int rank = 0;
        for (ZSetValue.Entry e : model) {
            assertThat(set.score(e.member())).isEqualTo(e.score());
            assertThat(set.rank(e.member())).isEqualTo(rank);
            ZOrderTree.Cursor c = set.order.at(rank);
            assertThat(new ZSetValue.Entry(c.member(), c.score())).isEqualTo(e);
            rank++;
        }
        assertThat(set.order.at(model.size()).valid()).isFalse();
        assertThat(set.score(Key.of("absent"))).isNaN();
        assertThat(set.rank(Key.of("absent"))).isEqualTo(-1);
        for (int i = 0; i < 20; i++) {
            double bound = model.isEmpty() ? 0 : randomEntry(model, random).score() + (random.nextBoolean() ? 0 : 0.5);
            boolean inclusive = random.nextBoolean();
            long below = model.stream().filter(e -> e.score() < bound || (inclusive && e.score() == bound)).count();
            assertThat(set.order.countWhile((s, m) -> s < bound || (inclusive && s == bound))).isEqualTo(below);
            if (!model.isEmpty()) {
                ZSetValue.Entry pivot = randomEntry(model, random);
                long lexBelow = model.headSet(pivot, inclusive).size();
                assertThat(set.order.countWhile((s, m) -> ZSetValueTest.ORDER.compare(new ZSetValue.Entry(m, s), pivot) < (inclusive ? 1 : 0)))
                        .isEqualTo(lexBelow);
            }
        }
    }

    private static ZSetValue.Entry randomEntry(TreeSet<ZSetValue.Entry> model, Random random) {
        int skip = random.nextInt(model.size());
        for (ZSetValue.Entry e : model) {
            if (skip-- == 0) {
                return e;
            }
        }
        throw new AssertionError();
    }
}
