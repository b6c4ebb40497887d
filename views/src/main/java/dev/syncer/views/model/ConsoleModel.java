package dev.syncer.views.model;

import dev.syncer.views.model.charts.LiveSeriesModel;
import dev.syncer.views.model.dashboard.DashboardModel;
import dev.syncer.views.model.dashboard.DetailModel;
import dev.syncer.views.model.operations.OperationsModel;
import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.ConsolePorts;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.Subscription;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.SyncPredictor;
import dev.syncer.views.model.timeline.TimelineModel;
import dev.syncer.views.model.topology.ReplicationEdgeModel;
import dev.syncer.views.model.topology.Selectable;
import dev.syncer.views.model.topology.ShardModel;
import dev.syncer.views.model.topology.SyncerEdgeModel;
import dev.syncer.views.model.topology.TopologyModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The console's root view-model: it subscribes to the ports, coalesces what arrives to at most
 * {@link #UI_PERIOD} and fans each batch out to the topology, the live series, the detail panel,
 * the timeline, the commands and the dashboard — all on the UI thread of its {@link UiScheduler}.
 */
public final class ConsoleModel implements AutoCloseable {

    /** At most four UI updates a second, however fast snapshots and events arrive. */
    public static final Duration UI_PERIOD = Duration.ofMillis(250);

    private final ConsolePorts ports;
    private final UiScheduler ui;
    private final TopologyModel topology = new TopologyModel();
    private final LiveSeriesModel live = new LiveSeriesModel();
    private final DetailModel detail = new DetailModel();
    private final DashboardModel dashboard = new DashboardModel();
    private final TimelineModel timeline;
    private final OperationsModel operations;
    private final ObjectProperty<Selectable> selection = new SimpleObjectProperty<>(this, "selection");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "waiting for the first snapshot");
    private final List<Subscription> subscriptions = new ArrayList<>();

    public ConsoleModel(ConsolePorts ports, UiScheduler ui) {
        this.ports = ports;
        this.ui = ui;
        this.timeline = new TimelineModel(this::labelOf);
        this.operations = new OperationsModel(ports.operations(), ui, timeline, topology::getSnapshot, selection::get);
        selection.addListener((o, was, now) -> selectionChanged());
    }

    /** Subscribes to the ports; snapshots and events start flowing to the UI thread. */
    public void start() {
        Coalescer<TopologySnapshot> snapshots = Coalescer.latest(ui, UI_PERIOD, this::apply);
        Coalescer<ConsoleEvent> events = new Coalescer<>(ui, UI_PERIOD, this::accept);
        subscriptions.add(ports.topology().subscribe(snapshots::offer));
        subscriptions.add(ports.events().subscribe(events::offer));
    }

    private void apply(TopologySnapshot s) {
        topology.apply(s);
        live.record(s);
        Selectable sel = selection.get();
        if (sel != null && resolve(sel).isEmpty()) {
            selection.set(null);
        } else {
            detail.show(sel, s, live.store()::writeRate);
            operations.refresh();
        }
        dashboard.update(s, topology, live.store());
        timeline.tick(ui.now());
        status.set(s.shards().size() + " shards · " + s.clusters().size() + " clusters · " + ports.targetName());
    }

    private void accept(List<ConsoleEvent> events) {
        timeline.accept(events);
        dashboard.count(timeline.getAll());
        for (ConsoleEvent e : events) {
            if (e instanceof OperationEvent op && op.status() == OperationEvent.Status.STARTED) {
                live.mark(op.time(), op.kind().label());
            }
        }
    }

    private void selectionChanged() {
        Selectable sel = selection.get();
        detail.show(sel, topology.getSnapshot(), live.store()::writeRate);
        operations.refresh();
        if (sel instanceof ShardModel m) {
            topology.getSnapshot().shard(m.id()).ifPresent(s -> live.focusOn(topology.getSnapshot(), s));
        }
    }

    /** The model for {@code sel} in the current topology, if it is still there. */
    private Optional<Selectable> resolve(Selectable sel) {
        return switch (sel) {
            case ShardModel m -> topology.shard(m.id()).map(x -> x);
            case ReplicationEdgeModel e -> topology.replicationEdge(e.replicaId()).map(x -> x);
            case SyncerEdgeModel e -> topology.syncerEdge(e.id()).map(x -> x);
        };
    }

    /**
     * A shard's or syncer's name for the operator; the id when unknown. A shard name several
     * clusters use (each has its "shop/1") comes with its cluster's: "north shop/1".
     */
    public String labelOf(String id) {
        TopologySnapshot s = topology.getSnapshot();
        return s.shard(id)
                .or(() -> s.shards().stream().filter(x -> x.endpoint().equals(id)).findFirst())
                .map(x -> uniqueName(s, x))
                .or(() -> s.syncer(id).map(x -> SyncPredictor.syncerLabel(s, x)))
                .orElse(id);
    }

    private static String uniqueName(TopologySnapshot s, ShardInfo shard) {
        boolean shared = s.shards().stream().anyMatch(x -> !x.id().equals(shard.id()) && x.name().equals(shard.name()));
        return shared ? s.cluster(shard.clusterId()).map(c -> c.name() + " ").orElse("") + shard.name() : shard.name();
    }

    /** Selects the shard with {@code id}, if present. */
    public void selectShard(String id) {
        topology.shard(id).ifPresent(selection::set);
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    public TopologyModel topology() {
        return topology;
    }

    public LiveSeriesModel live() {
        return live;
    }

    public DetailModel detail() {
        return detail;
    }

    public DashboardModel dashboard() {
        return dashboard;
    }

    public TimelineModel timeline() {
        return timeline;
    }

    public OperationsModel operations() {
        return operations;
    }

    /** The selected shard, link or syncer; null for none. */
    public ObjectProperty<Selectable> selectionProperty() {
        return selection;
    }

    /** What the console is attached to, for the title bar. */
    public String targetName() {
        return ports.targetName();
    }

    /** One line for the status bar. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
