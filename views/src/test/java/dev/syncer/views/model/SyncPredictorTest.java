package dev.syncer.views.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncPredictorTest {

    private static final String A = "aaaa11112222333344445555666677778888aaaa";
    private static final String B = "bbbb11112222333344445555666677778888bbbb";
    private static final String Z = "ffff11112222333344445555666677778888ffff";

    private ScriptedLab lab;

    /** s1 primary at 10 000 with replicas s2 (9 990) and s3 (9 950); s4 replicates from s3. */
    @BeforeEach
    void topology() {
        lab = new ScriptedLab(() -> Instant.EPOCH);
        lab.cluster("c1", "east").cluster("c2", "west");
        lab.node("n1", "c1", "n1").node("n2", "c1", "n2").node("n3", "c1", "n3").node("n4", "c2", "n4");
        lab.database("db", "db", true);
        lab.primary("s1", "n1", "db", 7001, A, 10_000).backlog(8000, 2001);
        lab.replica("s2", "n2", "s1", 7002, 9_990).backlog(8000, 1991);
        lab.replica("s3", "n3", "s1", 7003, 9_950).backlog(8000, 1951);
        lab.replica("s4", "n1", "s3", 7004, 9_940).backlog(8000, 1941);
        lab.primary("w1", "n4", "db", 7101, Z, 50_000);
    }

    private List<SyncPrediction> predict(Operation op) {
        return SyncPredictor.predict(lab.snapshot(), op);
    }

    private static SyncPrediction of(List<SyncPrediction> ps, String peerLabel) {
        return ps.stream().filter(p -> p.peerLabel().equals(peerLabel)).findFirst().orElseThrow();
    }

    @Test
    void gracefulFailoverKeepsEveryoneOnPartialSyncs() {
        List<SyncPrediction> ps = predict(new Operation.Failover("s1", "s2", false));
        assertThat(ps).extracting(SyncPrediction::peerLabel, SyncPrediction::type).containsExactly(
                tuple("s3", SyncType.PARTIAL), tuple("s4", SyncType.PARTIAL), tuple("s1", SyncType.PARTIAL));
        // FAILOVER waits until s2 has s1's 10 000 bytes, so s1 resumes exactly at second_repl_offset.
        assertThat(of(ps, "s1").rule()).contains("matches replid2 and offset 10\u2009001 ≤ second_repl_offset 10\u2009001");
        assertThat(ps).allMatch(SyncPrediction::certain);
    }

    @Test
    void forcedPromotionOfALaggingReplicaFullSyncsTheOldPrimary() {
        List<SyncPrediction> ps = predict(new Operation.Failover("s1", "s3", true));
        assertThat(of(ps, "s1").type()).isEqualTo(SyncType.FULL);
        assertThat(of(ps, "s1").rule()).contains("offset 10\u2009001 > second_repl_offset 9\u2009951")
                .contains("writes s3 never received");
        // s2 is ahead of s3 too: it has bytes the new primary never saw.
        assertThat(of(ps, "s2").type()).isEqualTo(SyncType.FULL);
    }

    @Test
    void replicaThatFellOutOfTheNewPrimarysBacklogNeedsAFullSync() {
        lab.shard("s3").offset(3_000);
        lab.shard("s2").backlog(8000, 5_000);
        List<SyncPrediction> ps = predict(new Operation.Failover("s1", "s2", true));
        assertThat(of(ps, "s3").type()).isEqualTo(SyncType.FULL);
        assertThat(of(ps, "s3").rule()).isEqualTo("full: offset 3\u2009001 left the backlog [5\u2009000…9\u2009990]");
    }

    @Test
    void subReplicaOfAFullSyncingReplicaMustFullSyncToo() {
        lab.shard("s3").offset(3_000);
        lab.shard("s2").backlog(8000, 5_000);
        List<SyncPrediction> ps = predict(new Operation.Failover("s1", "s2", true));
        assertThat(of(ps, "s4").type()).isEqualTo(SyncType.FULL);
        assertThat(of(ps, "s4").rule()).contains("its upstream s3 takes a full sync");
    }

    @Test
    void syncerResumesFromAnOlderCheckpointOfItsHistory() {
        // The source primary w1 was promoted from history B at 5 000; the syncer's newest checkpoint
        // belongs to a history w1 never knew, but an older one is B.
        lab.shard("w1").history(B, 5_000).backlog(1 << 20, 1_000);
        lab.syncer("y", "db", "c2", "c1", new Checkpoint(B, 3_999), new Checkpoint(Z.replace('f', 'e'), 9_000));
        List<SyncPrediction> ps = predict(new Operation.LinkChange(LinkRef.syncer("y"), OperationKind.HEAL_LINK, Duration.ZERO));
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(SyncType.PARTIAL);
            assertThat(p.peerLabel()).isEqualTo("syncer west→east");
            assertThat(p.rule()).contains("matches replid2 and offset 4\u2009000 ≤ second_repl_offset 5\u2009000")
                    .endsWith("(checkpoint 2 of its history)");
        });
    }

    @Test
    void laggingSyncerLosesItsPartialSyncWhenThePrimaryMigratesKeepingRoles() {
        lab.syncer("y", "db", "c1", "c2", new Checkpoint(A, 9_000));
        List<SyncPrediction> ps = predict(new Operation.MigratePrimary("s1", "n3", true, null));
        assertThat(ps.getFirst()).satisfies(fresh -> {
            assertThat(fresh.isFreshShard()).isTrue();
            assertThat(fresh.type()).isEqualTo(SyncType.FULL);
        });
        // The new primary's backlog starts at the snapshot offset 10 001; the syncer asks for 9 001.
        SyncPrediction y = of(ps, "syncer east→west");
        assertThat(y.type()).isEqualTo(SyncType.FULL);
        assertThat(y.rule()).isEqualTo("full: offset 9\u2009001 is older than s1′ on n3's backlog, which starts empty at 10\u2009001");
        assertThat(of(ps, "s2").type()).isEqualTo(SyncType.PARTIAL);
    }

    @Test
    void addedReplicaAlwaysTakesAFullSync() {
        assertThat(predict(new Operation.AddReplica("s1", "n3"))).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(SyncType.FULL);
            assertThat(p.rule()).contains("PSYNC ? -1");
            assertThat(p.peerLabel()).isEqualTo("new replica on n3");
        });
    }

    @Test
    void migratedReplicaStartsFreshAndItsSubReplicaResumesOnlyIfCaughtUp() {
        List<SyncPrediction> ps = predict(new Operation.MigrateReplica("s3", "n2"));
        assertThat(ps.getFirst().type()).isEqualTo(SyncType.FULL);
        assertThat(of(ps, "s4").type()).isEqualTo(SyncType.FULL);
        assertThat(of(ps, "s4").certain()).isFalse();
        lab.shard("s4").offset(10_000);
        assertThat(of(predict(new Operation.MigrateReplica("s3", "n2")), "s4").type()).isEqualTo(SyncType.PARTIAL);
    }

    @Test
    void restartedReplicaResumesButOneThatCrashedStartsOver() {
        assertThat(predict(new Operation.Lifecycle("s2", OperationKind.RESTART_SHARD)))
                .extracting(SyncPrediction::type).containsExactly(SyncType.PARTIAL);
        lab.shard("s2").state(ShardState.CRASHED);
        assertThat(predict(new Operation.Lifecycle("s2", OperationKind.START_SHARD)))
                .singleElement().satisfies(p -> assertThat(p.rule()).contains("crashed without saving"));
        assertThat(predict(new Operation.Lifecycle("s2", OperationKind.CRASH_SHARD))).isEmpty();
    }

    @Test
    void shrinkingTheBacklogWarnsTheReadersItWouldStrand() {
        List<SyncPrediction> ps = predict(new Operation.ResizeBacklog("s1", 30));
        assertThat(of(ps, "s3").type()).isEqualTo(SyncType.FULL);
        assertThat(of(ps, "s3").rule()).startsWith("on reconnect, full: offset 9\u2009951 left the backlog");
        assertThat(of(ps, "s2").type()).isEqualTo(SyncType.PARTIAL);
    }

    @Test
    void cuttingALinkPredictsWhatAHealWouldDoNow() {
        assertThat(predict(new Operation.LinkChange(LinkRef.replication("s3"), OperationKind.CUT_LINK, Duration.ZERO)))
                .singleElement().satisfies(p -> {
                    assertThat(p.rule()).startsWith("on heal, if healed now: partial");
                    assertThat(p.certain()).isFalse();
                });
    }

    @Test
    void writeLoadCausesNoSync() {
        assertThat(predict(new Operation.WriteLoad("db", OperationKind.START_WRITE_LOAD, 100, 64))).isEmpty();
    }
}
