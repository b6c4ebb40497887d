package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The set with positions behaves as a HashSet through any mix of adds and removals, and its positions are dense. */
class MemberSetTest {

    @Test
    void randomAddsAndRemovalsMatchAHashSet() {
        Random random = new Random(42);
        MemberSet set = new MemberSet();
        Set<Key> expected = new HashSet<>();
        for (int step = 0; step < 200_000; step++) {
            // the range and the bias make the set grow past several resizes, then shrink back
            int range = step < 100_000 ? 5_000 : 500;
            Key k = Key.of("m" + random.nextInt(range));
            boolean adding = step < 100_000 ? random.nextInt(3) > 0 : random.nextInt(4) == 0;
            if (adding) {
                assertThat(set.add(k)).isEqualTo(expected.add(k));
            } else {
                assertThat(set.remove(k)).isEqualTo(expected.remove(k));
            }
            if (step % 10_000 == 0) {
                assertSameMembers(set, expected);
            }
        }
        assertSameMembers(set, expected);
        for (Key k : new ArrayList<>(expected)) {
            assertThat(set.remove(k)).isTrue();
        }
        assertThat(set).isEmpty();
        assertThat(set.contains(Key.of("m1"))).isFalse();
    }

    @Test
    void collidingHashesAreAllFound() {
        MemberSet set = new MemberSet();
        // "Aa" and "BB" share String's hash; Key's Arrays.hashCode collides the same way
        List<Key> keys = List.of(Key.of("AaAa"), Key.of("AaBB"), Key.of("BBAa"), Key.of("BBBB"));
        set.addAll(keys);
        assertThat(set.remove(Key.of("AaBB"))).isTrue();
        assertThat(set).containsExactlyInAnyOrder(Key.of("AaAa"), Key.of("BBAa"), Key.of("BBBB"));
        assertThat(set.contains(Key.of("AaBB"))).isFalse();
    }

    @Test
    void iteratorRemovalVisitsEveryMemberOnce() {
        MemberSet set = new MemberSet();
        for (int i = 0; i < 100; i++) {
            set.add(Key.of("m" + i));
        }
        Set<Key> seen = new HashSet<>();
        for (Iterator<Key> it = set.iterator(); it.hasNext(); ) {
            Key k = it.next();
            assertThat(seen.add(k)).isTrue();
            if (Integer.parseInt(k.toString().substring(1)) % 2 == 0) {
                it.remove();
            }
        }
        assertThat(seen).hasSize(100);
        assertThat(set).hasSize(50).allMatch(k -> Integer.parseInt(k.toString().substring(1)) % 2 == 1);
    }

    @Test
    void aCopyIsIndependent() {
        MemberSet set = new MemberSet();
        set.add(Key.of("a"));
        MemberSet copy = new MemberSet(set);
        copy.add(Key.of("b"));
        set.remove(Key.of("a"));
        assertThat(set).isEmpty();
        assertThat(copy).containsExactlyInAnyOrder(Key.of("a"), Key.of("b"));
    }

    @Test
    void positionsOutsideTheSetAreRefused() {
        MemberSet set = new MemberSet();
        set.add(Key.of("a"));
        assertThat(set.get(0)).isEqualTo(Key.of("a"));
        assertThatThrownBy(() -> set.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void assertSameMembers(MemberSet set, Set<Key> expected) {
        assertThat(set).hasSize(expected.size());
        Set<Key> byPosition = new HashSet<>();
        for (int i = 0; i < set.size(); i++) {
            byPosition.add(set.get(i));
        }
        assertThat(byPosition).isEqualTo(expected);
        for (Key k : expected) {
            assertThat(set.contains(k)).isTrue();
        }
    }
}
