package dev.syncer.views.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.Backlog;
import dev.syncer.views.model.port.SyncType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The boundaries of redis-replication-wire.md §3, observed on redis-server 7.0.15. */
class PsyncDecisionTest {

    private static final String ID = "8f3a12c9d0b14e7fa26c55e01d9b7c3e4a6f2b18";
    private static final String OLD = "6a1a0000d0b14e7fa26c55e01d9b7c3e4a6f2b18";
    private static final String OTHER = "0e350000d0b14e7fa26c55e01d9b7c3e4a6f2b18";

    /** Backlog [4096…9000]: first byte 4096, 4905 bytes, master_repl_offset 9000. */
    private static final PsyncSource SOURCE = new PsyncSource("s2", ID, OLD, 8000, 9000,
            new Backlog(true, 1 << 20, 4096, 4905));

    @ParameterizedTest(name = "PSYNC replid {0} → {1}")
    @CsvSource({
        "4096, PARTIAL",  // the first byte
        "4095, FULL",     // first-1
        "9000, PARTIAL",
        "9001, PARTIAL",  // master_repl_offset+1: CONTINUE with nothing to send
        "9002, FULL",     // master_repl_offset+2
        "0, FULL",
        "-1, FULL"})
    void backlogBoundariesDecideForTheCurrentReplid(long offset, SyncType expected) {
        assertThat(PsyncDecision.decide(ID, offset, SOURCE).type()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "PSYNC replid2 {0} → {1}")
    @CsvSource({"8000, PARTIAL", "8001, FULL", "4096, PARTIAL", "4095, FULL"})
    void replid2IsValidUpToSecondReplOffsetInclusive(long offset, SyncType expected) {
        assertThat(PsyncDecision.decide(OLD, offset, SOURCE).type()).isEqualTo(expected);
    }

    @Test
    void partialRuleNamesTheMatchingIdAndTheBound() {
        PsyncDecision d = PsyncDecision.decide(OLD, 7234, SOURCE);
        assertThat(d.rule()).isEqualTo("partial: replid 6a1a00… matches replid2 and offset 7\u2009234 ≤ second_repl_offset"
                + " 8\u2009000, inside the backlog [4\u2009096…9\u2009000]");
    }

    @Test
    void offsetBeyondSecondReplOffsetSaysTheReplicaHasWritesTheSourceNeverSaw() {
        assertThat(PsyncDecision.decide(OLD, 8001, SOURCE).rule())
                .startsWith("full: replid 6a1a00… matches replid2 but offset 8\u2009001 > second_repl_offset 8\u2009000")
                .endsWith("(writes s2 never received)");
    }

    @Test
    void offsetBelowTheFirstByteLeftTheBacklog() {
        assertThat(PsyncDecision.decide(ID, 512, SOURCE).rule())
                .isEqualTo("full: offset 512 left the backlog [4\u2009096…9\u2009000]");
    }

    @Test
    void unknownReplidIsAFullSyncNamingTheSourcesHistory() {
        PsyncDecision d = PsyncDecision.decide(OTHER, 5000, SOURCE);
        assertThat(d.type()).isEqualTo(SyncType.FULL);
        assertThat(d.rule()).contains("replid 0e3500… is not in s2's history (replid 8f3a12…, replid2 6a1a00…)");
    }

    @Test
    void questionMarkAlwaysForcesAFullSync() {
        assertThat(PsyncDecision.decide("?", 5000, SOURCE).type()).isEqualTo(SyncType.FULL);
    }

    @Test
    void matchingHistoryWithoutBacklogIsStillAFullSync() {
        PsyncSource none = new PsyncSource("s2", ID, OLD, 8000, 9000, new Backlog(false, 1 << 20, 0, 0));
        assertThat(PsyncDecision.decide(ID, 9001, none).rule()).contains("no backlog");
    }

    @Test
    void replidsCompareIgnoringCase() {
        assertThat(PsyncDecision.decide(ID.toUpperCase(), 5000, SOURCE).type()).isEqualTo(SyncType.PARTIAL);
    }
}
