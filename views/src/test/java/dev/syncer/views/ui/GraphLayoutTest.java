package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.ui.GraphLayout.Box;
import dev.syncer.views.ui.GraphLayout.ClusterShape;
import dev.syncer.views.ui.GraphLayout.NodeShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {

    /** east: n1 {p, c}, n2 {r1}, n3 {r2, r3, r4, r5} (two card rows); west: n4 {w}. */
    private static final List<ClusterShape> SHAPE = List.of(
            new ClusterShape("east", 2, 0, List.of(new NodeShape("n1", List.of("p", "c")), new NodeShape("n2", List.of("r1")),
                    new NodeShape("n3", List.of("r2", "r3", "r4", "r5")))),
            new ClusterShape("west", 1, 700, List.of(new NodeShape("n4", List.of("w")))));

    private final GraphLayout.Result layout = GraphLayout.compute(SHAPE, 12);

    private static boolean overlap(Box a, Box b) {
        return a.x() < b.right() && b.x() < a.right() && a.y() < b.bottom() && b.y() < a.bottom();
    }

    @Test
    void cardsNeverOverlapAndSitInsideTheirNodeAndCluster() {
        List<Box> cards = new ArrayList<>(layout.shards().values());
        for (int i = 0; i < cards.size(); i++) {
            for (int j = i + 1; j < cards.size(); j++) {
                assertThat(overlap(cards.get(i), cards.get(j))).as("cards %d and %d", i, j).isFalse();
            }
        }
        Box n3 = layout.nodes().get("n3");
        Box east = layout.clusters().get("east");
        for (String id : List.of("r2", "r3", "r4", "r5")) {
            Box c = layout.shards().get(id);
            assertThat(c.x()).isGreaterThanOrEqualTo(n3.x());
            assertThat(c.right()).isLessThanOrEqualTo(n3.right());
            assertThat(c.bottom()).isLessThanOrEqualTo(n3.bottom());
            assertThat(c.right()).isLessThanOrEqualTo(east.right());
            assertThat(c.bottom()).isLessThanOrEqualTo(east.bottom());
        }
    }

    @Test
    void aFourthShardWrapsToANewCardRow() {
        assertThat(layout.rowOfShard()).containsEntry("p", 0).containsEntry("r1", 1).containsEntry("r2", 2)
                .containsEntry("r4", 2).containsEntry("r5", 3);
        assertThat(layout.corridors().get("east")).hasSize(4);
    }

    @Test
    void clustersStandSideBySideWithRoomForSyncerEdges() {
        Box east = layout.clusters().get("east");
        Box west = layout.clusters().get("west");
        assertThat(west.x() - east.right()).isEqualTo(GraphLayout.CLUSTER_GAP);
        assertThat(west.w()).isGreaterThanOrEqualTo(700);
        assertThat(layout.width()).isEqualTo(west.right() + GraphLayout.MARGIN);
    }

    @Test
    void replicationRoutesNeverCrossACard() {
        Map<String, Box> cards = layout.shards();
        List<String[]> edges = List.of(new String[] {"p", "r5"}, new String[] {"p", "r1"}, new String[] {"r1", "c"},
                new String[] {"r4", "p"}, new String[] {"p", "c"}, new String[] {"r2", "r4"}, new String[] {"r4", "c"});
        int lane = 0;
        for (String[] e : edges) {
            EdgeGeometry g = EdgeGeometry.replication(cards.get(e[0]), layout.rowOfShard().get(e[0]), cards.get(e[1]),
                    layout.rowOfShard().get(e[1]), layout.corridors().get("east"), layout.channels().get("east"), lane++);
            for (int i = 1; i < g.xs().length; i++) {
                for (int k = 1; k < 20; k++) {
                    double x = g.xs()[i - 1] + (g.xs()[i] - g.xs()[i - 1]) * k / 20;
                    double y = g.ys()[i - 1] + (g.ys()[i] - g.ys()[i - 1]) * k / 20;
                    for (var c : cards.entrySet()) {
                        Box b = c.getValue();
                        boolean inside = x > b.x() + 1 && x < b.right() - 1 && y > b.y() + 1 && y < b.bottom() - 1;
                        assertThat(inside).as("edge %s→%s passes through %s at (%.0f, %.0f)", e[0], e[1], c.getKey(), x, y)
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    void channelsAreTheGuttersAndTheGapsBetweenCardColumns() {
        List<Double> channels = layout.channels().get("east");
        Box east = layout.clusters().get("east");
        assertThat(channels).hasSize(4).isSorted();
        assertThat(channels.getFirst()).isBetween(east.x(), layout.nodes().get("n1").x());
        assertThat(channels.getLast()).isBetween(layout.nodes().get("n1").right(), east.right());
        assertThat(channels.get(1)).isBetween(layout.shards().get("p").right(), layout.shards().get("c").x());
    }

    @Test
    void arrowsPointIntoTheReplica() {
        Map<String, Box> cards = layout.shards();
        List<Double> east = layout.channels().get("east");
        EdgeGeometry down = EdgeGeometry.replication(cards.get("p"), 0, cards.get("r1"), 1, layout.corridors().get("east"), east, 0);
        assertThat(down.endAngle()).isEqualTo(90.0);
        EdgeGeometry up = EdgeGeometry.replication(cards.get("r1"), 1, cards.get("c"), 0, layout.corridors().get("east"), east, 0);
        assertThat(up.endAngle()).isEqualTo(-90.0);
    }
}
