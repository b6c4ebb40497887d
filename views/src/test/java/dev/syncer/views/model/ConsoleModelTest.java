package dev.syncer.views.model;

import dev.syncer.views.model.charts.LiveSeriesModel;
import dev.syncer.views.model.charts.Metric;
import dev.syncer.views.model.dashboard.DashboardModel;
import dev.syncer.views.model.prediction.Runway;
import dev.syncer.views.model.timeline.TimelineEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.timeline.TimelineEntry.Verdict;
import dev.syncer.views.testing.ConsoleHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleModelTest {

    private final ConsoleHarness h = ConsoleHarness.demo();

    @Test
    void manySnapshotsWithinOneTickAreAppliedOnceAsTheNewest() {
        List<Object> applied = new ArrayList<>();
        h.model.topology().snapshotProperty().addListener((o, a, b) -> applied.add(b));
        for (int i = 0; i < 20; i++) {
            h.lab.write(100);
            h.lab.publish();
        }
        h.ui.advance(ConsoleModel.UI_PERIOD);
        assertThat(applied).hasSize(1);
        assertThat(h.model.topology().shard("s1").orElseThrow().getInfo().replication().masterReplOffset())
                .isEqualTo(48_211_870 + 2_000);
    }

    @Test
    void aShardNameTwoClustersUseComesWithItsClusters() {
        h.lab.shard("s1").named("orders/1");
        h.lab.shard("s7").named("orders/1");
        h.publish();
        assertThat(h.model.labelOf("s1")).isEqualTo("east orders/1");
        assertThat(h.model.labelOf("127.0.0.1:7007")).as("by endpoint").isEqualTo("west orders/1");
        assertThat(h.model.labelOf("s2")).as("a name of one shard alone").isEqualTo("s2");
    }

    @Test
    void selectionGoesAwayWithItsShard() {
        h.select("s3");
        assertThat(h.model.selectionProperty().get()).isNotNull();
        h.lab.removeShard("s3");
        h.publish();
        assertThat(h.model.selectionProperty().get()).isNull();
        assertThat(h.model.detail().titleProperty().get()).isEqualTo("Nothing selected");
    }

    @Test
    void detailShowsInfoFieldsByTheirRedisNamesAndTheRunway() {
        h.select("s1");
        assertThat(h.model.detail().titleProperty().get()).isEqualTo("s1 · primary");
        assertThat(h.model.detail().getRows()).anySatisfy(r -> {
            assertThat(r.field()).isEqualTo("master_replid");
            assertThat(r.value()).isEqualTo("8f3a12…");
            assertThat(r.full()).isEqualTo("8f3a12c9d0b14e7fa26c55e01d9b7c3e4a6f2b18");
        });
        Runway runway = h.model.detail().getRunway();
        assertThat(runway.markers()).extracting(Runway.Marker::label).containsExactly("syncer east→west", "s3", "s2");
    }

    @Test
    void selectingALinkShowsItsUpstreamsRunway() {
        h.model.selectionProperty().set(h.model.topology().replicationEdge("s3").orElseThrow());
        assertThat(h.model.detail().titleProperty().get()).isEqualTo("Link s3 ← s1");
        assertThat(h.model.detail().getRows()).anySatisfy(r -> assertThat(r.value()).isEqualTo("delay 150 ms"));
        assertThat(h.model.detail().getRunway().shardName()).isEqualTo("s1");
    }

    @Test
    void selectingAShardChartsItsTreeAndTheSyncersReadingIt() {
        h.select("s2");
        assertThat(h.model.live().getSubjects()).containsExactly("s1", "s2", "y1");
        for (int i = 0; i < 8; i++) {
            h.lab.run(Duration.ofMillis(500));
            h.ui.advance(Duration.ofMillis(250));
            h.publish();
        }
        h.model.live().metricProperty().set(Metric.STREAM_BYTES_PER_SEC);
        assertThat(h.model.live().getSeries()).extracting(LiveSeriesModel.ChartSeries::label)
                .containsExactly("s1", "s2", "syncer east→west");
        assertThat(h.model.live().getSeries().getFirst().points()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.time()).isBetween(-60_000L, 0L));
    }

    @Test
    void aFailoverFromTheCommandEndsOnTheTimelineWithPredictedAndActualSyncs() {
        h.select("s4");
        h.model.operations().submit(h.model.operations().command(OperationKind.FAILOVER).prepare().orElseThrow());
        h.runOperations();
        List<TimelineEntry> rows = h.model.timeline().getAll();
        TimelineEntry op = rows.stream().filter(e -> e.kind() == TimelineEntry.Kind.OPERATION).findFirst().orElseThrow();
        assertThat(op.subject()).isEqualTo("Failover sessions");
        assertThat(op.verdict()).isEqualTo(Verdict.HELD);
        assertThat(op.expectation()).isEqualTo("2 of 2 held");
        assertThat(rows).filteredOn(e -> e.kind() != TimelineEntry.Kind.OPERATION)
                .extracting(TimelineEntry::subject, TimelineEntry::expectation, TimelineEntry::verdict)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("s4 ← s5", "predicted partial", Verdict.HELD),
                        org.assertj.core.groups.Tuple.tuple("s6 ← s5", "predicted partial", Verdict.HELD));
        assertThat(h.model.dashboard().partialSyncsProperty().get()).isEqualTo(2);
        assertThat(h.model.topology().shard("s5").orElseThrow().roleProperty().get().infoValue()).isEqualTo("master");
    }

    @Test
    void aForcedFullSyncTheRulesDidNotExpectIsFlaggedOnTheTimeline() {
        h.lab.forceFullSyncOf("s6").tagEvents(false);
        h.select("s4");
        h.model.operations().submit(h.model.operations().command(OperationKind.FAILOVER).prepare().orElseThrow());
        h.runOperations();
        TimelineEntry s6 = h.model.timeline().getAll().stream().filter(e -> e.subject().equals("s6 ← s5"))
                .findFirst().orElseThrow();
        assertThat(s6.verdict()).isEqualTo(Verdict.MISSED);
        assertThat(s6.operationLabel()).isEqualTo("Failover sessions");
        assertThat(h.model.dashboard().fullSyncsProperty().get()).isEqualTo(1);
    }

    @Test
    void dashboardSumsTheTopology() {
        DashboardModel d = h.model.dashboard();
        assertThat(d.shardsTotalProperty().get()).isEqualTo(8);
        assertThat(d.shardsUpProperty().get()).isEqualTo(8);
        assertThat(d.primariesProperty().get()).isEqualTo(3);
        assertThat(d.syncersInSyncProperty().get()).isEqualTo(2);
        assertThat(d.maxSyncerLagMillisProperty().get()).isEqualTo(420);
        assertThat(d.thinnestRunwayProperty().get()).isBetween(60.0, 80.0);
    }
}
