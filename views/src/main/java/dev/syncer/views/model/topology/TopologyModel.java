package dev.syncer.views.model.topology;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.StableList;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.ProxyInfo;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.SyncerState;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.SyncPredictor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Clusters → nodes → shards, replication edges and syncer edges, kept in step with the snapshots.
 *
 * <p>Every element is keyed by its port id and updated in place: a snapshot never rebuilds the
 * graph. A shard that migrates keeps its {@link ShardModel} and moves from one node's list to the
 * other's; a re-pointed replica keeps its edge, whose upstream changes. Touch only on the UI thread.
 */
public final class TopologyModel {

    private final ObservableList<ClusterModel> clusters = FXCollections.observableArrayList();
    private final ObservableList<ReplicationEdgeModel> replicationEdges = FXCollections.observableArrayList();
    private final ObservableList<SyncerEdgeModel> syncerEdges = FXCollections.observableArrayList();
    // Kept as fields: an unmodifiable view listens weakly to its list and must not be collected.
    private final ObservableList<ClusterModel> readOnlyClusters = FXCollections.unmodifiableObservableList(clusters);
    private final ObservableList<ReplicationEdgeModel> readOnlyReplicationEdges =
            FXCollections.unmodifiableObservableList(replicationEdges);
    private final ObservableList<SyncerEdgeModel> readOnlySyncerEdges = FXCollections.unmodifiableObservableList(syncerEdges);
    private final Map<String, ClusterModel> clusterById = new LinkedHashMap<>();
    private final Map<String, NodeModel> nodeById = new LinkedHashMap<>();
    private final Map<String, ShardModel> shardById = new LinkedHashMap<>();
    private final Map<String, ReplicationEdgeModel> edgeByReplica = new LinkedHashMap<>();
    private final Map<String, SyncerEdgeModel> syncerById = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<TopologySnapshot> snapshot =
            new ReadOnlyObjectWrapper<>(this, "snapshot", TopologySnapshot.empty(Instant.EPOCH));

    /** Each shard's master_repl_offset in the previous snapshot: what it had written before this round began. */
    private Map<String, Long> offsetsBefore = Map.of();

    /** Brings the model to {@code next}. */
    public void apply(TopologySnapshot next) {
        applyClusters(next);
        applyNodes(next);
        applyShards(next);
        applyReplicationEdges(next);
        applySyncerEdges(next);
        snapshot.set(next);
        Map<String, Long> offsets = new HashMap<>();
        next.shards().forEach(s -> offsets.put(s.id(), s.replication().masterReplOffset()));
        offsetsBefore = offsets;
    }

    private void applyClusters(TopologySnapshot next) {
        List<ClusterModel> wanted = new ArrayList<>();
        for (var c : next.clusters()) {
            ClusterModel m = clusterById.computeIfAbsent(c.id(), ClusterModel::new);
            m.update(c.name(), proxyLines(next, c.id()));
            wanted.add(m);
        }
        clusterById.values().retainAll(wanted);
        StableList.reconcile(clusters, wanted, StableList.byPosition(wanted));
    }

    private static List<String> proxyLines(TopologySnapshot next, String clusterId) {
        List<String> lines = new ArrayList<>();
        for (DatabaseInfo db : next.databases()) {
            for (ProxyInfo p : db.proxies()) {
                if (p.clusterId().equals(clusterId)) {
                    // Short enough not to elide in a one-card cluster at 1280 px: ":port" as on the shard
                    // cards (the lab's proxies listen on loopback, as its shards do), and the shard it
                    // forwards to only when it is not simply the primary whose badge shows already.
                    String target = p.targetShardId().isEmpty() ? " → no primary" : "";
                    lines.add(db.name() + (db.activeActive() ? " (A-A)" : "") + "  proxy :" + ShardModel.port(p.endpoint())
                            + target);
                }
            }
        }
        return lines;
    }

    private void applyNodes(TopologySnapshot next) {
        Map<ClusterModel, List<NodeModel>> wanted = new LinkedHashMap<>();
        clusters.forEach(c -> wanted.put(c, new ArrayList<>()));
        List<NodeModel> all = new ArrayList<>();
        for (var n : next.nodes()) {
            ClusterModel cluster = clusterById.get(n.clusterId());
            if (cluster == null) {
                continue;
            }
            NodeModel m = nodeById.computeIfAbsent(n.id(), NodeModel::new);
            m.update(n);
            wanted.get(cluster).add(m);
            all.add(m);
        }
        nodeById.values().retainAll(all);
        wanted.forEach((cluster, nodes) -> StableList.reconcile(cluster.mutableNodes(), nodes, StableList.byPosition(nodes)));
    }

    private void applyShards(TopologySnapshot next) {
        Map<NodeModel, List<ShardModel>> wanted = new LinkedHashMap<>();
        nodeById.values().forEach(n -> wanted.put(n, new ArrayList<>()));
        List<ShardModel> all = new ArrayList<>();
        for (ShardInfo s : next.shards()) {
            NodeModel node = nodeById.get(s.nodeId());
            if (node == null) {
                continue;
            }
            ShardModel m = shardById.computeIfAbsent(s.id(), ShardModel::new);
            Optional<ShardInfo> upstream = next.upstreamOf(s);
            String dbName = next.database(s.databaseId()).map(DatabaseInfo::name).orElse(s.databaseId());
            m.update(s, dbName, upstream.map(ShardInfo::name).orElse(s.replication().upstream().map(u -> u.endpoint()).orElse("?")),
                    upstream.map(u -> lagBytes(u, s)).orElse(0L), next.takenAt());
            wanted.get(node).add(m);
            all.add(m);
        }
        shardById.values().retainAll(all);
        wanted.forEach((node, shards) -> StableList.reconcile(node.mutableShards(), shards,
                StableList.byName(ShardModel::getName)));
    }

    /**
     * How far {@code replica} is behind: its upstream's offset minus its own. A snapshot's shards are
     * polled at slightly different moments, so under writes a caught-up replica polled just before
     * its upstream seems a few hundred bytes behind. A replica that already has every byte its
     * upstream had written by the previous snapshot (taken before this one's polls began) is within
     * one poll of it: that counts as caught up, not as lag.
     */
    private long lagBytes(ShardInfo upstream, ShardInfo replica) {
        long behind = Math.max(0, upstream.replication().masterReplOffset() - replica.processedOffset());
        Long before = offsetsBefore.get(upstream.id());
        boolean withinAPoll = before != null && before <= upstream.replication().masterReplOffset()
                && replica.processedOffset() >= before;
        return withinAPoll ? 0 : behind;
    }

    private void applyReplicationEdges(TopologySnapshot next) {
        List<ReplicationEdgeModel> wanted = new ArrayList<>();
        for (ShardInfo s : next.shards()) {
            Optional<ShardInfo> upstream = next.upstreamOf(s);
            if (upstream.isEmpty() || !shardById.containsKey(s.id()) || !shardById.containsKey(upstream.get().id())) {
                continue;
            }
            ReplicationEdgeModel e = edgeByReplica.computeIfAbsent(s.id(), ReplicationEdgeModel::new);
            updateEdge(e, next, upstream.get(), s);
            wanted.add(e);
        }
        edgeByReplica.values().retainAll(wanted);
        StableList.reconcile(replicationEdges, wanted, StableList.byPosition(wanted));
    }

    private void updateEdge(ReplicationEdgeModel e, TopologySnapshot next, ShardInfo upstream, ShardInfo replica) {
        Optional<LinkFaultInfo> fault = next.fault(LinkRef.replication(replica.id()));
        long lag = lagBytes(upstream, replica);
        long lagSeconds = next.ackLagSeconds(upstream, replica);
        var link = replica.replication().upstream();
        LinkState state;
        String label;
        if (fault.isPresent() && fault.get().kind() == LinkFaultInfo.Kind.CUT) {
            state = LinkState.CUT;
            label = "cut";
        } else if (!replica.state().isUp() || !upstream.state().isUp()) {
            state = LinkState.DOWN;
            label = "down";
        } else if (replica.fullSync().isPresent() || link.map(u -> u.syncInProgress()).orElse(false)) {
            state = LinkState.SYNCING;
            double f = replica.fullSync().map(p -> p.fraction()).orElse(-1.0);
            label = f < 0 ? "full sync" : String.format(Locale.ROOT, "full sync %.0f%%", f * 100);
        } else if (link.map(u -> u.linkUp()).orElse(false)) {
            boolean delayed = fault.isPresent() && fault.get().kind() == LinkFaultInfo.Kind.DELAYED;
            state = delayed ? LinkState.DELAYED : LinkState.UP;
            // A caught-up link says nothing on the graph (its tooltip still does): labels mark what needs a look.
            boolean quiet = !delayed && lag == 0 && lagSeconds <= 1;
            label = quiet ? "" : (delayed ? "+" + Format.duration(fault.get().delay()) + " · " : "") + Format.bytes(lag)
                    + " · ack " + lagSeconds + " s";
        } else {
            state = LinkState.DOWN;
            long since = link.map(u -> u.linkDownSinceSeconds()).orElse(-1L);
            label = since >= 0 ? "down " + since + " s" : "down";
        }
        String description = replica.name() + " ← " + upstream.name() + ": link " + state.word() + ", "
                + Format.bytes(lag) + " behind (offset " + Format.offset(replica.processedOffset()) + " of "
                + Format.offset(upstream.replication().masterReplOffset()) + "), last ACK " + lagSeconds + " s ago";
        e.update(upstream.id(), state, lag, label, description);
    }

    private void applySyncerEdges(TopologySnapshot next) {
        List<SyncerEdgeModel> wanted = new ArrayList<>();
        for (SyncerInfo s : next.syncers()) {
            if (!clusterById.containsKey(s.sourceClusterId()) || !clusterById.containsKey(s.targetClusterId())) {
                continue;
            }
            SyncerEdgeModel e = syncerById.computeIfAbsent(s.id(), SyncerEdgeModel::new);
            Optional<LinkFaultInfo> fault = next.fault(LinkRef.syncer(s.id()));
            LinkState state = fault.map(f -> f.kind() == LinkFaultInfo.Kind.CUT ? LinkState.CUT : LinkState.DELAYED)
                    .filter(st -> st == LinkState.CUT || s.state() == SyncerState.IN_SYNC)
                    .orElse(switch (s.state()) {
                        case IN_SYNC -> LinkState.UP;
                        case SYNCING -> LinkState.SYNCING;
                        case OUT_OF_SYNC -> LinkState.DOWN;
                    });
            String db = next.database(s.databaseId()).map(DatabaseInfo::name).orElse(s.databaseId());
            String stateWord = s.state().word();
            String label = db + " · " + stateWord + " · " + Format.duration(Duration.ofMillis(s.lagMillis()));
            String name = SyncPredictor.syncerLabel(next, s);
            String description = name + " (" + db + "): " + stateWord + ", " + s.phase() + ", lag "
                    + Format.duration(Duration.ofMillis(s.lagMillis())) + " / " + Format.bytes(s.lagBytes())
                    + ", last sync " + s.lastSyncType().map(t -> t.word() + " (" + s.lastSyncCause() + ")").orElse("none");
            e.update(s, name, state, label, description);
            wanted.add(e);
        }
        syncerById.values().retainAll(wanted);
        StableList.reconcile(syncerEdges, wanted, StableList.byPosition(wanted));
    }

    public ObservableList<ClusterModel> getClusters() {
        return readOnlyClusters;
    }

    public ObservableList<ReplicationEdgeModel> getReplicationEdges() {
        return readOnlyReplicationEdges;
    }

    public ObservableList<SyncerEdgeModel> getSyncerEdges() {
        return readOnlySyncerEdges;
    }

    public Optional<ShardModel> shard(String id) {
        return Optional.ofNullable(shardById.get(id));
    }

    public Optional<ReplicationEdgeModel> replicationEdge(String replicaId) {
        return Optional.ofNullable(edgeByReplica.get(replicaId));
    }

    public Optional<SyncerEdgeModel> syncerEdge(String id) {
        return Optional.ofNullable(syncerById.get(id));
    }

    /** Every shard model, in no particular order. */
    public Collection<ShardModel> shards() {
        return Collections.unmodifiableCollection(shardById.values());
    }

    /** The last snapshot applied. */
    public ReadOnlyObjectProperty<TopologySnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public TopologySnapshot getSnapshot() {
        return snapshot.get();
    }
}
