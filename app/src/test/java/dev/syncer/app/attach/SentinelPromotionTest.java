package dev.syncer.app.attach;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.syncer.app.attach.SentinelPromotion.sentinelSelectSlave;
import static org.assertj.core.api.Assertions.assertThat;

/** Sentinel's choice of the replica to promote, from what SENTINEL REPLICAS reports. */
class SentinelPromotionTest {

    private static final SentinelPromotion.Master UP = new SentinelPromotion.Master(5_000, false, 0);

    private static SentinelPromotion.Candidate replica(int port, int priority, long offset, String runId) {
        return new SentinelPromotion.Candidate("127.0.0.1:" + port, "slave", 100, 1_000, 0, priority, offset, runId);
    }

    private static String chosen(SentinelPromotion.Master master, SentinelPromotion.Candidate... replicas) {
        return sentinelSelectSlave(master, List.of(replicas)).map(SentinelPromotion.Candidate::id).orElse("none");
    }

    @Test
    void lowestReplicaPriorityWinsOverALargerOffset() {
        assertThat(chosen(UP, replica(7001, 100, 900, "a"), replica(7002, 10, 100, "b"))).isEqualTo("127.0.0.1:7002");
    }

    @Test
    void atEqualPriorityTheLargestOffsetWinsWhateverTheRunIds() {
        assertThat(chosen(UP, replica(7001, 100, 500, "0000"), replica(7002, 100, 501, "ffff")))
                .isEqualTo("127.0.0.1:7002");
    }

    @Test
    void atEqualPriorityAndOffsetTheSmallestRunIdWinsIgnoringCaseAndAnUnknownOneLoses() {
        assertThat(chosen(UP, replica(7001, 100, 500, "B2"), replica(7002, 100, 500, "b1"))).isEqualTo("127.0.0.1:7002");
        assertThat(chosen(UP, replica(7001, 100, 500, ""), replica(7002, 100, 500, "ffff"))).isEqualTo("127.0.0.1:7002");
    }

    @Test
    void priorityZeroDownDisconnectedSilentStaleAndLongUnlinkedReplicasAreLeftOut() {
        SentinelPromotion.Candidate good = replica(7009, 100, 1, "z");
        List<SentinelPromotion.Candidate> left = List.of(
                replica(7001, 0, 900, "a"),
                new SentinelPromotion.Candidate("127.0.0.1:7002", "s_down,slave", 100, 1_000, 0, 1, 900, "a"),
                new SentinelPromotion.Candidate("127.0.0.1:7003", "slave,disconnected", 100, 1_000, 0, 1, 900, "a"),
                new SentinelPromotion.Candidate("127.0.0.1:7004", "slave", 5_001, 1_000, 0, 1, 900, "a"),
                new SentinelPromotion.Candidate("127.0.0.1:7005", "slave", 100, 30_001, 0, 1, 900, "a"),
                new SentinelPromotion.Candidate("127.0.0.1:7006", "slave", 100, 1_000, 50_001, 1, 900, "a"));
        for (SentinelPromotion.Candidate r : left) {
            assertThat(chosen(UP, r, good)).as("%s", r).isEqualTo("127.0.0.1:7009");
        }
        assertThat(chosen(UP, left.toArray(SentinelPromotion.Candidate[]::new))).isEqualTo("none");
    }

    @Test
    void aMasterInSDownShortensInfoValidityAndLengthensTheAllowedLinkDownTime() {
        SentinelPromotion.Master down = new SentinelPromotion.Master(5_000, true, 20_000);
        SentinelPromotion.Candidate staleInfo = new SentinelPromotion.Candidate("127.0.0.1:7001", "slave", 100, 6_000, 0,
                1, 900, "a");
        SentinelPromotion.Candidate longUnlinked = new SentinelPromotion.Candidate("127.0.0.1:7002", "slave", 100, 1_000,
                60_000, 1, 800, "a");
        assertThat(chosen(down, staleInfo, longUnlinked)).isEqualTo("127.0.0.1:7002");
        assertThat(chosen(UP, staleInfo, longUnlinked)).isEqualTo("127.0.0.1:7001");
    }

    @Test
    void readsSentinelsReplyFields() {
        Map<String, Object> reply = Map.of("ip", "127.0.0.1", "port", "7002", "runid", "abc", "flags", "slave",
                "last-ok-ping-reply", "120", "info-refresh", "4000", "master-link-down-time", "0",
                "slave-priority", "100", "slave-repl-offset", "4242");
        assertThat(SentinelPromotion.Candidate.of(reply)).isEqualTo(
                new SentinelPromotion.Candidate("127.0.0.1:7002", "slave", 120, 4_000, 0, 100, 4242, "abc"));
        assertThat(SentinelPromotion.Master.of(Map.of("down-after-milliseconds", "5000", "flags", "master,s_down",
                "s-down-time", "700"))).isEqualTo(new SentinelPromotion.Master(5_000, true, 700));
    }
}
