package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class MemberScanTest {

    private static Set<Key> members(String prefix, int n) {
        Set<Key> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            out.add(Key.of(prefix + i));
        }
        return out;
    }

    @Test
    void aFullScanReturnsEveryMemberOnceAndEndsWithCursorZero() {
        Set<Key> set = members("m", 5000);
        Set<Key> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            MemberScan.Page<Key> page = MemberScan.page(set, Function.identity(), cursor, 10);
            for (Key k : page.members()) {
                assertThat(seen.add(k)).as("returned twice: %s", k).isTrue();
            }
            cursor = page.cursor();
            calls++;
        } while (cursor != 0);
        assertThat(seen).isEqualTo(set);
        assertThat(calls).isBetween(2, MemberScan.BUCKETS);
    }

    @Test
    void membersPresentForTheWholeScanAreReturnedWhileTheSetGrowsAndShrinks() {
        Set<Key> stable = members("stable", 3000);
        Set<Key> set = new HashSet<>(stable);
        Set<Key> seen = new HashSet<>();
        long cursor = 0;
        int round = 0;
        do {
            MemberScan.Page<Key> page = MemberScan.page(set, Function.identity(), cursor, 25);
            page.members().forEach(seen::add);
            cursor = page.cursor();
            // Between calls: thousands come and go, as a rehashing table would see.
            set.addAll(members("grow" + round + "-", 200));
            set.removeAll(members("grow" + (round - 1) + "-", 200));
            round++;
        } while (cursor != 0);
        assertThat(seen).containsAll(stable);
    }

    @Test
    void aPageHoldsWholeBucketsAndAtLeastCountMembersUnlessItIsTheLast() {
        Set<Key> set = members("x", 2000);
        MemberScan.Page<Key> page = MemberScan.page(set, Function.identity(), 0, 50);
        assertThat(page.members()).hasSizeGreaterThanOrEqualTo(50);
        long next = page.cursor();
        assertThat(next).isPositive();
        for (Key k : page.members()) {
            assertThat(MemberScan.bucketOf(k)).isLessThan((int) next);
        }
        for (Key k : set) {
            if (MemberScan.bucketOf(k) < next) {
                assertThat(page.members()).contains(k);
            }
        }
    }

    @Test
    void aCursorNoScanHandedOutEndsTheScan() {
        Set<Key> set = members("y", 100);
        assertThat(MemberScan.page(set, Function.identity(), MemberScan.BUCKETS, 10))
                .isEqualTo(new MemberScan.Page<>(List.of(), 0));
        assertThat(MemberScan.page(set, Function.identity(), -1, 10).cursor()).isZero();
    }

    @Test
    void anEmptyCollectionEndsAtOnce() {
        assertThat(MemberScan.page(Set.<Key>of(), Function.identity(), 0, 10).members()).isEmpty();
    }
}
