package dev.syncer.engine.replication;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationHistoryTest {

    private static final ReplicationId A = new ReplicationId("a".repeat(40));
    private static final ReplicationId B = new ReplicationId("b".repeat(40));
    private static final ReplicationId C = new ReplicationId("c".repeat(40));

    @Test
    void aFreshHistoryHasNoSecondId() {
        ReplicationHistory h = new ReplicationHistory(A);
        assertThat(h.replid2()).isEqualTo(ReplicationId.NONE);
        assertThat(h.replid2().hex()).isEqualTo("0".repeat(40));
        assertThat(h.secondReplOffset()).isEqualTo(-1);
        assertThat(h.validUpTo(A.hex())).isEqualTo(Long.MAX_VALUE);
        assertThat(h.validUpTo(B.hex())).isEqualTo(-1);
        assertThat(h.validUpTo("?")).isEqualTo(-1);
    }

    @Test
    void promotionKeepsTheOldIdValidUpToTheNextByte() {
        ReplicationHistory h = new ReplicationHistory(A);
        h.continueAs(B, 114); // Redis's shiftReplicationId at offset 114
        assertThat(h.current()).isEqualTo(B);
        assertThat(h.replid2()).isEqualTo(A);
        assertThat(h.secondReplOffset()).isEqualTo(115);
        assertThat(h.validUpTo(A.hex())).isEqualTo(115);
    }

    @Test
    void idsCompareIgnoringCase() {
        ReplicationHistory h = new ReplicationHistory(A);
        assertThat(h.validUpTo("A".repeat(40))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void twoFailoversLeaveBothOldIdsUsableWhileInfoShowsTheNewestAsReplid2() {
        ReplicationHistory h = new ReplicationHistory(A);
        h.continueAs(B, 100);
        h.continueAs(C, 250);
        assertThat(h.replid2()).isEqualTo(B);
        assertThat(h.secondReplOffset()).isEqualTo(251);
        assertThat(h.validUpTo(A.hex())).isEqualTo(101);
        assertThat(h.validUpTo(B.hex())).isEqualTo(251);
    }

    @Test
    void theHistoryIsBounded() {
        ReplicationHistory h = new ReplicationHistory(ReplicationId.random());
        ReplicationId first = h.current();
        for (int i = 0; i < ReplicationHistory.MAX_PAST + 1; i++) {
            h.continueAs(ReplicationId.random(), i * 10L);
        }
        assertThat(h.past()).hasSize(ReplicationHistory.MAX_PAST);
        assertThat(h.validUpTo(first.hex())).isEqualTo(-1);
    }

    @Test
    void aFullSyncForgetsThePast() {
        ReplicationHistory h = new ReplicationHistory(A);
        h.continueAs(B, 10);
        h.reset(C);
        assertThat(h.current()).isEqualTo(C);
        assertThat(h.past()).isEmpty();
        assertThat(h.validUpTo(A.hex())).isEqualTo(-1);
    }

    @Test
    void idsFromTheWireMustBe40HexCharacters() {
        assertThat(ReplicationId.parse("a".repeat(40))).isEqualTo(A);
        assertThat(ReplicationId.parse("a".repeat(39))).isNull();
        assertThat(ReplicationId.parse("g".repeat(40))).isNull();
        assertThat(ReplicationId.parse(null)).isNull();
        assertThat(ReplicationId.random().hex()).matches("[0-9a-f]{40}");
    }
}
