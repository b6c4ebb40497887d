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

/**
 * The set with positions behaves as a HashSet through any mix of adds and removals, and its positions
 * are dense and ordered by the same rule whether it is packed or a table.
 */
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
    void packedOrTableTheOrderIsTheSame() {
        // positions follow one rule in both forms: an add appends, a removal moves the last member in
        for (int range : new int[] {60, 400}) { // stays packed; outgrows it and becomes a table
            Random random = new Random(range);
            MemberSet set = new MemberSet();
            List<Key> expected = new ArrayList<>();
            for (int step = 0; step < 5_000; step++) {
                Key k = Key.of("m" + random.nextInt(range));
                if (random.nextInt(3) > 0) {
                    assertThat(set.add(k)).isEqualTo(!expected.contains(k) && expected.add(k));
                } else {
                    int at = expected.indexOf(k);
                    assertThat(set.remove(k)).isEqualTo(at >= 0);
                    if (at >= 0) {
                        Key last = expected.remove(expected.size() - 1);
                        if (at < expected.size()) {
                            expected.set(at, last);
                        }
                    }
                }
                assertThat(set).containsExactlyElementsOf(expected);
            }
            assertThat(set.packed() != null).isEqualTo(range < MemberSet.PACKED_MAX_MEMBERS);
        }
    }

    @Test
    void aLongMemberMakesATableThatKeepsTheOrder() {
        MemberSet set = new MemberSet();
        set.addAll(List.of(Key.of("b"), Key.of("a"), Key.of("c")));
        assertThat(set.packed()).isNotNull();
        Key longMember = Key.of("x".repeat(MemberSet.PACKED_MAX_LENGTH + 1));
        set.add(longMember);
        assertThat(set.packed()).isNull();
        assertThat(set).containsExactly(Key.of("b"), Key.of("a"), Key.of("c"), longMember);
        assertThat(set.get(3)).isEqualTo(longMember);
    }

    @Test
    void integersAreFoundInBothForms() {
        MemberSet set = new MemberSet();
        set.addAll(List.of(Key.of("1"), Key.of("-20"), Key.of("9223372036854775807")));
        assertThat(set.allIntegers()).isTrue();
        set.add(Key.of("01"));
        assertThat(set.allIntegers()).isFalse();
        set.remove(Key.of("01"));
        for (int i = 0; i < 200; i++) {
            set.add(Key.of(Integer.toString(i * 7)));
        }
        assertThat(set.packed()).isNull();
        assertThat(set.allIntegers()).isTrue();
    }

    @Test
    void collidingHashesAreAllFound() {
        for (int fill : new int[] {0, MemberSet.PACKED_MAX_MEMBERS}) { // packed; a table
            MemberSet set = new MemberSet();
            for (int i = 0; i < fill; i++) {
                set.add(Key.of("m" + i));
            }
            // "Aa" and "BB" share String's hash; Key's Arrays.hashCode collides the same way
            List<Key> keys = List.of(Key.of("AaAa"), Key.of("AaBB"), Key.of("BBAa"), Key.of("BBBB"));
            set.addAll(keys);
            assertThat(set.packed() == null).isEqualTo(fill > 0);
            assertThat(set.addAll(keys)).isFalse();
            assertThat(set.remove(Key.of("AaBB"))).isTrue();
            assertThat(set).hasSize(fill + 3).contains(Key.of("AaAa"), Key.of("BBAa"), Key.of("BBBB"));
            assertThat(set.contains(Key.of("AaBB"))).isFalse();
            assertThat(set.remove(Key.of("AaBB"))).isFalse();
        }
    }

    @Test
    void aChangeBesideAnIterationEndsIt() {
        for (int count : new int[] {3, 300}) { // packed; a table
            MemberSet set = new MemberSet();
            for (int i = 0; i < count; i++) {
                set.add(Key.of("m" + i));
            }
            Iterator<Key> it = set.iterator();
            it.next();
            set.add(Key.of("new"));
            assertThatThrownBy(it::next).isInstanceOf(java.util.ConcurrentModificationException.class);
        }
    }

    @Test
    void iteratorRemovalVisitsEveryMemberOnce() {
        for (int count : new int[] {100, 300}) { // packed, then a table
            MemberSet set = new MemberSet();
            for (int i = 0; i < count; i++) {
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
            assertThat(seen).hasSize(count);
            assertThat(set).hasSize(count / 2).allMatch(k -> Integer.parseInt(k.toString().substring(1)) % 2 == 1);
        }
    }

    @Test
    void aCopyIsIndependent() {
        for (int count : new int[] {1, MemberSet.PACKED_MAX_MEMBERS + 1}) { // packed; a table
            SetValue value = new SetValue();
            MemberSet set = value.members();
            for (int i = 0; i < count; i++) {
                set.add(Key.of("m" + i));
            }
            MemberSet copy = ((SetValue) value.copy()).members();
            copy.add(Key.of("b"));
            set.remove(Key.of("m0"));
            assertThat(set).hasSize(count - 1).doesNotContain(Key.of("m0"), Key.of("b"));
            assertThat(copy).hasSize(count + 1).contains(Key.of("m0"), Key.of("b"));
        }
    }

    @Test
    void theViewsOfOneValueShareItsMembers() {
        SetValue value = new SetValue();
        value.members().add(Key.of("a"));
        assertThat(value.members()).containsExactly(Key.of("a"));
        assertThat(value.size()).isEqualTo(1);
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
