package dev.syncer.views.model.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredictionScoreTest {

    private static final String R = "aaaa11112222333344445555666677778888aaaa";
    private static final Set<String> KNOWN = Set.of("s1", "s2", "s3");

    private static SyncReport report(long seq, String reporter, SyncSide side, String peer, SyncType type, long offset) {
        return new SyncReport(seq, Instant.ofEpochSecond(seq), reporter, side, type,
                type == SyncType.FULL ? SyncCause.UNKNOWN_REPLID : SyncCause.RECONNECT, "", peer, R, offset, 0,
                Duration.ZERO, List.of(), SyncOutcome.OK, Optional.empty());
    }

    private static SyncPrediction predicted(String peer, SyncType type, boolean certain) {
        return new SyncPrediction(peer, "", peer, "s1", type, "rule", certain);
    }

    @Test
    void bothEndsOfOneSyncCountOnceAndTwoSyncsOfOneReplicaAtOneOffsetCountTwice() {
        List<SyncReport> seen = List.of(
                report(1, "s1", SyncSide.PRIMARY, "s2", SyncType.PARTIAL, 100),
                report(2, "s2", SyncSide.REPLICA, "s1", SyncType.PARTIAL, 100),
                report(3, "s1", SyncSide.PRIMARY, "s2", SyncType.PARTIAL, 100));
        PredictionScore score = PredictionScore.score(List.of(predicted("s2", SyncType.PARTIAL, true),
                predicted("s2", SyncType.PARTIAL, false)), seen, KNOWN);
        assertThat(score.held()).isEqualTo(2);
        assertThat(score.missed()).isZero();
        assertThat(score.likely()).isEqualTo(1);
    }

    @Test
    void wrongTypeUnseenPredictionAndUnpredictedSyncAreMisses() {
        List<SyncReport> seen = List.of(
                report(1, "s2", SyncSide.REPLICA, "s1", SyncType.FULL, 100),
                report(2, "s3", SyncSide.REPLICA, "s1", SyncType.PARTIAL, 100));
        PredictionScore score = PredictionScore.score(List.of(predicted("s2", SyncType.PARTIAL, true),
                predicted("s4", SyncType.PARTIAL, true)), seen, KNOWN);
        assertThat(score.held()).isZero();
        assertThat(score.missed()).isEqualTo(3);
        assertThat(score.lines()).extracting(PredictionScore.Line::describe).containsExactly(
                "s2 ← s1: predicted partial, actual full (unknown replid) ✗",
                "s4 ← s1: predicted partial, no sync seen ✗",
                "s3: not predicted, actual partial (reconnect) ✗");
    }

    @Test
    void aReplicaTheSnapshotDidNotKnowAnswersTheFreshShardsPrediction() {
        SyncPrediction fresh = new SyncPrediction("", "", "new replica on n3", "s1", SyncType.FULL, "rule", true);
        PredictionScore score = PredictionScore.score(List.of(fresh),
                List.of(report(1, "s9", SyncSide.REPLICA, "s1", SyncType.FULL, 0)), KNOWN);
        assertThat(score.held()).isEqualTo(1);
    }
}
