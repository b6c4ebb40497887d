package dev.syncer.views.model.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
        lab.shard("s3").linkUp(false);
        List<SyncPrediction> ps = predict(new Operation.Failover("s1", "s3", true));
        assertThat(of(ps, "s1").type()).isEqualTo(SyncType.FULL);
        assertThat(of(ps, "s1").rule()).contains("offset 10\u2009001 > second_repl_offset 9\u2009951")
                .contains("writes s3 never received");
        // s2 is ahead of s3 too: it has bytes the new primary never saw.
        assertThat(of(ps, "s2").type()).isEqualTo(SyncType.FULL);
    }

    @Test
    void forcedPromotionOfALinkedReplicaWhileThePrimaryRunsIsLikelyPartial() {
        // Writes are held while it is promoted; the snapshot's 50 bytes are a poll's age, not a lag.
        List<SyncPrediction> ps = predict(new Operation.Failover("s1", "s3", true));
        assertThat(of(ps, "s1").type()).isEqualTo(SyncType.PARTIAL);
        assertThat(of(ps, "s2").type()).isEqualTo(SyncType.PARTIAL);
        assertThat(ps).noneMatch(SyncPrediction::certain);
    }

    @Test
    void replicaPolledAfterItsPrimaryIsNotAheadOfItsBacklog() {
        // s2's INFO was read after s1's: it shows bytes s1 had by then, not bytes s1 never wrote.
        lab.shard("s2").offset(10_040);
        assertThat(predict(new Operation.LinkChange(LinkRef.replication("s2"), OperationKind.CUT_LINK, Duration.ZERO)))
                .singleElement().satisfies(p -> assertThat(p.type()).isEqualTo(SyncType.PARTIAL));
    }

    @Test
    void failoverMakesTheSyncersWritingIntoTheClusterResumeFromTheirSource() {
        lab.syncer("y", "db", "c2", "c1", new Checkpoint(Z, 49_000));
        assertThat(predict(new Operation.Failover("s1", "s2", false)))
                .filteredOn(p -> p.peerLabel().equals("syncer west→east")).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo(SyncType.PARTIAL));
    }

    @Test
    void replicaThatFellOutOfTheNewPrimarysBacklogNeedsAFullSync() {
        lab.shard("s3").offset(3_000).linkUp(false);
        lab.shard("s2").backlog(8000, 5_000);
        List<SyncPrediction> ps = predict(new Operation.Failover("s1", "s2", true));
        assertThat(of(ps, "s3").type()).isEqualTo(SyncType.FULL);
        assertThat(of(ps, "s3").rule()).isEqualTo("full: offset 3\u2009001 left the backlog [5\u2009000…10\u2009000]");
    }

    @Test
    void subReplicaOfAFullSyncingReplicaMustFullSyncToo() {
        lab.shard("s3").offset(3_000).linkUp(false);
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
        lab.fault(new LinkFaultInfo(LinkRef.syncer("y"), LinkFaultInfo.Kind.CUT, Duration.ZERO));
        List<SyncPrediction> ps = predict(new Operation.LinkChange(LinkRef.syncer("y"), OperationKind.HEAL_LINK, Duration.ZERO));
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(SyncType.PARTIAL);
            assertThat(p.peerLabel()).isEqualTo("syncer west→east");
            assertThat(p.rule()).contains("matches replid2 and offset 4\u2009000 ≤ second_repl_offset 5\u2009000")
                    .endsWith("(checkpoint 2 of its history)");
        });
    }

    @Test
    void primaryMigratedKeepingRolesTakesEveryoneThroughTwoPartialHandOvers() {
        lab.syncer("y", "db", "c1", "c2", new Checkpoint(A, 9_000));
        List<SyncPrediction> ps = predict(new Operation.MigratePrimary("s1", "n3", true, null));
        // FAILOVER to s2 (the first running replica), s1 moves as s2's replica, FAILOVER back to s1.
        assertThat(ps).extracting(SyncPrediction::peerLabel, SyncPrediction::sourceLabel, SyncPrediction::type)
                .containsExactly(
                        tuple("s3", "s2", SyncType.PARTIAL), tuple("s4", "s3", SyncType.PARTIAL),
                        tuple("syncer east→west", "s2", SyncType.PARTIAL), tuple("s1", "s2", SyncType.PARTIAL),
                        tuple("s1", "s2", SyncType.PARTIAL),
                        tuple("s3", "s1", SyncType.PARTIAL), tuple("s4", "s3", SyncType.PARTIAL),
                        tuple("syncer east→west", "s1", SyncType.PARTIAL), tuple("s2", "s1", SyncType.PARTIAL));
        assertThat(ps.get(4).rule()).isEqualTo("back on n3, partial: it keeps replid <new replid of s2> and offset"
                + " 10\u2009001 is the next byte after s2's backlog [2\u2009001…10\u2009000]: nothing to send");
        // s1's backlog began when it resumed after the move: the syncer, caught up with s2, asks for its first byte.
        assertThat(ps.get(7).rule()).isEqualTo("partial: replid <new replid of s2> matches replid2 and offset 10\u2009001"
                + " ≤ second_repl_offset 10\u2009001, the next byte of s1's backlog, which starts empty there");
        assertThat(ps.stream().filter(p -> p.peerLabel().equals("s1")).toList()).last()
                .satisfies(moved -> assertThat(moved.certain()).isFalse());
        assertThat(ps).noneMatch(SyncPrediction::isFreshShard);
    }

    @Test
    void syncerOutOfTheFirstPromotedBacklogFullSyncsOnceThenFollowsTheHandBack() {
        lab.syncer("y", "db", "c1", "c2", new Checkpoint(A, 1_000));
        List<SyncPrediction> syncer = predict(new Operation.MigratePrimary("s1", "n3", true, null)).stream()
                .filter(p -> p.peerLabel().equals("syncer east→west")).toList();
        assertThat(syncer).extracting(SyncPrediction::type).containsExactly(SyncType.FULL, SyncType.PARTIAL);
        assertThat(syncer.getFirst().rule()).isEqualTo("full: offset 1\u2009001 left the backlog [2\u2009001…10\u2009000]");
    }

    @Test
    void primaryMigratedAsReplicaHandsOverThenResumesPartiallyAfterTheMove() {
        List<SyncPrediction> ps = predict(new Operation.MigratePrimary("s1", "n2", false, "s3"));
        assertThat(ps).extracting(SyncPrediction::peerLabel, SyncPrediction::sourceLabel, SyncPrediction::type)
                .containsExactly(tuple("s2", "s3", SyncType.PARTIAL), tuple("s4", "s3", SyncType.PARTIAL),
                        tuple("s1", "s3", SyncType.PARTIAL), tuple("s1", "s3", SyncType.PARTIAL));
        // s1 kept the replid s3 invented at the hand-over; s3 caught up with s1's 10 000 bytes first.
        assertThat(ps.getLast().rule()).isEqualTo("back on n2, partial: it keeps replid <new replid of s3> and offset"
                + " 10\u2009001 is the next byte after s3's backlog [2\u2009001…10\u2009000]: nothing to send");
    }

    @Test
    void replicaPointedAtASiblingThatHasItsOffsetResumesAndOneFromAnotherHistoryFullSyncs() {
        // s3 (9 950) asks s2 (9 990, backlog from 1 991) for 9 951: same replid, in its backlog.
        List<SyncPrediction> sibling = predict(new Operation.RepointReplica("s3", "s2"));
        assertThat(sibling).extracting(SyncPrediction::peerLabel, SyncPrediction::type, SyncPrediction::sourceLabel)
                .containsExactly(tuple("s3", SyncType.PARTIAL, "s2"));
        assertThat(of(sibling, "s3").certain()).as("offsets differ: the stream may move").isFalse();
        // s2 (9 990) asks s4 (9 940) for 9 991: it has bytes s4 never had.
        assertThat(predict(new Operation.RepointReplica("s2", "s4"))).extracting(SyncPrediction::peerLabel,
                SyncPrediction::type).containsExactly(tuple("s2", SyncType.FULL));
        // w1 is another history: s3 full-syncs, and s4 below it follows with a full sync of its own.
        List<SyncPrediction> other = predict(new Operation.RepointReplica("s3", "w1"));
        assertThat(other).extracting(SyncPrediction::peerLabel, SyncPrediction::type)
                .containsExactly(tuple("s3", SyncType.FULL), tuple("s4", SyncType.FULL));
        assertThat(other).allMatch(SyncPrediction::certain);
    }

    @Test
    void scriptedLabCarriesOutRepointsAsPredicted() {
        for (Operation op : List.of(new Operation.RepointReplica("s3", "s2"), new Operation.RepointReplica("s2", "s4"),
                new Operation.RepointReplica("s3", "w1"), new Operation.RepointReplica("s4", "s1"))) {
            topology();
            List<SyncPrediction> ps = predict(op);
            List<SyncReport> seen = new ArrayList<>();
            lab.subscribe(e -> seen.add((SyncReport) e));
            lab.submit(new OperationRequest("op", op, Instant.EPOCH), p -> { }).join();
            assertThat(seen).as(op.toString()).extracting(SyncReport::receiverId, SyncReport::type)
                    .containsExactlyElementsOf(ps.stream().map(p -> tuple(p.peerId(), p.type())).toList());
        }
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
    void migratedReplicaResumesFromItsSavedOffsetAndSoDoesItsLinkedSubReplica() {
        List<SyncPrediction> ps = predict(new Operation.MigrateReplica("s3", "n2"));
        assertThat(ps).extracting(SyncPrediction::peerLabel, SyncPrediction::sourceLabel, SyncPrediction::type)
                .containsExactly(tuple("s3", "s1", SyncType.PARTIAL), tuple("s4", "s3", SyncType.PARTIAL));
        assertThat(ps.getFirst().rule()).isEqualTo("back on n2, partial: it keeps replid aaaa11… and offset 9\u2009951"
                + " is inside s1's backlog [2\u2009001…10\u2009000]");
        // Linked, s4 had every byte s3 forwarded before it stopped: it asks for the first byte of s3's new backlog.
        assertThat(ps.getLast().rule()).contains("the next byte of s3's backlog, which starts empty there");
        assertThat(ps).noneMatch(SyncPrediction::certain).noneMatch(SyncPrediction::isFreshShard);
    }

    @Test
    void migratedReplicaWhoseOffsetLeftTheBacklogFullSyncsAndTakesItsSubReplicaWithIt() {
        lab.shard("s3").offset(1_500).linkUp(false);
        List<SyncPrediction> ps = predict(new Operation.MigrateReplica("s3", "n2"));
        assertThat(ps).extracting(SyncPrediction::type).containsExactly(SyncType.FULL, SyncType.FULL);
        assertThat(ps.getFirst().rule()).isEqualTo("back on n2, full: it keeps replid aaaa11… but offset 1\u2009501"
                + " left s1's backlog [2\u2009001…10\u2009000]");
        assertThat(ps.getLast().rule()).isEqualTo("full: its upstream s3 takes a full sync and drops its backlog");
    }

    @Test
    void subReplicaBehindItsMovedUpstreamCannotResumeFromTheBacklogItRestartsWith() {
        lab.shard("s4").offset(9_000).linkUp(false);
        SyncPrediction s4 = of(predict(new Operation.MigrateReplica("s3", "n2")), "s4");
        assertThat(s4.type()).isEqualTo(SyncType.FULL);
        assertThat(s4.rule()).isEqualTo("full: offset 9\u2009001 is older than s3's backlog, which starts empty at 9\u2009951");
    }

    @Test
    void scriptedLabCarriesOutMigrationsAsPredicted() {
        for (Operation op : List.of(new Operation.MigrateReplica("s3", "n2"),
                new Operation.MigratePrimary("s1", "n3", false, "s2"), new Operation.MigratePrimary("s1", "n3", true, null))) {
            topology();
            lab.syncer("y", "db", "c1", "c2", new Checkpoint(A, 9_000));
            List<SyncPrediction> ps = predict(op);
            List<SyncReport> seen = new ArrayList<>();
            lab.subscribe(e -> seen.add((SyncReport) e));
            lab.submit(new OperationRequest("op", op, Instant.EPOCH), p -> { }).join();
            // Peers resync concurrently; each one's syncs come in the order of the steps.
            assertThat(seen.stream().collect(groupingBy(SyncReport::receiverId, mapping(SyncReport::type, toList()))))
                    .as(op.toString())
                    .isEqualTo(ps.stream().collect(groupingBy(SyncPrediction::peerId, mapping(SyncPrediction::type, toList()))));
        }
    }

    @Test
    void restartedReplicaAndItsSubReplicaResume() {
        assertThat(predict(new Operation.Lifecycle("s3", OperationKind.RESTART_SHARD)))
                .extracting(SyncPrediction::peerLabel, SyncPrediction::type, SyncPrediction::certain)
                .containsExactly(tuple("s3", SyncType.PARTIAL, true), tuple("s4", SyncType.PARTIAL, true));
    }

    @Test
    void crashingTheMiddleOfAChainPredictsItsReturnFromItsLastRdb() {
        List<SyncPrediction> atCrash = predict(new Operation.Lifecycle("s3", OperationKind.CRASH_SHARD));
        assertThat(atCrash).extracting(SyncPrediction::peerLabel, SyncPrediction::type, SyncPrediction::certain)
                .containsExactly(tuple("s3", SyncType.PARTIAL, false), tuple("s4", SyncType.PARTIAL, false));
        assertThat(atCrash.getFirst().rule()).startsWith("when it comes back, from its last RDB");
        lab.shard("s3").state(ShardState.CRASHED);
        assertThat(predict(new Operation.Lifecycle("s3", OperationKind.START_SHARD)))
                .extracting(SyncPrediction::type).containsExactly(SyncType.PARTIAL, SyncType.PARTIAL);
    }

    @Test
    void crashedPrimaryComesBackBehindItsReplicas() {
        lab.shard("s1").state(ShardState.CRASHED);
        assertThat(predict(new Operation.Lifecycle("s1", OperationKind.START_SHARD)))
                .extracting(SyncPrediction::peerLabel, SyncPrediction::type)
                .contains(tuple("s2", SyncType.FULL), tuple("s3", SyncType.FULL), tuple("s4", SyncType.FULL));
    }

    @Test
    void stoppingPredictsTheReturnItsSaveAllows() {
        assertThat(predict(new Operation.Lifecycle("s1", OperationKind.STOP_SHARD)))
                .allSatisfy(p -> {
                    assertThat(p.type()).isEqualTo(SyncType.PARTIAL);
                    assertThat(p.certain()).isFalse();
                }).isNotEmpty();
    }

    @Test
    void resizingTheBacklogOrDelayingOrHealingAnUncutLinkCausesNoSync() {
        assertThat(predict(new Operation.ResizeBacklog("s1", 30))).isEmpty();
        assertThat(predict(new Operation.LinkChange(LinkRef.replication("s3"), OperationKind.DELAY_LINK,
                Duration.ofMillis(50)))).isEmpty();
        assertThat(predict(new Operation.LinkChange(LinkRef.replication("s3"), OperationKind.HEAL_LINK, Duration.ZERO)))
                .isEmpty();
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
