package dev.syncer.views.model.dashboard;

import dev.syncer.views.model.charts.Metric;
import dev.syncer.views.model.charts.SeriesStore;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.SyncerState;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.Runway;
import dev.syncer.views.model.timeline.TimelineEntry;
import dev.syncer.views.model.topology.TopologyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * The headline numbers of the dashboard, recomputed on each UI tick: how many shards answer, how
 * many links are down, the worst lag, the thinnest backlog runway, syncs of the last minutes.
 */
public final class DashboardModel {

    /** Syncs are counted over this much recent time. */
    public static final Duration SYNC_WINDOW = Duration.ofMinutes(15);

    private final ReadOnlyIntegerWrapper shardsUp = new ReadOnlyIntegerWrapper(this, "shardsUp");
    private final ReadOnlyIntegerWrapper shardsTotal = new ReadOnlyIntegerWrapper(this, "shardsTotal");
    private final ReadOnlyIntegerWrapper primaries = new ReadOnlyIntegerWrapper(this, "primaries");
    private final ReadOnlyIntegerWrapper linksDown = new ReadOnlyIntegerWrapper(this, "linksDown");
    private final ReadOnlyLongWrapper maxLagBytes = new ReadOnlyLongWrapper(this, "maxLagBytes");
    private final ReadOnlyIntegerWrapper syncersInSync = new ReadOnlyIntegerWrapper(this, "syncersInSync");
    private final ReadOnlyIntegerWrapper syncersTotal = new ReadOnlyIntegerWrapper(this, "syncersTotal");
    private final ReadOnlyLongWrapper maxSyncerLagMillis = new ReadOnlyLongWrapper(this, "maxSyncerLagMillis");
    private final ReadOnlyDoubleWrapper opsPerSec = new ReadOnlyDoubleWrapper(this, "opsPerSec");
    private final ReadOnlyDoubleWrapper streamBytesPerSec = new ReadOnlyDoubleWrapper(this, "streamBytesPerSec");
    private final ReadOnlyDoubleWrapper thinnestRunway = new ReadOnlyDoubleWrapper(this, "thinnestRunway", 100);
    private final ReadOnlyDoubleWrapper thinnestRunwaySeconds = new ReadOnlyDoubleWrapper(this, "thinnestRunwaySeconds",
            Metric.RUNWAY_CAP_SECONDS);
    private final ReadOnlyIntegerWrapper fullSyncs = new ReadOnlyIntegerWrapper(this, "fullSyncs");
    private final ReadOnlyIntegerWrapper partialSyncs = new ReadOnlyIntegerWrapper(this, "partialSyncs");
    private List<TimelineEntry> syncRows = List.of();
    private Instant now = Instant.EPOCH;
    private final ReadOnlyLongWrapper ticks = new ReadOnlyLongWrapper(this, "ticks");

    public void update(TopologySnapshot s, TopologyModel topology, SeriesStore store) {
        List<ShardInfo> shards = s.shards();
        shardsTotal.set(shards.size());
        shardsUp.set((int) shards.stream().filter(x -> x.state().isUp()).count());
        primaries.set((int) shards.stream().filter(x -> x.isPrimary() && x.state().isUp()).count());
        linksDown.set((int) topology.getReplicationEdges().stream().filter(e -> !e.getState().flowing()).count());
        maxLagBytes.set(topology.getReplicationEdges().stream().mapToLong(e -> e.lagBytesProperty().get()).max().orElse(0));
        List<SyncerInfo> syncers = s.syncers();
        syncersTotal.set(syncers.size());
        syncersInSync.set((int) syncers.stream().filter(x -> x.state() == SyncerState.IN_SYNC).count());
        maxSyncerLagMillis.set(syncers.stream().mapToLong(SyncerInfo::lagMillis).max().orElse(0));
        opsPerSec.set(shards.stream().filter(x -> x.isPrimary() && x.state().isUp()).mapToDouble(x -> x.stats().opsPerSec()).sum());
        streamBytesPerSec.set(shards.stream().filter(x -> x.isPrimary() && x.state().isUp())
                .mapToDouble(x -> store.writeRate(x.id())).sum());
        double thinnest = 100;
        double seconds = Metric.RUNWAY_CAP_SECONDS;
        for (ShardInfo x : shards) {
            if (x.isPrimary() && x.state().isUp() && x.replication().backlog().size() > 0) {
                Runway r = Runway.of(s, x, store.writeRate(x.id()));
                for (Runway.Marker m : r.markers()) {
                    thinnest = Math.min(thinnest, 100.0 * m.headroomBytes() / r.size());
                    seconds = Math.min(seconds, m.headroomSeconds());
                }
            }
        }
        thinnestRunway.set(Math.max(0, thinnest));
        thinnestRunwaySeconds.set(Math.max(0, seconds));
        now = s.takenAt(); // syncs older than SYNC_WINDOW before this snapshot drop out of the counts
        recount();
        ticks.set(ticks.get() + 1);
    }

    /**
     * Counts the timeline's sync rows: one row per sync, both ends' reports merged, so the numbers
     * come from the same attribution the timeline shows (and a sync inferred over real Redis counts).
     */
    public void count(List<TimelineEntry> rows) {
        syncRows = rows.stream().filter(r -> r.kind() != TimelineEntry.Kind.OPERATION).toList();
        recount();
    }

    private void recount() {
        Instant from = now.minus(SYNC_WINDOW);
        List<TimelineEntry> recent = syncRows.stream().filter(r -> !r.time().isBefore(from)).toList();
        fullSyncs.set((int) recent.stream().filter(r -> r.kind() == TimelineEntry.Kind.FULL_SYNC).count());
        partialSyncs.set((int) recent.stream().filter(r -> r.kind() == TimelineEntry.Kind.PARTIAL_SYNC).count());
    }

    /**
     * Counts updates: the dashboard redraws all its tiles at once when it changes, which happens at
     * most once per UI tick — one throttled timer instead of a listener per number.
     */
    public ReadOnlyLongProperty ticksProperty() {
        return ticks.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shardsUpProperty() {
        return shardsUp.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shardsTotalProperty() {
        return shardsTotal.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty primariesProperty() {
        return primaries.getReadOnlyProperty();
    }

    /** Replication links not streaming (down, cut, full sync). */
    public ReadOnlyIntegerProperty linksDownProperty() {
        return linksDown.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty maxLagBytesProperty() {
        return maxLagBytes.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty syncersInSyncProperty() {
        return syncersInSync.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty syncersTotalProperty() {
        return syncersTotal.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty maxSyncerLagMillisProperty() {
        return maxSyncerLagMillis.getReadOnlyProperty();
    }

    /** Sum of {@code instantaneous_ops_per_sec} over running primaries. */
    public ReadOnlyDoubleProperty opsPerSecProperty() {
        return opsPerSec.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty streamBytesPerSecProperty() {
        return streamBytesPerSec.getReadOnlyProperty();
    }

    /** The smallest backlog headroom of any reader, in % of its backlog size (100 when none reads). */
    public ReadOnlyDoubleProperty thinnestRunwayProperty() {
        return thinnestRunway.getReadOnlyProperty();
    }

    /**
     * The smallest backlog headroom of any reader in seconds of writes at the current rate, capped
     * at {@link Metric#RUNWAY_CAP_SECONDS} (also when no one reads or nothing is written).
     */
    public ReadOnlyDoubleProperty thinnestRunwaySecondsProperty() {
        return thinnestRunwaySeconds.getReadOnlyProperty();
    }

    /** Full syncs received in the last {@link #SYNC_WINDOW}. */
    public ReadOnlyIntegerProperty fullSyncsProperty() {
        return fullSyncs.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty partialSyncsProperty() {
        return partialSyncs.getReadOnlyProperty();
    }
}
