package dev.syncer.views.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where clusters, nodes and shard cards go: a pure function of the topology's shape, so the
 * positions are predictable (and testable) and a value update never moves anything.
 *
 * <p>Clusters stand side by side with a wide gap for the syncer edges; inside a cluster, nodes are
 * stacked rows of equal width with a gutter on each side; inside a node, cards sit in rows of at
 * most {@link #CARDS_PER_ROW}. Replication edges that skip a row run down a gutter or a gap
 * between card columns.
 */
final class GraphLayout {

    static final double CARD_W = 192;
    static final double CARD_H = 70;
    static final double CARD_GAP = 20;
    static final int CARDS_PER_ROW = 3;
    static final double NODE_PAD = 8;
    static final double NODE_HEADER = 22;
    static final double NODE_GAP = 18;
    static final double CLUSTER_PAD_LEFT = 22;
    static final double CLUSTER_PAD = 18;
    static final double CLUSTER_PAD_BOTTOM = 16;
    static final double CLUSTER_HEADER = 30;
    static final double PROXY_LINE = 15;
    static final double CLUSTER_GAP = 70;
    static final double MARGIN = 10;

    /** A rectangle in graph coordinates. */
    record Box(double x, double y, double w, double h) {
        double centerX() {
            return x + w / 2;
        }

        double right() {
            return x + w;
        }

        double bottom() {
            return y + h;
        }
    }

    /** The shape of one node: its id and its shards' ids in display order. */
    record NodeShape(String id, List<String> shardIds) {
    }

    /**
     * The shape of one cluster.
     *
     * @param minWidth what its header needs (measured by the view)
     */
    record ClusterShape(String id, int proxyLines, double minWidth, List<NodeShape> nodes) {
    }

    /**
     * Every box, plus what edge routing needs: each shard's card row and cluster, and per cluster
     * the y of the free corridor below each card row (between cards or between nodes) and the x of
     * the free vertical channels (the side gutters and the gaps between card columns, which line
     * up across all nodes of a cluster).
     */
    record Result(Map<String, Box> clusters, Map<String, Box> nodes, Map<String, Box> shards,
                  Map<String, Integer> rowOfShard, Map<String, String> clusterOfShard,
                  Map<String, List<Double>> corridors, Map<String, List<Double>> channels,
                  double width, double height) {
    }

    private GraphLayout() {
    }

    /** Lays out {@code clusters} starting {@code top} pixels down (room for arcs between far clusters). */
    static Result compute(List<ClusterShape> clusters, double top) {
        Map<String, Box> clusterBoxes = new LinkedHashMap<>();
        Map<String, Box> nodeBoxes = new LinkedHashMap<>();
        Map<String, Box> shardBoxes = new LinkedHashMap<>();
        Map<String, Integer> rows = new LinkedHashMap<>();
        Map<String, String> clusterOf = new LinkedHashMap<>();
        Map<String, List<Double>> corridors = new LinkedHashMap<>();
        Map<String, List<Double>> channels = new LinkedHashMap<>();
        double x = MARGIN;
        double maxBottom = top;
        for (ClusterShape c : clusters) {
            int widest = 1;
            for (NodeShape n : c.nodes()) {
                widest = Math.max(widest, Math.min(CARDS_PER_ROW, n.shardIds().size()));
            }
            double nodeW = Math.max(NODE_PAD * 2 + widest * CARD_W + (widest - 1) * CARD_GAP,
                    c.minWidth() - CLUSTER_PAD_LEFT - CLUSTER_PAD);
            List<Double> corridor = new ArrayList<>();
            double header = CLUSTER_HEADER + c.proxyLines() * PROXY_LINE;
            double y = top + header;
            int row = 0;
            for (NodeShape n : c.nodes()) {
                int count = n.shardIds().size();
                int cardRows = (count + CARDS_PER_ROW - 1) / CARDS_PER_ROW;
                // An empty node is only its header: a spare node, not an empty band.
                double nodeH = cardRows == 0 ? NODE_HEADER
                        : NODE_HEADER + NODE_PAD + cardRows * CARD_H + (cardRows - 1) * CARD_GAP;
                double nodeX = x + CLUSTER_PAD_LEFT;
                nodeBoxes.put(n.id(), new Box(nodeX, y, nodeW, nodeH));
                for (int i = 0; i < count; i++) {
                    int r = i / CARDS_PER_ROW;
                    int col = i % CARDS_PER_ROW;
                    String id = n.shardIds().get(i);
                    shardBoxes.put(id, new Box(nodeX + NODE_PAD + col * (CARD_W + CARD_GAP),
                            y + NODE_HEADER + r * (CARD_H + CARD_GAP), CARD_W, CARD_H));
                    rows.put(id, row + r);
                    clusterOf.put(id, c.id());
                }
                if (cardRows == 0) {
                    corridor.add(y + nodeH + NODE_GAP / 2);
                    row++;
                }
                for (int r = 0; r < cardRows; r++) {
                    double below = y + NODE_HEADER + (r + 1) * CARD_H + r * CARD_GAP;
                    corridor.add(r < cardRows - 1 ? below + CARD_GAP / 2 : y + nodeH + NODE_GAP / 2);
                }
                row += cardRows;
                y += nodeH + NODE_GAP;
            }
            if (!corridor.isEmpty()) {
                // Below the last node the corridor runs inside the cluster's bottom padding.
                corridor.set(corridor.size() - 1, y - NODE_GAP + CLUSTER_PAD_BOTTOM / 2);
            }
            corridors.put(c.id(), List.copyOf(corridor));
            double clusterW = CLUSTER_PAD_LEFT + nodeW + CLUSTER_PAD;
            List<Double> channel = new ArrayList<>();
            channel.add(x + CLUSTER_PAD_LEFT / 2);
            for (int col = 1; col < widest; col++) {
                channel.add(x + CLUSTER_PAD_LEFT + NODE_PAD + col * (CARD_W + CARD_GAP) - CARD_GAP / 2);
            }
            channel.add(x + clusterW - CLUSTER_PAD / 2);
            channels.put(c.id(), List.copyOf(channel));
            double clusterH = Math.max(header + 40, y - NODE_GAP + CLUSTER_PAD_BOTTOM - top);
            clusterBoxes.put(c.id(), new Box(x, top, clusterW, clusterH));
            maxBottom = Math.max(maxBottom, top + clusterH);
            x += clusterW + CLUSTER_GAP;
        }
        double width = clusters.isEmpty() ? MARGIN * 2 : x - CLUSTER_GAP + MARGIN;
        return new Result(clusterBoxes, nodeBoxes, shardBoxes, rows, clusterOf, corridors, channels, width, maxBottom + MARGIN);
    }
}
