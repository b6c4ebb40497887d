package dev.syncer.views.ui;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.topology.ClusterModel;
import dev.syncer.views.model.topology.NodeModel;
import dev.syncer.views.model.topology.ReplicationEdgeModel;
import dev.syncer.views.model.topology.Selectable;
import dev.syncer.views.model.topology.ShardModel;
import dev.syncer.views.model.topology.SyncerEdgeModel;
import dev.syncer.views.model.topology.TopologyModel;
import dev.syncer.views.ui.GraphLayout.Box;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The topology: cluster boxes side by side, their nodes stacked inside, shard cards in the nodes,
 * replication edges between cards and syncer edges between clusters.
 *
 * <p>One view per model object, created when it appears and kept while it lives, so a snapshot
 * only changes texts and pseudo-classes; positions come from {@link GraphLayout} and change only
 * when the shape does (a shard added, moved or removed).
 */
public final class TopologyGraphView extends Region {

    private final ConsoleModel model;
    private final ReplidColours colours;
    private final ContextMenu shardMenu;
    private final ContextMenu linkMenu;
    // Groups that leave their children's sizes alone: the layout sizes every box and card itself.
    private final Group boxLayer = new Group();
    private final Group cardLayer = new Group();
    private final Group edgeLayer = new Group();
    private final Label placeholder = new Label("Waiting for the first topology snapshot…");
    private final Map<ClusterModel, VBox> clusterViews = new IdentityHashMap<>();
    private final Map<NodeModel, Label> nodeViews = new IdentityHashMap<>();
    private final Map<ShardModel, ShardCard> cards = new IdentityHashMap<>();
    private final Map<Selectable, EdgeView> edges = new IdentityHashMap<>();
    private final InvalidationListener structureChanged = o -> syncViews();
    private GraphLayout.Result layout = GraphLayout.compute(List.of(), 0);

    TopologyGraphView(ConsoleModel model, ReplidColours colours, ContextMenu shardMenu, ContextMenu linkMenu) {
        this.model = model;
        this.colours = colours;
        this.shardMenu = shardMenu;
        this.linkMenu = linkMenu;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("topology-graph");
        setId("topology");
        for (Group layer : new Group[] {boxLayer, cardLayer, edgeLayer}) {
            layer.setManaged(false);
            layer.setAutoSizeChildren(false);
        }
        placeholder.getStyleClass().add("placeholder");
        getChildren().addAll(boxLayer, cardLayer, edgeLayer, placeholder);
    }

    private void bind() {
        TopologyModel t = model.topology();
        t.getClusters().addListener(structureChanged);
        t.getReplicationEdges().addListener(structureChanged);
        t.getSyncerEdges().addListener(structureChanged);
        model.selectionProperty().addListener((o, was, now) -> showSelection(was, now));
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getTarget() == this || e.getTarget() == boxLayer || isBox(e.getTarget())) {
                model.selectionProperty().set(null);
                shardMenu.hide();
                linkMenu.hide();
            }
        });
        syncViews();
    }

    private boolean isBox(Object target) {
        return target instanceof Node n && (clusterViews.containsValue(n) || nodeViews.containsValue(n)
                || n.getParent() != null && clusterViews.containsValue(n.getParent()));
    }

    /** Creates views for new model objects, drops views of gone ones, and re-lays out. */
    private void syncViews() {
        TopologyModel t = model.topology();
        Set<Object> alive = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ClusterModel c : t.getClusters()) {
            alive.add(c);
            clusterViews.computeIfAbsent(c, this::clusterBox);
            for (NodeModel n : c.getNodes()) {
                alive.add(n);
                nodeViews.computeIfAbsent(n, this::nodeBox);
                for (ShardModel s : n.getShards()) {
                    alive.add(s);
                    cards.computeIfAbsent(s, this::card);
                }
            }
        }
        for (ReplicationEdgeModel e : t.getReplicationEdges()) {
            alive.add(e);
            edges.computeIfAbsent(e, x -> edge(new EdgeView(e, "replication-edge")));
        }
        for (SyncerEdgeModel e : t.getSyncerEdges()) {
            alive.add(e);
            edges.computeIfAbsent(e, x -> edge(new EdgeView(e, "syncer-edge")));
        }
        drop(clusterViews, alive, boxLayer, c -> c.getNodes().removeListener(structureChanged));
        drop(nodeViews, alive, boxLayer, n -> n.getShards().removeListener(structureChanged));
        drop(cards, alive, cardLayer, s -> { });
        drop(edges, alive, edgeLayer, e -> { });
        placeholder.setVisible(t.getClusters().isEmpty());
        showSelection(null, model.selectionProperty().get());
        requestLayout();
    }

    private <M, V extends Node> void drop(Map<M, V> views, Set<Object> alive, Group layer, Consumer<M> unlisten) {
        List<M> gone = new ArrayList<>();
        views.keySet().forEach(m -> {
            if (!alive.contains(m)) {
                gone.add(m);
            }
        });
        for (M m : gone) {
            layer.getChildren().remove(views.remove(m));
            unlisten.accept(m);
        }
    }

    private VBox clusterBox(ClusterModel c) {
        Label name = new Label();
        name.textProperty().bind(c.nameProperty());
        name.getStyleClass().add("cluster-name");
        VBox proxies = new VBox();
        proxies.getStyleClass().add("cluster-proxies");
        Runnable showProxies = () -> proxies.getChildren().setAll(c.getProxies().stream().map(p -> {
            Label l = new Label(p);
            l.getStyleClass().add("proxy-line");
            l.setTooltip(new javafx.scene.control.Tooltip(p));
            l.setMinWidth(0);
            return l;
        }).toList());
        c.getProxies().addListener((InvalidationListener) o -> {
            showProxies.run();
            requestLayout();
        });
        showProxies.run();
        VBox box = new VBox(name, proxies);
        box.getStyleClass().add("cluster-box");
        box.setId("cluster-" + c.id());
        c.getNodes().addListener(structureChanged);
        boxLayer.getChildren().add(box);
        return box;
    }

    private Label nodeBox(NodeModel n) {
        Label box = new Label();
        box.textProperty().bind(n.nameProperty().concat("  ·  ").concat(n.addressProperty()));
        box.getStyleClass().add("node-box");
        box.setId("node-" + n.id());
        box.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        n.upProperty().addListener((o, a, b) -> box.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("down"), !b));
        box.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("down"), !n.upProperty().get());
        n.getShards().addListener(structureChanged);
        boxLayer.getChildren().add(box);
        return box;
    }

    private ShardCard card(ShardModel s) {
        ShardCard card = new ShardCard(s, colours);
        card.setOnMousePressed(e -> {
            model.selectionProperty().set(s);
            if (e.getButton() == MouseButton.SECONDARY) {
                linkMenu.hide();
                shardMenu.show(card, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        cardLayer.getChildren().add(card);
        return card;
    }

    private EdgeView edge(EdgeView view) {
        view.setOnMousePressed(e -> {
            model.selectionProperty().set(view.model());
            if (e.getButton() == MouseButton.SECONDARY) {
                shardMenu.hide();
                linkMenu.show(view, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        edgeLayer.getChildren().add(view);
        return view;
    }

    private void showSelection(Selectable was, Selectable now) {
        if (was != null) {
            mark(was, false);
        }
        if (now != null) {
            mark(now, true);
        }
    }

    private void mark(Selectable s, boolean on) {
        if (s instanceof ShardModel m && cards.containsKey(m)) {
            cards.get(m).setSelected(on);
        } else if (edges.containsKey(s)) {
            edges.get(s).setSelected(on);
        }
    }

    // ---- layout ----

    private List<GraphLayout.ClusterShape> shape() {
        List<GraphLayout.ClusterShape> out = new ArrayList<>();
        for (ClusterModel c : model.topology().getClusters()) {
            List<GraphLayout.NodeShape> nodes = new ArrayList<>();
            for (NodeModel n : c.getNodes()) {
                nodes.add(new GraphLayout.NodeShape(n.id(), n.getShards().stream().map(ShardModel::id).toList()));
            }
            // The cluster's name sets its minimum width; proxy lines elide (their tooltip has them whole).
            VBox box = clusterViews.get(c);
            double minWidth = box == null ? 0 : box.getChildren().getFirst().prefWidth(-1) + 40;
            out.add(new GraphLayout.ClusterShape(c.id(), c.getProxies().size(), minWidth, nodes));
        }
        return out;
    }

    /** Room above the clusters for syncer arcs between clusters that are not neighbours. */
    private double topMargin() {
        List<ClusterModel> clusters = model.topology().getClusters();
        int arcs = 0;
        for (SyncerEdgeModel e : model.topology().getSyncerEdges()) {
            int a = indexOf(clusters, e.sourceClusterId());
            int b = indexOf(clusters, e.targetClusterId());
            if (Math.abs(a - b) > 1) {
                arcs++;
            }
        }
        return arcs == 0 ? 8 : 26 + arcs * 18;
    }

    private static int indexOf(List<ClusterModel> clusters, String id) {
        for (int i = 0; i < clusters.size(); i++) {
            if (clusters.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected void layoutChildren() {
        layout = GraphLayout.compute(shape(), topMargin());
        for (var e : clusterViews.entrySet()) {
            place(e.getValue(), layout.clusters().get(e.getKey().id()));
        }
        for (var e : nodeViews.entrySet()) {
            place(e.getValue(), layout.nodes().get(e.getKey().id()));
        }
        for (var e : cards.entrySet()) {
            place(e.getValue(), layout.shards().get(e.getKey().id()));
        }
        placeEdges();
        placeholder.autosize();
        placeholder.relocate(24, 24);
    }

    private static void place(Region view, Box box) {
        view.setVisible(box != null);
        if (box != null) {
            view.resizeRelocate(box.x(), box.y(), box.w(), box.h());
        }
    }

    private void placeEdges() {
        Map<String, Integer> lanes = new HashMap<>();
        for (ReplicationEdgeModel e : model.topology().getReplicationEdges()) {
            String up = e.getUpstreamId();
            Box from = layout.shards().get(up);
            Box to = layout.shards().get(e.replicaId());
            EdgeView view = edges.get(e);
            if (view == null) {
                continue;
            }
            String cluster = layout.clusterOfShard().get(e.replicaId());
            boolean drawable = from != null && to != null && cluster != null && cluster.equals(layout.clusterOfShard().get(up));
            view.setVisible(drawable);
            if (!drawable) {
                continue;
            }
            int lane = lanes.merge(cluster, 1, Integer::sum) - 1;
            view.place(EdgeGeometry.replication(from, layout.rowOfShard().get(up), to, layout.rowOfShard().get(e.replicaId()),
                    layout.corridors().get(cluster), layout.channels().get(cluster), lane));
        }
        List<ClusterModel> clusters = model.topology().getClusters();
        Map<String, Integer> syncerLanes = new HashMap<>();
        for (SyncerEdgeModel e : model.topology().getSyncerEdges()) {
            String src = e.sourceClusterId();
            String dst = e.targetClusterId();
            Box from = layout.clusters().get(src);
            Box to = layout.clusters().get(dst);
            EdgeView view = edges.get(e);
            if (view == null) {
                continue;
            }
            view.setVisible(from != null && to != null);
            if (from == null || to == null) {
                continue;
            }
            boolean neighbours = Math.abs(indexOf(clusters, src) - indexOf(clusters, dst)) == 1;
            String key = neighbours ? (src.compareTo(dst) < 0 ? src + "|" + dst : dst + "|" + src) : "arc";
            int lane = syncerLanes.merge(key, 1, Integer::sum) - 1;
            view.place(EdgeGeometry.syncer(from, to, neighbours, lane));
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return GraphLayout.compute(shape(), topMargin()).width();
    }

    @Override
    protected double computePrefHeight(double width) {
        return GraphLayout.compute(shape(), topMargin()).height();
    }

    /** Whether no cluster box overlaps the rectangle given in graph coordinates. */
    boolean isFreeArea(double x, double y, double w, double h) {
        return layout.clusters().values().stream()
                .noneMatch(b -> b.x() < x + w && x < b.right() && b.y() < y + h && y < b.bottom());
    }

    /** The card of shard {@code id}, for tests and for scrolling to it. */
    public Node cardOf(String id) {
        return cards.entrySet().stream().filter(e -> e.getKey().id().equals(id)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
