package dev.syncer.views.model.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PsyncSourceTest {

    private static final String ID = "6a1a0000d0b14e7fa26c55e01d9b7c3e4a6f2b18";

    @Test
    void promotionShiftsTheReplidLikeReplicaofNoOne() {
        // §8: before replid 6a1a… at 114; after replid new, replid2 6a1a…, second_repl_offset 115, offset 114.
        PsyncSource s = new PsyncSource("s2", ID, ReplicationInfo.NO_REPLID, -1, 114, new BacklogInfo(true, 1024, 1, 114));
        PsyncSource p = s.promoted();
        assertThat(p.replid2()).isEqualTo(ID);
        assertThat(p.secondReplOffset()).isEqualTo(115);
        assertThat(p.masterReplOffset()).isEqualTo(114);
        assertThat(p.replid()).isEqualTo(PsyncSource.newReplidOf("s2"));
        assertThat(p.backlog()).isEqualTo(s.backlog());
    }

    @Test
    void advancingPastTheSizeMovesTheFirstByte() {
        PsyncSource s = new PsyncSource("s", ID, ReplicationInfo.NO_REPLID, -1, 1000, new BacklogInfo(true, 1000, 1, 1000));
        PsyncSource later = s.advancedTo(1500);
        assertThat(later.backlog().firstByteOffset()).isEqualTo(501);
        assertThat(later.backlog().histlen()).isEqualTo(1000);
        assertThat(later.backlog().lastRequestableOffset()).isEqualTo(1501);
    }

    @Test
    void fullSyncedReplicaStartsItsBacklogAtTheSnapshotOffset() {
        ScriptedLab lab = new ScriptedLab(() -> Instant.EPOCH);
        lab.cluster("c", "c").node("n", "c", "n").database("d", "d", false);
        lab.primary("p", "n", "d", 7000, ID, 5000);
        PsyncSource fresh = PsyncSource.of(lab.snapshot().shard("p").orElseThrow()).fullSyncedReplica("r", 1024);
        assertThat(fresh.replid()).isEqualTo(ID);
        assertThat(fresh.backlog().firstByteOffset()).isEqualTo(5001);
        assertThat(fresh.backlog().histlen()).isZero();
    }

    @Test
    void replicaResumedFromItsRdbServesOnlyFromItsSavedOffset() {
        PsyncSource upstream = new PsyncSource("s1", ID, ReplicationInfo.NO_REPLID, -1, 12_000, new BacklogInfo(true, 8000, 4001, 8000));
        PsyncSource moved = upstream.resumedReplica("s3", ID, 10_000, 1 << 20);
        assertThat(moved.replid()).isEqualTo(ID);
        assertThat(moved.replid2()).isEqualTo(ReplicationInfo.NO_REPLID);
        assertThat(moved.backlog().firstByteOffset()).isEqualTo(10_001);
        assertThat(moved.backlogEmpty()).isTrue();
    }

    @Test
    void replicaResumedUnderAnotherReplidKeepsItsOwnAsReplid2() {
        String older = "0e350000d0b14e7fa26c55e01d9b7c3e4a6f2b18";
        PsyncSource upstream = new PsyncSource("s1", ID, older, 9_001, 12_000, new BacklogInfo(true, 8000, 4001, 8000));
        PsyncSource moved = upstream.resumedReplica("s3", older, 9_000, 1 << 20);
        assertThat(moved.replid()).isEqualTo(ID);
        assertThat(moved.replid2()).isEqualTo(older);
        assertThat(moved.secondReplOffset()).isEqualTo(9_001);
    }

    @Test
    void twoPromotionsInventTwoDifferentReplids() {
        PsyncSource s = new PsyncSource("s2", ID, ReplicationInfo.NO_REPLID, -1, 114, new BacklogInfo(true, 1024, 1, 114));
        PsyncSource first = s.promoted();
        PsyncSource back = first.continuingAs(PsyncSource.newReplidOf("s1"));
        assertThat(back.replid()).isNotEqualTo(first.replid());
        assertThat(back.replid2()).isEqualTo(first.replid());
        assertThat(PsyncSource.isNewReplid(back.replid())).isTrue();
    }

    @Test
    void shrinkingTheBacklogDropsTheOldestBytes() {
        PsyncSource s = new PsyncSource("s", ID, ReplicationInfo.NO_REPLID, -1, 10_000, new BacklogInfo(true, 8000, 2001, 8000));
        PsyncSource small = s.resized(1000);
        assertThat(small.backlog().firstByteOffset()).isEqualTo(9001);
        assertThat(small.backlog().histlen()).isEqualTo(1000);
        assertThat(s.resized(16_000).backlog().firstByteOffset()).isEqualTo(2001);
    }
}
