package dev.syncer.views.model.dashboard;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.NodeInfo;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.Runway;
import dev.syncer.views.model.prediction.SyncPredictor;
import dev.syncer.views.model.topology.ReplicationEdgeModel;
import dev.syncer.views.model.topology.Selectable;
import dev.syncer.views.model.topology.ShardModel;
import dev.syncer.views.model.topology.SyncerEdgeModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The side panel: the selected shard's INFO replication fields (by their INFO names, so an
 * operator who knows Redis reads them at once) and its backlog runway; or the selected syncer's
 * state and checkpoint history; or the selected link.
 */
public final class DetailModel {

    /**
     * One field.
     *
     * @param field the INFO name ({@code master_replid}) or a plain label
     * @param value as displayed (short replid, grouped offset)
     * @param full  the raw value, shown on hover
     */
    public record Row(String field, String value, String full) {
        static Row of(String field, String value) {
            return new Row(field, value, value);
        }
    }

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Nothing selected");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle",
            "Click a shard, a replication link or a syncer");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Runway> runway = new ReadOnlyObjectWrapper<>(this, "runway");
    private final ReadOnlyStringWrapper staleNote = new ReadOnlyStringWrapper(this, "staleNote", "");

    /** Shows {@code selection} as of {@code snapshot}; {@code writeRate} gives a shard's stream bytes/s. */
    public void show(Selectable selection, TopologySnapshot snapshot, ToDoubleFunction<String> writeRate) {
        staleNote.set("");
        switch (selection) {
            case ShardModel m -> snapshot.shard(m.id()).ifPresentOrElse(s -> {
                shard(s, snapshot, writeRate);
                staleNote.set(m.staleNoteProperty().get().isEmpty() ? ""
                        : m.staleNoteProperty().get() + ": the fields below are its last INFO, not live");
            }, this::clear);
            case ReplicationEdgeModel e -> snapshot.shard(e.replicaId()).ifPresentOrElse(
                    s -> link(e, s, snapshot, writeRate), this::clear);
            case SyncerEdgeModel e -> snapshot.syncer(e.id()).ifPresentOrElse(s -> syncer(s, snapshot, writeRate), this::clear);
            case null -> clear();
        }
    }

    private void clear() {
        title.set("Nothing selected");
        subtitle.set("Click a shard, a replication link or a syncer");
        setRows(List.of());
        runway.set(null);
    }

    private void shard(ShardInfo s, TopologySnapshot snapshot, ToDoubleFunction<String> writeRate) {
        ReplicationInfo r = s.replication();
        String role = s.isPrimary() ? "primary" : "replica of " + snapshot.upstreamOf(s).map(ShardInfo::name)
                .orElse(r.upstream().map(u -> u.endpoint()).orElse("?"));
        title.set(s.name() + " · " + role);
        subtitle.set(location(s, snapshot));
        setRows(shardRows(s));
        runway.set(Runway.of(snapshot, s, writeRate.applyAsDouble(s.id())));
    }

    private void link(ReplicationEdgeModel e, ShardInfo replica, TopologySnapshot snapshot,
                      ToDoubleFunction<String> writeRate) {
        Optional<ShardInfo> up = snapshot.upstreamOf(replica);
        title.set("Link " + replica.name() + " ← " + up.map(ShardInfo::name).orElse("?"));
        subtitle.set(e.descriptionProperty().get());
        List<Row> out = new ArrayList<>();
        out.add(Row.of("state", e.getState().word()));
        replica.replication().upstream().ifPresent(u -> {
            out.add(Row.of("master_host:port", u.endpoint()));
            out.add(Row.of("master_link_status", u.linkUp() ? "up" : "down"));
            out.add(Row.of("master_last_io_seconds_ago", Long.toString(u.lastIoSecondsAgo())));
            out.add(Row.of("master_sync_in_progress", u.syncInProgress() ? "1" : "0"));
            out.add(Row.of("slave_repl_offset", Format.offset(u.replicaOffset())));
        });
        out.add(Row.of("lag", Format.bytes(e.lagBytesProperty().get())));
        snapshot.fault(LinkRef.replication(replica.id())).ifPresent(f ->
                out.add(Row.of("lab fault", f.kind() == LinkFaultInfo.Kind.CUT ? "cut"
                        : "delay " + Format.duration(f.delay()))));
        setRows(out);
        runway.set(up.map(u -> Runway.of(snapshot, u, writeRate.applyAsDouble(u.id()))).orElse(null));
    }

    private void syncer(SyncerInfo s, TopologySnapshot snapshot, ToDoubleFunction<String> writeRate) {
        title.set(SyncPredictor.syncerLabel(snapshot, s));
        subtitle.set("database " + snapshot.database(s.databaseId()).map(DatabaseInfo::name).orElse(s.databaseId())
                + " · reads the source's proxy, writes the local primary");
        List<Row> out = new ArrayList<>();
        out.add(Row.of("state", s.state().word()));
        out.add(Row.of("phase", s.phase()));
        out.add(Row.of("lag", Format.duration(Duration.ofMillis(s.lagMillis())) + " · " + Format.bytes(s.lagBytes())));
        out.add(Row.of("ingress", Format.bytes(s.ingressBytes())));
        out.add(Row.of("last sync", s.lastSyncType().map(t -> t.word() + " (" + s.lastSyncCause() + ")").orElse("none")));
        List<Checkpoint> history = s.checkpoints();
        for (int i = history.size() - 1; i >= 0; i--) {
            Checkpoint c = history.get(i);
            String field = i == history.size() - 1 ? "checkpoint (now)" : "checkpoint −" + (history.size() - 1 - i);
            out.add(new Row(field, Format.shortReplid(c.replid()) + " @ " + Format.offset(c.offset()),
                    c.replid() + " " + c.offset()));
        }
        setRows(out);
        Optional<ShardInfo> source = snapshot.shards().stream().filter(x -> x.isPrimary() && x.state().isUp()
                && x.databaseId().equals(s.databaseId()) && x.clusterId().equals(s.sourceClusterId())).findFirst();
        runway.set(source.map(x -> Runway.of(snapshot, x, writeRate.applyAsDouble(x.id()))).orElse(null));
    }

    private static List<Row> shardRows(ShardInfo s) {
        ReplicationInfo r = s.replication();
        List<Row> out = new ArrayList<>();
        out.add(Row.of("state", s.state().word()));
        out.add(Row.of("role", r.role().infoValue()));
        out.add(new Row("master_replid", Format.shortReplid(r.replid()), r.replid()));
        out.add(new Row("master_replid2", Format.shortReplid(r.replid2()), r.replid2()));
        out.add(new Row("second_repl_offset", Format.offset(r.secondReplOffset()), Long.toString(r.secondReplOffset())));
        out.add(new Row("master_repl_offset", Format.offset(r.masterReplOffset()), Long.toString(r.masterReplOffset())));
        out.add(new Row("repl_backlog_size", Format.bytes(r.backlog().size()), Long.toString(r.backlog().size())));
        out.add(new Row("repl_backlog_first_byte_offset", Format.offset(r.backlog().firstByteOffset()),
                Long.toString(r.backlog().firstByteOffset())));
        out.add(new Row("repl_backlog_histlen", Format.bytes(r.backlog().histlen()), Long.toString(r.backlog().histlen())));
        r.upstream().ifPresent(u -> {
            out.add(Row.of("master_link_status", u.linkUp() ? "up" : "down"));
            out.add(Row.of("master_last_io_seconds_ago", Long.toString(u.lastIoSecondsAgo())));
            out.add(new Row("slave_repl_offset", Format.offset(u.replicaOffset()), Long.toString(u.replicaOffset())));
        });
        s.fullSync().ifPresent(p -> out.add(Row.of("full sync", p.phase() + (p.fraction() >= 0
                ? String.format(Locale.ROOT, " %.0f%%", p.fraction() * 100) : "") + " from " + p.peer())));
        out.add(Row.of("connected_slaves", Integer.toString(r.replicas().size())));
        out.add(Row.of("master_failover_state", r.failoverState()));
        out.add(Row.of("instantaneous_ops_per_sec", Format.rate(s.stats().opsPerSec())));
        out.add(Row.of("sync_full / partial_ok / err", s.stats().syncFull() + " / " + s.stats().syncPartialOk() + " / "
                + s.stats().syncPartialErr()));
        out.add(Row.of("used_memory", Format.bytes(s.stats().usedMemory())));
        out.add(Row.of("keys", Long.toString(s.stats().keys())));
        var refused = s.stats().refused();
        if (refused.total() > 0) {
            out.add(new Row("effects refused", Long.toString(refused.total()), "deltas_rejected:" + refused.rejected()
                    + " deltas_quarantined:" + refused.quarantined() + " effects_noperm:" + refused.noperm()));
        }
        return out;
    }

    private static String location(ShardInfo s, TopologySnapshot snapshot) {
        String cluster = snapshot.cluster(s.clusterId()).map(c -> c.name()).orElse(s.clusterId());
        String node = snapshot.node(s.nodeId()).map(NodeInfo::name).orElse(s.nodeId());
        String db = snapshot.database(s.databaseId()).map(DatabaseInfo::name).orElse(s.databaseId());
        return cluster + " / " + node + " · " + s.endpoint() + " · " + db;
    }

    private void setRows(List<Row> next) {
        if (!rows.equals(next)) {
            rows.setAll(next);
        }
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /**
     * For a shard that does not answer: "crashed · last seen 12 s ago: the fields below are its
     * last INFO, not live"; else empty.
     */
    public ReadOnlyStringProperty staleNoteProperty() {
        return staleNote.getReadOnlyProperty();
    }

    public ObservableList<Row> getRows() {
        return readOnlyRows;
    }

    /** The backlog runway of the selected shard (of the upstream for a link, of the source for a syncer). */
    public ReadOnlyObjectProperty<Runway> runwayProperty() {
        return runway.getReadOnlyProperty();
    }

    public Runway getRunway() {
        return runway.get();
    }
}
