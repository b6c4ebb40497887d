package dev.syncer.views.model.timeline;

import dev.syncer.views.model.prediction.SyncPrediction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncPhase;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.timeline.TimelineEntry.Kind;
import dev.syncer.views.model.timeline.TimelineEntry.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimelineModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String R = "aaaa11112222333344445555666677778888aaaa";

    private final TimelineModel timeline = new TimelineModel(id -> id.startsWith("127.0.0.1:") ? "s" + id.substring(13) : id);
    private long seq;

    private SyncReport sync(String receiver, SyncType type, SyncCause cause, Instant at, Optional<String> op) {
        return new SyncReport(++seq, at, receiver, SyncSide.REPLICA, type, cause, "", "s1", R, 1000, 2048,
                Duration.ofMillis(15), List.of(new SyncPhase("backlog", Duration.ofMillis(10))), SyncOutcome.OK, op);
    }

    private static SyncPrediction predict(String peer, SyncType type) {
        return new SyncPrediction(peer, "127.0.0.1:700" + peer.substring(1), peer, "s1", type, type.word() + ": because", true);
    }

    private void failover(String id, SyncPrediction... predictions) {
        timeline.operationStarted(id, "Failover db", "Failover", List.of(predictions), Set.of("s1", "s2", "s3"),
                Set.of("s1"), T0);
    }

    private TimelineEntry row(String key) {
        return timeline.getAll().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void syncCarryingTheOperationIdIsCheckedAgainstItsPrediction() {
        failover("op-1", predict("s2", SyncType.PARTIAL), predict("s3", SyncType.PARTIAL));
        timeline.accept(List.of(sync("s2", SyncType.PARTIAL, SyncCause.FAILOVER, T0.plusSeconds(1), Optional.of("op-1")),
                sync("s3", SyncType.FULL, SyncCause.FAILOVER, T0.plusSeconds(1), Optional.of("op-1"))));
        timeline.operationFinished("op-1", true, "s2 is primary", T0.plusSeconds(2));

        TimelineEntry held = timeline.getAll().stream().filter(e -> e.subject().startsWith("s2")).findFirst().orElseThrow();
        assertThat(held.verdict()).isEqualTo(Verdict.HELD);
        assertThat(held.expectation()).isEqualTo("predicted partial");
        assertThat(held.operationLabel()).isEqualTo("Failover db");
        TimelineEntry missed = timeline.getAll().stream().filter(e -> e.subject().startsWith("s3")).findFirst().orElseThrow();
        assertThat(missed.verdict()).isEqualTo(Verdict.MISSED);
        TimelineEntry op = row("op:op-1");
        assertThat(op.verdict()).isEqualTo(Verdict.MISSED);
        assertThat(op.expectation()).isEqualTo("1 of 2 held");
        assertThat(op.details()).contains("s3 ← s1: predicted partial, actual full ✗ (failover)");
    }

    @Test
    void untaggedSyncIsAttributedByTimeAndShard() {
        failover("op-1", predict("s2", SyncType.PARTIAL));
        timeline.operationFinished("op-1", true, "done", T0.plusSeconds(1));
        timeline.accept(List.of(sync("s2", SyncType.PARTIAL, SyncCause.FAILOVER, T0.plusSeconds(5), Optional.empty())));
        assertThat(row("op:op-1").verdict()).isEqualTo(Verdict.HELD);
        assertThat(row("op:op-1").expectation()).isEqualTo("1 of 1 held");
    }

    @Test
    void syncAfterTheCorrelationWindowIsNotTheOperations() {
        failover("op-1", predict("s2", SyncType.PARTIAL));
        timeline.operationFinished("op-1", true, "done", T0.plusSeconds(1));
        Instant late = T0.plusSeconds(1).plus(TimelineModel.CORRELATION_WINDOW).plusSeconds(1);
        timeline.accept(List.of(sync("s2", SyncType.FULL, SyncCause.OFFSET_OUT_OF_BACKLOG, late, Optional.empty())));
        TimelineEntry s = timeline.getAll().getFirst();
        assertThat(s.operationLabel()).isEmpty();
        assertThat(s.verdict()).isEqualTo(Verdict.NONE);
        timeline.tick(late);
        assertThat(row("op:op-1").verdict()).isEqualTo(Verdict.NONE);
        assertThat(row("op:op-1").expectation()).isEqualTo("1 partial, 0 full predicted; no sync observed");
    }

    @Test
    void aPrimarysReportNamingTheReplicaByAddressCountsForThatReplica() {
        failover("op-1", predict("s2", SyncType.PARTIAL));
        SyncReport fromPrimary = new SyncReport(++seq, T0.plusSeconds(1), "s1", SyncSide.PRIMARY, SyncType.PARTIAL, SyncCause.FAILOVER, "",
                "127.0.0.1:7002", R, 1000, 10, Duration.ofMillis(3), List.of(), SyncOutcome.OK, Optional.of("op-1"));
        timeline.accept(List.of(fromPrimary));
        assertThat(timeline.getAll().getFirst().verdict()).isEqualTo(Verdict.HELD);
        assertThat(timeline.getAll().getFirst().subject()).isEqualTo("s2 ← s1");
    }

    @Test
    void aShardTheOperationCreatedAnswersTheFreshShardPrediction() {
        timeline.operationStarted("op-2", "Add a replica to s1", "Add replica",
                List.of(new SyncPrediction("", "", "new replica on n3", "s1", SyncType.FULL, "full: fresh", true)),
                Set.of("s1", "s2"), Set.of("s1"), T0);
        timeline.accept(List.of(sync("s7", SyncType.FULL, SyncCause.NEW_REPLICA, T0.plusSeconds(2), Optional.of("op-2"))));
        assertThat(timeline.getAll().getFirst().verdict()).isEqualTo(Verdict.HELD);
        assertThat(row("op:op-2").verdict()).isEqualTo(Verdict.HELD);
        assertThat(row("op:op-2").summary()).isEqualTo("running");
    }

    @Test
    void aPeerPredictedTwiceHasEachSyncCheckedInOrderAndBothSidesOfOneSyncCountOnce() {
        // A primary migrated keeping roles: s3 resyncs at each hand-over.
        failover("op-4", predict("s3", SyncType.PARTIAL), predict("s3", SyncType.PARTIAL));
        SyncReport first = sync("s3", SyncType.PARTIAL, SyncCause.FAILOVER, T0.plusSeconds(1), Optional.of("op-4"));
        SyncReport otherSide = new SyncReport(++seq, T0.plusSeconds(1), "s1", SyncSide.PRIMARY, SyncType.PARTIAL, SyncCause.FAILOVER, "",
                "127.0.0.1:7003", R, 1000, 10, Duration.ofMillis(3), List.of(), SyncOutcome.OK, Optional.of("op-4"));
        timeline.accept(List.of(first, otherSide));
        timeline.operationFinished("op-4", true, "done", T0.plusSeconds(3));
        assertThat(row("op:op-4").verdict()).isEqualTo(Verdict.PENDING);
        SyncReport second = new SyncReport(++seq, T0.plusSeconds(2), "s3", SyncSide.REPLICA, SyncType.FULL, SyncCause.FAILOVER, "", "s1",
                R.replace('a', 'b'), 2000, 2048, Duration.ofMillis(15), List.of(), SyncOutcome.OK, Optional.of("op-4"));
        timeline.accept(List.of(second));
        assertThat(row("op:op-4").expectation()).isEqualTo("1 of 2 held");
        assertThat(row("op:op-4").verdict()).isEqualTo(Verdict.MISSED);
        assertThat(row("op:op-4").details()).contains("s3 ← s1: predicted partial, actual partial ✓")
                .contains("s3 ← s1: predicted partial, actual full ✗");
        assertThat(timeline.getAll().stream().filter(e -> e.subject().startsWith("s3")).map(TimelineEntry::verdict))
                .as("both sides of the first sync make one row").containsExactlyInAnyOrder(Verdict.HELD, Verdict.MISSED);
    }

    private SyncReport primarySide(String replicaAddress, SyncType type, SyncCause cause, String detail, long offset, Instant at) {
        return new SyncReport(++seq, at, "s1", SyncSide.PRIMARY, type, cause, detail, replicaAddress, R, offset, 10,
                Duration.ofMillis(3), List.of(), SyncOutcome.OK, Optional.empty());
    }

    private SyncReport replicaSide(String replica, SyncType type, SyncCause cause, long offset, Instant at) {
        return new SyncReport(++seq, at, replica, SyncSide.REPLICA, type, cause, "", "s1", R, offset, 10,
                Duration.ofMillis(5), List.of(), SyncOutcome.OK, Optional.empty());
    }

    @Test
    void aFailoverShowsOneRowPerSyncWithBothEndsViews() {
        failover("op-5", predict("s2", SyncType.PARTIAL), predict("s3", SyncType.PARTIAL));
        timeline.operationFinished("op-5", true, "s1 is primary", T0.plusSeconds(1));
        timeline.accept(List.of(
                replicaSide("s2", SyncType.PARTIAL, SyncCause.FAILOVER, 1001, T0.plusSeconds(2)),
                primarySide("127.0.0.1:7003", SyncType.PARTIAL, SyncCause.RECONNECT, "", 1001, T0.plusSeconds(2)),
                primarySide("127.0.0.1:7002", SyncType.PARTIAL, SyncCause.FAILOVER, "", 1001, T0.plusSeconds(2)),
                replicaSide("s3", SyncType.PARTIAL, SyncCause.LINK_DROP, 1001, T0.plusSeconds(3))));

        List<TimelineEntry> syncs = timeline.getAll().stream().filter(e -> e.kind() != Kind.OPERATION).toList();
        assertThat(syncs).extracting(TimelineEntry::subject).containsExactlyInAnyOrder("s2 ← s1", "s3 ← s1");
        assertThat(syncs).allSatisfy(e -> {
            assertThat(e.verdict()).isEqualTo(Verdict.HELD);
            assertThat(e.judgement().expectation()).isEqualTo(SyncExpectation.EXPECTED);
            assertThat(e.details()).contains("(primary side) answered").contains("(replica side) asked");
        });
        TimelineEntry s3 = syncs.stream().filter(e -> e.subject().startsWith("s3")).findFirst().orElseThrow();
        assertThat(s3.cause()).as("the primary's cause").isEqualTo("reconnect");
        assertThat(s3.causeDetail()).isEqualTo("replica: link drop");
        assertThat(row("op:op-5").expectation()).isEqualTo("2 of 2 held");
    }

    @Test
    void aHealthyStartUpIsCalmAndABacklogOverflowIsASurprise() {
        timeline.accept(List.of(
                replicaSide("s2", SyncType.FULL, SyncCause.STARTUP, 0, T0),
                primarySide("127.0.0.1:7002", SyncType.FULL, SyncCause.NEW_REPLICA, "", 0, T0),
                replicaSide("s3", SyncType.FULL, SyncCause.LINK_DROP, 5000, T0.plusSeconds(60)),
                primarySide("127.0.0.1:7003", SyncType.FULL, SyncCause.OFFSET_OUT_OF_BACKLOG,
                        "requested 1200, backlog 2000..5000", 5000, T0.plusSeconds(60))));
        assertThat(timeline.getAll()).hasSize(2);
        TimelineEntry startup = timeline.getAll().getLast();
        assertThat(startup.judgement().expectation()).isEqualTo(SyncExpectation.EXPECTED);
        assertThat(startup.cause()).isEqualTo("new replica");
        TimelineEntry overflow = timeline.getAll().getFirst();
        assertThat(overflow.judgement().expectation()).isEqualTo(SyncExpectation.SURPRISE);
        assertThat(overflow.causeDetail()).isEqualTo("requested 1200, backlog 2000..5000 · replica: link drop");
        assertThat(overflow.details()).contains("SURPRISE: backlog overflow");
    }

    @Test
    void operationWaitsForItsSyncsBeforeItsVerdict() {
        failover("op-3", predict("s2", SyncType.PARTIAL), predict("s3", SyncType.PARTIAL));
        timeline.accept(List.of(sync("s2", SyncType.PARTIAL, SyncCause.FAILOVER, T0.plusSeconds(1), Optional.of("op-3"))));
        assertThat(row("op:op-3").verdict()).isEqualTo(Verdict.PENDING);
        timeline.operationFinished("op-3", true, "done", T0.plusSeconds(2));
        assertThat(row("op:op-3").verdict()).isEqualTo(Verdict.PENDING);
        timeline.tick(T0.plusSeconds(3).plus(TimelineModel.CORRELATION_WINDOW));
        assertThat(row("op:op-3").verdict()).isEqualTo(Verdict.MISSED);
        assertThat(row("op:op-3").details()).contains("s3 ← s1: predicted partial, not observed");
    }

    @Test
    void filtersByTypeCauseAndShard() {
        failover("op-1", predict("s2", SyncType.PARTIAL));
        timeline.accept(List.of(sync("s2", SyncType.PARTIAL, SyncCause.FAILOVER, T0.plusSeconds(1), Optional.of("op-1")),
                sync("s3", SyncType.FULL, SyncCause.OFFSET_OUT_OF_BACKLOG, T0.plusSeconds(2), Optional.empty())));
        assertThat(timeline.getVisible()).hasSize(3);
        timeline.showPartialProperty().set(false);
        assertThat(timeline.getVisible()).extracting(TimelineEntry::kind).containsExactly(Kind.FULL_SYNC, Kind.OPERATION);
        timeline.showPartialProperty().set(true);
        timeline.causeProperty().set(SyncCause.OFFSET_OUT_OF_BACKLOG.display());
        assertThat(timeline.getVisible()).extracting(TimelineEntry::kind).containsExactly(Kind.FULL_SYNC, Kind.OPERATION);
        timeline.causeProperty().set(TimelineModel.ANY);
        timeline.shardProperty().set("s2");
        assertThat(timeline.getVisible()).extracting(TimelineEntry::kind).containsExactly(Kind.PARTIAL_SYNC, Kind.OPERATION);
    }

    @Test
    void causeFilterListsTheVocabularyAndNeverGrowsWithDetails() {
        int vocabulary = SyncCause.values().length + 1;
        assertThat(timeline.getCauses()).hasSize(vocabulary).startsWith(TimelineModel.ANY)
                .contains("offset out of backlog", "link drop", "failover");
        timeline.accept(List.of(
                new SyncReport(++seq, T0, "s2", SyncSide.REPLICA, SyncType.FULL, SyncCause.OFFSET_OUT_OF_BACKLOG,
                        "requested 843414, backlog 1..843413", "s1", R, 1, 2048, Duration.ofMillis(15), List.of(),
                        SyncOutcome.OK, Optional.empty()),
                new SyncReport(++seq, T0, "s3", SyncSide.REPLICA, SyncType.FULL, SyncCause.OFFSET_OUT_OF_BACKLOG,
                        "requested 12, backlog 900..1900", "s1", R, 1, 2048, Duration.ofMillis(15), List.of(),
                        SyncOutcome.OK, Optional.empty())));
        assertThat(timeline.getCauses()).hasSize(vocabulary);
        timeline.causeProperty().set("offset out of backlog");
        assertThat(timeline.getVisible()).hasSize(2).allSatisfy(e -> assertThat(e.causeDetail()).startsWith("requested "));
        assertThat(timeline.getVisible().getFirst().details()).contains("cause: offset out of backlog — requested ");
    }

    @Test
    void selectingARowShowsItsStoryWithTheRule() {
        failover("op-1", predict("s2", SyncType.PARTIAL));
        timeline.accept(List.of(sync("s2", SyncType.PARTIAL, SyncCause.FAILOVER, T0.plusSeconds(1), Optional.of("op-1"))));
        timeline.selectedProperty().set(timeline.getAll().getFirst());
        assertThat(timeline.detailsProperty().get()).contains("partial sync of s2 from s1").contains("backlog: 10 ms")
                .contains("prediction: partial ✓ held").contains("partial: because");
    }

    @Test
    void rowsAreBounded() {
        for (int i = 0; i < TimelineModel.CAPACITY + 50; i++) {
            timeline.accept(List.of(sync("s2", SyncType.PARTIAL, SyncCause.RECONNECT, T0.plusMillis(i), Optional.empty())));
        }
        assertThat(timeline.getAll()).hasSize(TimelineModel.CAPACITY);
        assertThat(timeline.getAll().getFirst().time()).isEqualTo(T0.plusMillis(TimelineModel.CAPACITY + 49));
    }

    @Test
    void operationsStartedElsewhereAppearFromTheEventStream() {
        timeline.accept(List.of(new OperationEvent("ext-1", T0, OperationKind.FAILOVER, OperationEvent.Status.STARTED,
                "failover db by another console")));
        timeline.accept(List.of(new OperationEvent("ext-1", T0.plusSeconds(1), OperationKind.FAILOVER,
                OperationEvent.Status.FAILED, "ERR FAILOVER target replica is not online.")));
        TimelineEntry op = row("op:ext-1");
        assertThat(op.subject()).isEqualTo("failover db by another console");
        assertThat(op.summary()).isEqualTo("failed: ERR FAILOVER target replica is not online.");
    }

    @Test
    void aRowSaysTheBytesTheTimeAndWhereTheStreamWentOnAsTheCardsDo() {
        timeline.accept(List.of(sync("s2", SyncType.PARTIAL, SyncCause.LINK_DROP, T0, Optional.empty())));
        assertThat(timeline.getAll().getFirst().summary()).isEqualTo("2.0 KB in 15 ms · " + Format.shortReplid(R) + " @ 1\u2009000");
    }

    @Test
    void aSyncNoEndCountedTheBytesOfShowsNoSizeAndAFailureLeads() {
        SyncReport inferred = new SyncReport(++seq, T0, "s2", SyncSide.REPLICA, SyncType.FULL, SyncCause.OTHER, "", "s1", R, 1000,
                -1, Duration.ofSeconds(2), List.of(new SyncPhase("inferred from INFO", Duration.ofSeconds(2))), SyncOutcome.FAILED,
                Optional.empty());
        timeline.accept(List.of(inferred));
        TimelineEntry row = timeline.getAll().getFirst();
        assertThat(row.summary()).isEqualTo("FAILED · " + Format.shortReplid(R) + " @ 1\u2009000");
        assertThat(row.details()).contains("bytes: not counted").doesNotContain("-1");
    }

    @Test
    void aSyncThatFailedBeforeThePsyncReplySaysNoReplidNorOffset() {
        SyncReport noReply = new SyncReport(++seq, T0, "s2", SyncSide.REPLICA, SyncType.FULL, SyncCause.MANUAL_REPLICAOF, "", "s1",
                "", -1, 0, Duration.ofMillis(754), List.of(), SyncOutcome.FAILED, Optional.empty());
        timeline.accept(List.of(noReply));
        assertThat(timeline.getAll().getFirst().summary()).isEqualTo("FAILED · 0 B in 754 ms");
    }
}
