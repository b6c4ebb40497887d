package dev.syncer.views.model.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The console's PSYNC prediction: the boundaries from the truth table the engine's decision is
 * tested against too, then the rule texts an operator reads.
 */
class PredictedPsyncTest {

    private static final String ID = "8f3a12c9d0b14e7fa26c55e01d9b7c3e4a6f2b18";
    private static final String OLD = "6a1a0000d0b14e7fa26c55e01d9b7c3e4a6f2b18";
    private static final String OTHER = "0e350000d0b14e7fa26c55e01d9b7c3e4a6f2b18";

    /** BacklogInfo [4096…9000]: first byte 4096, 4905 bytes, master_repl_offset 9000. */
    private static final PsyncSource SOURCE = new PsyncSource("s2", ID, OLD, 8000, 9000,
            new BacklogInfo(true, 1 << 20, 4096, 4905));

    /** One row of {@code testdata/psync-boundaries.csv}, observed on redis-server 7.0.15. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(files = "../testdata/psync-boundaries.csv", useHeadersInDisplayName = false, numLinesToSkip = 1)
    void boundariesObservedOnRedisServer(String name, String replid, String replid2, long secondReplOffset,
                                         int backlogActive, long backlogFirst, long backlogHistlen,
                                         String requestedReplid, long requestedOffset, String expected,
                                         String expectedCause) {
        boolean active = backlogActive == 1;
        long masterReplOffset = active ? backlogFirst + backlogHistlen - 1 : 0;
        PsyncSource source = new PsyncSource("primary", replid, replid2, secondReplOffset, masterReplOffset,
                new BacklogInfo(active, 16 * 1024, backlogFirst, backlogHistlen));
        PredictedPsync d = PredictedPsync.decide(requestedReplid, requestedOffset, source);
        assertThat(d.type()).as(d.rule()).isEqualTo(SyncType.valueOf(expected.toUpperCase(java.util.Locale.ROOT)));
        assertThat(d.cause()).as(d.rule()).isEqualTo(SyncCause.fromWire(expectedCause));
    }

    @Test
    void partialRuleNamesTheMatchingIdAndTheBound() {
        PredictedPsync d = PredictedPsync.decide(OLD, 7234, SOURCE);
        assertThat(d.rule()).isEqualTo("partial: replid 6a1a00… matches replid2 and offset 7\u2009234 ≤ second_repl_offset"
                + " 8\u2009000, inside the backlog [4\u2009096…9\u2009000]");
    }

    @Test
    void offsetBeyondSecondReplOffsetSaysTheReplicaHasWritesTheSourceNeverSaw() {
        assertThat(PredictedPsync.decide(OLD, 8001, SOURCE).rule())
                .startsWith("full: replid 6a1a00… matches replid2 but offset 8\u2009001 > second_repl_offset 8\u2009000")
                .endsWith("(writes s2 never received)");
    }

    @Test
    void offsetBelowTheFirstByteLeftTheBacklog() {
        assertThat(PredictedPsync.decide(ID, 512, SOURCE).rule())
                .isEqualTo("full: offset 512 left the backlog [4\u2009096…9\u2009000]");
    }

    @Test
    void unknownReplidIsAFullSyncNamingTheSourcesHistory() {
        PredictedPsync d = PredictedPsync.decide(OTHER, 5000, SOURCE);
        assertThat(d.type()).isEqualTo(SyncType.FULL);
        assertThat(d.rule()).contains("replid 0e3500… is not in s2's history (replid 8f3a12…, replid2 6a1a00…)");
    }


    @Test
    void matchingHistoryWithoutBacklogIsStillAFullSync() {
        PsyncSource none = new PsyncSource("s2", ID, OLD, 8000, 9000, new BacklogInfo(false, 1 << 20, 0, 0));
        assertThat(PredictedPsync.decide(ID, 9001, none).rule()).contains("no backlog");
    }
}
