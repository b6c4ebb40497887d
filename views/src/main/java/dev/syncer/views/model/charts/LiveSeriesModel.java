package dev.syncer.views.model.charts;

import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.SyncPredictor;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live charts: which metric, over which window, for which shards and syncers — and the points
 * to draw, recomputed at most once per UI tick. The subjects follow the selection: selecting a
 * shard charts its replication tree and the syncers reading from it.
 */
public final class LiveSeriesModel {

    /** Points per series at most: a chart a few hundred pixels wide shows no more. */
    public static final int MAX_POINTS = 240;

    /** A chartable shard or syncer. */
    public record Subject(String id, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** An operation on the time axis: {@code time} in milliseconds before now (≤ 0). */
    public record OperationMark(long time, String label) {
    }

    /** One line of the chart: x is seconds before now (negative), y the metric's value. */
    public record ChartSeries(String id, String label, List<RingSeries.Point> points) {
    }

    private final SeriesStore store = new SeriesStore();
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(this, "metric", Metric.LAG_BYTES);
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(this, "window", TimeWindow.ONE_MINUTE);
    private final ObservableList<Subject> available = FXCollections.observableArrayList();
    private final ObservableList<Subject> readOnlyAvailable = FXCollections.unmodifiableObservableList(available);
    private final ObservableList<String> subjects = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<ChartSeries>> series = new ReadOnlyObjectWrapper<>(this, "series", List.of());
    private final ReadOnlyObjectWrapper<List<OperationMark>> marks = new ReadOnlyObjectWrapper<>(this, "marks", List.of());
    /** Operations started, oldest first, as (epoch millis, label); older than the longest window are dropped. */
    private final ArrayDeque<OperationMark> operations = new ArrayDeque<>();
    private Instant now = Instant.EPOCH;

    public LiveSeriesModel() {
        metric.addListener((o, a, b) -> refresh());
        window.addListener((o, a, b) -> refresh());
        subjects.addListener((javafx.collections.ListChangeListener<String>) c -> refresh());
    }

    /** Samples {@code snapshot} and redraws; called once per UI tick. */
    public void record(TopologySnapshot snapshot) {
        store.record(snapshot);
        now = snapshot.takenAt();
        List<Subject> next = new ArrayList<>();
        snapshot.shards().forEach(s -> next.add(new Subject(s.id(), s.name())));
        snapshot.syncers().forEach(s -> next.add(new Subject(s.id(), SyncPredictor.syncerLabel(snapshot, s))));
        if (!available.equals(next)) {
            available.setAll(next);
        }
        refresh();
    }

    /** Charts {@code shard}'s replication tree: its upstream, itself, its replicas and its syncers. */
    public void focusOn(TopologySnapshot snapshot, ShardInfo shard) {
        Set<String> ids = new LinkedHashSet<>();
        snapshot.upstreamOf(shard).ifPresent(u -> ids.add(u.id()));
        ids.add(shard.id());
        snapshot.replicasOf(shard).forEach(r -> ids.add(r.id()));
        ShardInfo primary = shard;
        while (primary.isReplica() && snapshot.upstreamOf(primary).isPresent()) {
            primary = snapshot.upstreamOf(primary).get();
        }
        for (SyncerInfo s : snapshot.syncers()) {
            if (s.databaseId().equals(primary.databaseId()) && s.sourceClusterId().equals(primary.clusterId())) {
                ids.add(s.id());
            }
        }
        subjects.setAll(ids);
    }

    /** An operation started at {@code at}: marked on the time axis while the window shows it. */
    public void mark(Instant at, String label) {
        operations.addLast(new OperationMark(at.toEpochMilli(), label));
        refresh();
    }

    private void refresh() {
        long from = now.minus(window.get().length()).toEpochMilli();
        long oldest = now.minus(TimeWindow.longest().length()).toEpochMilli();
        while (!operations.isEmpty() && operations.peekFirst().time() < oldest) {
            operations.removeFirst();
        }
        marks.set(operations.stream().filter(m -> m.time() >= from && m.time() <= now.toEpochMilli())
                .map(m -> new OperationMark(m.time() - now.toEpochMilli(), m.label())).toList());
        List<ChartSeries> out = new ArrayList<>();
        for (String id : subjects) {
            String label = labelOf(id);
            store.get(id, metric.get()).ifPresent(ring -> {
                List<RingSeries.Point> pts = new ArrayList<>();
                for (RingSeries.Point p : ring.since(from, MAX_POINTS)) {
                    pts.add(new RingSeries.Point(p.time() - now.toEpochMilli(), p.value()));
                }
                out.add(new ChartSeries(id, label, List.copyOf(pts)));
            });
        }
        series.set(List.copyOf(out));
    }

    /** The store behind the charts, shared with the runway's write rates. */
    public SeriesStore store() {
        return store;
    }

    public ObjectProperty<Metric> metricProperty() {
        return metric;
    }

    public ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    /** Shards and syncers that can be charted. */
    public ObservableList<Subject> getAvailable() {
        return readOnlyAvailable;
    }

    /** Ids being charted; editable by the operator. */
    public ObservableList<String> getSubjects() {
        return subjects;
    }

    /** What to draw; x in milliseconds before now (≤ 0). */
    public ReadOnlyObjectProperty<List<ChartSeries>> seriesProperty() {
        return series.getReadOnlyProperty();
    }

    /** Operations inside the window; x as for the series. */
    public ReadOnlyObjectProperty<List<OperationMark>> marksProperty() {
        return marks.getReadOnlyProperty();
    }

    public List<ChartSeries> getSeries() {
        return series.get();
    }

    /** The label of a subject id, or the id. */
    public String labelOf(String id) {
        return available.stream().filter(s -> Objects.equals(s.id(), id)).map(Subject::label).findFirst().orElse(id);
    }
}
