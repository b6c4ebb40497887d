package dev.syncer.views.model.timeline;

import static dev.syncer.views.model.timeline.SyncExpectation.EXPECTED;
import static dev.syncer.views.model.timeline.SyncExpectation.SURPRISE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncType;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncExpectationTest {

    private static SyncExpectation judge(SyncType type, SyncCause source, SyncCause receiver) {
        return SyncExpectation.judge(type, SyncOutcome.OK, Optional.ofNullable(source), Optional.ofNullable(receiver),
                Optional.empty()).expectation();
    }

    @ParameterizedTest(name = "full: primary {0}, receiver {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            // a new replica's first full sync, one without persistence restarted
            "NEW_REPLICA, STARTUP, EXPECTED",
            "-, STARTUP, EXPECTED",
            "NEW_REPLICA, -, EXPECTED",
            // moved to another tree, or a primary restarted without persistence
            "UNKNOWN_REPLID, MANUAL_REPLICAOF, EXPECTED",
            "UNKNOWN_REPLID, LINK_DROP, EXPECTED",
            "NO_BACKLOG, LINK_DROP, EXPECTED",
            "-, MANUAL_REPLICAOF, EXPECTED",
            // full syncs where a partial one was possible
            "UNKNOWN_REPLID, FAILOVER, SURPRISE",
            "OFFSET_OUT_OF_BACKLOG, LINK_DROP, SURPRISE",
            "OFFSET_OUT_OF_BACKLOG, -, SURPRISE",
            "OFFSET_BEYOND_HISTORY, FAILOVER, SURPRISE",
            "FAILOVER, FAILOVER, SURPRISE",
            "-, RESTART_FROM_RDB, SURPRISE",
            "-, LINK_DROP, SURPRISE",
            "-, FAILOVER, SURPRISE",
            "-, DIVERGED, SURPRISE",
            "-, PARTIAL_REFUSED, SURPRISE",
            "-, OTHER, SURPRISE",
    })
    void fullSyncs(String source, String receiver, SyncExpectation want) {
        assertThat(judge(SyncType.FULL, source == null ? null : SyncCause.valueOf(source),
                receiver == null ? null : SyncCause.valueOf(receiver))).isEqualTo(want);
    }

    @Test
    void everyPartialSyncIsExpectedWhateverItsCause() {
        for (SyncCause c : SyncCause.values()) {
            assertThat(judge(SyncType.PARTIAL, null, c)).as(c.name()).isEqualTo(EXPECTED);
            assertThat(judge(SyncType.PARTIAL, c, SyncCause.FAILOVER)).as(c.name()).isEqualTo(EXPECTED);
        }
    }

    @Test
    void everyFullSyncCauseIsJudged() {
        for (SyncCause source : SyncCause.values()) {
            for (SyncCause receiver : SyncCause.values()) {
                assertThat(SyncExpectation.judge(SyncType.FULL, SyncOutcome.OK, Optional.of(source), Optional.of(receiver),
                        Optional.empty()).reason()).isNotBlank();
            }
        }
    }

    @Test
    void aPredictedFullSyncIsExpectedAndAFullOneWherePartialWasPredictedIsASurprise() {
        var predictedFull = SyncExpectation.judge(SyncType.FULL, SyncOutcome.OK, Optional.of(SyncCause.OFFSET_OUT_OF_BACKLOG),
                Optional.of(SyncCause.LINK_DROP), Optional.of(SyncType.FULL));
        assertThat(predictedFull.expectation()).isEqualTo(EXPECTED);
        assertThat(predictedFull.reason()).isEqualTo("full sync, as predicted");
        var predictedPartial = SyncExpectation.judge(SyncType.FULL, SyncOutcome.OK, Optional.of(SyncCause.NEW_REPLICA),
                Optional.of(SyncCause.STARTUP), Optional.of(SyncType.PARTIAL));
        assertThat(predictedPartial.expectation()).isEqualTo(SURPRISE);
    }

    @Test
    void aFailedSyncIsASurprise() {
        assertThat(SyncExpectation.judge(SyncType.PARTIAL, SyncOutcome.FAILED, Optional.empty(), Optional.of(SyncCause.DIVERGED),
                Optional.empty()).expectation()).isEqualTo(SURPRISE);
    }
}
