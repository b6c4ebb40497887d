package dev.syncer.app.attach;

import dev.syncer.app.monitor.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CLUSTER NODES and CLUSTER SHARDS, as redis-server 7.0 wrote them, into trees named by slots. */
class ClusterNodesTest {

    private static final String NODES = """
            d189 127.0.0.1:17204@27204 slave 8098 0 1796566064625 1 connected
            8098 127.0.0.1:17201@27201 myself,master - 0 1796566065000 1 connected 0-5460
            d618 127.0.0.1:17202@27202 master - 0 1796566066724 2 connected 5461-10922
            c2ff 127.0.0.1:17206@27206 slave 1183 0 1796566064000 3 connected
            1183 127.0.0.1:17203@27203 master,fail - 0 1796566064000 7 disconnected 10923-16383 [5-<-abcd]
            e40d 127.0.0.1:17205@27205 slave d618 0 1796566065670 2 connected
            """;

    @Test
    void clusterNodesGiveOneTreePerShardNamedBySlotsWithItsReplica() {
        List<Deployment.Tree> trees = ClusterNodes.trees(Target.of("127.0.0.1", 17201), ClusterNodes.parse(NODES));

        assertThat(trees).extracting(Deployment.Tree::name)
                .containsExactly("slots 0-5460", "slots 5461-10922", "slots 10923-16383");
        assertThat(trees.get(0).members()).extracting(m -> m.target().port()).containsExactly(17201, 17204);
        assertThat(trees.get(0).primary()).get().extracting(m -> m.target().port()).isEqualTo(17201);
        assertThat(trees.get(2).facts()).containsEntry("config-epoch", "7").containsEntry("health", "degraded");
    }

    @Test
    void clusterShardsAddEpochsAndFlagsFromClusterNodes() {
        List<Object> reply = List.of(List.of("slots", List.of(0L, 5460L), "nodes", List.of(
                List.of("id", "d189", "port", 17204L, "ip", "127.0.0.1", "role", "replica", "replication-offset", 56L,
                        "health", "online"),
                List.of("id", "8098", "port", 17201L, "ip", "127.0.0.1", "role", "master", "replication-offset", 56L,
                        "health", "online"))));

        List<Deployment.Tree> trees = ClusterDiscovery.fromShards(Target.of("127.0.0.1", 17201), reply,
                ClusterNodes.parse(NODES));

        assertThat(trees).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("slots 0-5460");
            assertThat(t.members().getFirst().primary()).isTrue();
            assertThat(t.members().getFirst().target().port()).isEqualTo(17201);
            assertThat(t.members().getFirst().facts()).containsEntry("config-epoch", "1")
                    .containsEntry("replication-offset", "56");
            assertThat(t.facts()).containsEntry("health", "ok").containsEntry("slot-count", "5461");
        });
    }

    @Test
    void aNodeNotInAClusterYetIsItsOwnTreeWithoutSlotsAtTheAddressItWasAskedAt() {
        Target asked = Target.of("10.0.0.7", 17101);
        String lone = "f892e4d48cc5e81eafff0d855985f49071f5c6b5 :17101@27101 myself,master - 0 0 0 connected\n";
        List<Object> reply = List.of(List.of("slots", List.of(), "nodes", List.of(
                List.of("id", "f892e4d48cc5e81eafff0d855985f49071f5c6b5", "port", 17101L, "ip", "", "endpoint", "",
                        "role", "master", "replication-offset", 0L, "health", "online"))));

        List<Deployment.Tree> fromShards = ClusterDiscovery.fromShards(asked, reply, ClusterNodes.parse(lone));
        List<Deployment.Tree> fromNodes = ClusterNodes.trees(asked, ClusterNodes.parse(lone));

        for (List<Deployment.Tree> trees : List.of(fromShards, fromNodes)) {
            assertThat(trees).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("no slots (f892e4d4)");
                assertThat(t.members()).singleElement().satisfies(m -> assertThat(m.target()).isEqualTo(asked));
            });
        }
    }
}
