package dev.syncer.views.model.timeline;

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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SyncSidesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String R = "aaaa11112222333344445555666677778888aaaa";
    private static final Duration WINDOW = TimelineModel.CORRELATION_WINDOW;
    /** The primary names its replica by address; the console knows which shard listens there. */
    private static final Function<String, String> NAMES = id -> id.equals("127.0.0.1:7002") ? "s2" : id;

    private static SyncReport replica(SyncType type, SyncCause cause, String replid, long offset, Instant at) {
        return new SyncReport(7, at, "s2", SyncSide.REPLICA, type, cause, "", "s1", replid, offset, 100,
                Duration.ofMillis(20), List.of(), SyncOutcome.OK, Optional.empty());
    }

    private static SyncReport primary(SyncType type, SyncCause cause, String detail, String replid, long offset, Instant at) {
        return new SyncReport(3, at, "s1", SyncSide.PRIMARY, type, cause, detail, "127.0.0.1:7002", replid, offset, 100,
                Duration.ofMillis(5), List.of(), SyncOutcome.OK, Optional.empty());
    }

    @Test
    void theTwoEndsOfOnePsyncPairByTheirEndsTypeReplidAndOffset() {
        SyncSides fromReplica = SyncSides.of(replica(SyncType.FULL, SyncCause.LINK_DROP, R, 843_414, T0));
        SyncReport fromPrimary = primary(SyncType.FULL, SyncCause.OFFSET_OUT_OF_BACKLOG, "requested 843414, backlog 1..843413",
                R, 843_414, T0.plusMillis(300));

        assertThat(fromReplica.pairsWith(fromPrimary, WINDOW, NAMES)).isTrue();
        SyncSides both = fromReplica.with(fromPrimary);
        assertThat(both.receiverId()).isEqualTo("s2");
        assertThat(both.sourceId()).isEqualTo("s1");
        assertThat(both.cause()).as("the primary decided the type").isEqualTo(SyncCause.OFFSET_OUT_OF_BACKLOG);
        assertThat(both.detail()).isEqualTo("requested 843414, backlog 1..843413 · replica: link drop");
        assertThat(both.first().side()).isEqualTo(SyncSide.REPLICA);
    }

    @Test
    void aSecondReportFromTheSameEndIsAnotherSync() {
        SyncSides one = SyncSides.of(replica(SyncType.PARTIAL, SyncCause.FAILOVER, R, 10, T0));
        assertThat(one.pairsWith(replica(SyncType.PARTIAL, SyncCause.FAILOVER, R, 10, T0), WINDOW, NAMES)).isFalse();
        SyncSides both = one.with(primary(SyncType.PARTIAL, SyncCause.FAILOVER, "", R, 10, T0));
        assertThat(both.pairsWith(primary(SyncType.PARTIAL, SyncCause.FAILOVER, "", R, 10, T0), WINDOW, NAMES)).isFalse();
    }

    @Test
    void otherOffsetReplidTypeOrEndsAreOtherSyncs() {
        SyncSides one = SyncSides.of(replica(SyncType.PARTIAL, SyncCause.FAILOVER, R, 10, T0));
        assertThat(one.pairsWith(primary(SyncType.PARTIAL, SyncCause.FAILOVER, "", R, 11, T0), WINDOW, NAMES)).isFalse();
        assertThat(one.pairsWith(primary(SyncType.PARTIAL, SyncCause.FAILOVER, "", R.replace('a', 'b'), 10, T0), WINDOW, NAMES))
                .isFalse();
        assertThat(one.pairsWith(primary(SyncType.FULL, SyncCause.FAILOVER, "", R, 10, T0), WINDOW, NAMES)).isFalse();
        assertThat(one.pairsWith(primary(SyncType.PARTIAL, SyncCause.FAILOVER, "", R, 10, T0), WINDOW, id -> id))
                .as("the primary's replica address is nobody the console knows").isFalse();
    }

    @Test
    void twoFullSyncsAtTheSameOffsetAreTellApartByTime() {
        SyncSides one = SyncSides.of(replica(SyncType.FULL, SyncCause.STARTUP, R, 0, T0));
        assertThat(one.pairsWith(primary(SyncType.FULL, SyncCause.NEW_REPLICA, "", R, 0, T0.plus(WINDOW).plusSeconds(5)),
                WINDOW, NAMES)).isFalse();
        assertThat(one.pairsWith(primary(SyncType.FULL, SyncCause.NEW_REPLICA, "", R, 0, T0.plusSeconds(2)), WINDOW, NAMES))
                .isTrue();
    }

    @Test
    void aReceiverThatSpentLongConnectingPairsByTheEnd() {
        SyncReport slow = new SyncReport(9, T0.plusSeconds(60), "s2", SyncSide.REPLICA, SyncType.FULL, SyncCause.STARTUP, "",
                "s1", R, 0, 100, Duration.ofSeconds(58), List.of(), SyncOutcome.OK, Optional.empty());
        assertThat(SyncSides.of(slow).pairsWith(primary(SyncType.FULL, SyncCause.NEW_REPLICA, "", R, 0, T0.plusSeconds(59)),
                WINDOW, NAMES)).isTrue();
    }

    @Test
    void sameCausesOnBothEndsShowOnce() {
        SyncSides both = SyncSides.of(replica(SyncType.PARTIAL, SyncCause.FAILOVER, R, 10, T0))
                .with(primary(SyncType.PARTIAL, SyncCause.FAILOVER, "", R, 10, T0));
        assertThat(both.cause()).isEqualTo(SyncCause.FAILOVER);
        assertThat(both.detail()).isEmpty();
    }
}
