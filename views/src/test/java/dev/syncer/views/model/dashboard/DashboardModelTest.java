package dev.syncer.views.model.dashboard;

import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.timeline.TimelineModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardModelTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final String R = "a".repeat(40);

    private final TimelineModel timeline = new TimelineModel(id -> id.startsWith("127.0.0.1:") ? "s" + id.substring(13) : id);
    private final DashboardModel dashboard = new DashboardModel();

    @Test
    void aSyncReportedByBothEndsCountsOnceAsTheTimelineShowsIt() {
        timeline.accept(List.of(
                new SyncReport(1, T0, "s2", SyncSide.REPLICA, SyncType.PARTIAL, SyncCause.LINK_DROP, "", "s1", R, 500, 40,
                        Duration.ofMillis(3), List.of(), SyncOutcome.OK, Optional.empty()),
                new SyncReport(2, T0, "s1", SyncSide.PRIMARY, SyncType.PARTIAL, SyncCause.LINK_DROP, "", "127.0.0.1:7002",
                        R, 500, 40, Duration.ofMillis(1), List.of(), SyncOutcome.OK, Optional.empty()),
                // a sync only the primary saw (a replica of real Redis reconnecting between polls) counts too
                new SyncReport(3, T0.plusSeconds(1), "s1", SyncSide.PRIMARY, SyncType.FULL, SyncCause.NEW_REPLICA, "",
                        "127.0.0.1:7003", R, 540, 900, Duration.ofMillis(9), List.of(), SyncOutcome.OK, Optional.empty())));

        dashboard.count(timeline.getAll());

        assertThat(dashboard.partialSyncsProperty().get()).isEqualTo(1);
        assertThat(dashboard.fullSyncsProperty().get()).isEqualTo(1);
    }
}
