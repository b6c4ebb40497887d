package dev.syncer.views.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.RefusedEffects;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.SyncerState;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopologyModelTest {

    private static final String A = "aaaa11112222333344445555666677778888aaaa";

    private ScriptedLab lab;
    private final TopologyModel model = new TopologyModel();

    @BeforeEach
    void topology() {
        lab = new ScriptedLab(() -> Instant.EPOCH);
        lab.cluster("c1", "east").cluster("c2", "west");
        lab.node("n1", "c1", "node-1").node("n2", "c1", "node-2").node("n3", "c2", "node-3");
        lab.database("db", "db", true);
        lab.primary("s1", "n1", "db", 7001, A, 5_000);
        lab.replica("s2", "n2", "s1", 7002, 4_900);
        lab.replica("s10", "n2", "s1", 7010, 5_000);
        lab.primary("w1", "n3", "db", 7101, A.replace('a', 'b'), 100);
        model.apply(lab.snapshot());
    }

    private NodeModel node(String id) {
        return model.getClusters().stream().flatMap(c -> c.getNodes().stream()).filter(n -> n.id().equals(id))
                .findFirst().orElseThrow();
    }

    @Test
    void buildsClustersNodesAndShardsInSnapshotOrder() {
        assertThat(model.getClusters()).extracting(c -> c.nameProperty().get()).containsExactly("east", "west");
        assertThat(node("n2").getShards()).extracting(ShardModel::id).containsExactly("s2", "s10");
        assertThat(model.getReplicationEdges()).extracting(ReplicationEdgeModel::replicaId).containsExactly("s2", "s10");
    }

    @Test
    void updatesKeepEveryModelObjectAndTouchNoList() {
        ShardModel s1 = model.shard("s1").orElseThrow();
        ReplicationEdgeModel e = model.replicationEdge("s2").orElseThrow();
        List<Object> changes = new ArrayList<>();
        ListChangeListener<Object> record = changes::add;
        model.getClusters().addListener(record);
        node("n2").getShards().addListener(record);
        model.getReplicationEdges().addListener(record);
        lab.write(1_000);
        model.apply(lab.snapshot());
        assertThat(model.shard("s1")).containsSame(s1);
        assertThat(model.replicationEdge("s2")).containsSame(e);
        assertThat(s1.replidLineProperty().get()).endsWith("6\u2009000");
        assertThat(changes).isEmpty();
    }

    @Test
    void migratedShardMovesToItsNewNodeKeepingItsIdentity() {
        ShardModel s2 = model.shard("s2").orElseThrow();
        lab.shard("s2").moveTo("n1");
        model.apply(lab.snapshot());
        assertThat(node("n1").getShards()).containsExactly(model.shard("s1").orElseThrow(), s2);
        assertThat(node("n2").getShards()).extracting(ShardModel::id).containsExactly("s10");
    }

    @Test
    void newShardIsInsertedInNaturalOrderWithoutMovingTheOthers() {
        lab.replica("s3", "n2", "s1", 7003, 5_000);
        model.apply(lab.snapshot());
        assertThat(node("n2").getShards()).extracting(ShardModel::id).containsExactly("s2", "s3", "s10");
    }

    @Test
    void removedShardTakesItsCardAndEdgeAway() {
        lab.removeShard("s10");
        model.apply(lab.snapshot());
        assertThat(model.shard("s10")).isEmpty();
        assertThat(model.getReplicationEdges()).extracting(ReplicationEdgeModel::replicaId).containsExactly("s2");
    }

    @Test
    void repointedReplicaKeepsItsEdgeWithANewUpstream() {
        ReplicationEdgeModel e = model.replicationEdge("s10").orElseThrow();
        lab.shard("s10").replicaOf(lab.shard("s2"));
        model.apply(lab.snapshot());
        assertThat(model.replicationEdge("s10")).containsSame(e);
        assertThat(e.getUpstreamId()).isEqualTo("s2");
    }

    @Test
    void linkStateShowsFaultsOutagesAndFullSyncs() {
        lab.fault(new LinkFaultInfo(LinkRef.replication("s2"), LinkFaultInfo.Kind.CUT, Duration.ZERO));
        lab.fault(new LinkFaultInfo(LinkRef.replication("s10"), LinkFaultInfo.Kind.DELAYED, Duration.ofMillis(150)));
        model.apply(lab.snapshot());
        assertThat(model.replicationEdge("s2").orElseThrow().getState()).isEqualTo(LinkState.CUT);
        ReplicationEdgeModel delayed = model.replicationEdge("s10").orElseThrow();
        assertThat(delayed.getState()).isEqualTo(LinkState.DELAYED);
        assertThat(delayed.labelProperty().get()).startsWith("+150 ms");

        lab.clearFaults();
        lab.shard("s1").state(ShardState.CRASHED);
        lab.shard("s10").fullSync("s1", 50, 100);
        model.apply(lab.snapshot());
        assertThat(model.replicationEdge("s2").orElseThrow().getState()).isEqualTo(LinkState.DOWN);
        lab.shard("s1").state(ShardState.RUNNING);
        model.apply(lab.snapshot());
        assertThat(model.replicationEdge("s10").orElseThrow().labelProperty().get()).isEqualTo("full sync 50%");
        assertThat(model.shard("s10").orElseThrow().syncProgressProperty().get()).isEqualTo(0.5);
    }

    @Test
    void lagIsTheUpstreamOffsetMinusTheReplicaOffset() {
        assertThat(model.replicationEdge("s2").orElseThrow().lagBytesProperty().get()).isEqualTo(100);
        assertThat(model.replicationEdge("s2").orElseThrow().labelProperty().get()).isEqualTo("100 B · ack 0 s");
        assertThat(model.shard("s2").orElseThrow().statusLineProperty().get()).isEqualTo("← s1 · lag 100 B");
    }

    @Test
    void aReplicaWithEveryByteItsUpstreamHadAPollAgoIsNotLaggingWhateverThePollSkew() {
        // polled just before its primary, which wrote 300 more bytes meanwhile: the replica has all 5 000
        lab.shard("s1").offset(5_300);
        lab.shard("s2").offset(5_100);
        lab.shard("s10").offset(4_990); // missing bytes s1 had a poll ago: really behind
        model.apply(lab.snapshot());

        ReplicationEdgeModel s2 = model.replicationEdge("s2").orElseThrow();
        assertThat(s2.lagBytesProperty().get()).isZero();
        assertThat(s2.labelProperty().get()).isEmpty();
        assertThat(model.shard("s2").orElseThrow().statusLineProperty().get()).isEqualTo("← s1 · lag 0 B");
        assertThat(model.replicationEdge("s10").orElseThrow().lagBytesProperty().get()).isEqualTo(310);
    }

    @Test
    void aPrimaryThatRefusedActiveActiveEffectsSaysHowManyOnItsCardAndInItsTooltip() {
        ShardModel s1 = model.shard("s1").orElseThrow();
        assertThat(s1.statusLineProperty().get()).doesNotContain("refused");
        lab.shard("s1").refused(new RefusedEffects(1, 2, 4));
        model.apply(lab.snapshot());
        assertThat(s1.statusLineProperty().get()).isEqualTo("2 replicas · 7 refused");
        assertThat(s1.tooltipProperty().get()).contains("deltas_rejected:1\ndeltas_quarantined:2\neffects_noperm:4");
    }

    @Test
    void aCaughtUpLinkDrawsNoLabelButStillDescribesItself() {
        ReplicationEdgeModel s10 = model.replicationEdge("s10").orElseThrow();
        assertThat(s10.labelProperty().get()).isEmpty();
        assertThat(s10.descriptionProperty().get()).startsWith("s10 ← s1: link up, 0 B behind");
    }

    @Test
    void syncerEdgesJoinClustersWithTheirState() {
        lab.syncer("y", "db", "c1", "c2", new Checkpoint(A, 4_000)).state(SyncerState.OUT_OF_SYNC);
        model.apply(lab.snapshot());
        SyncerEdgeModel y = model.syncerEdge("y").orElseThrow();
        assertThat(y.stateProperty().get()).isEqualTo(LinkState.DOWN);
        assertThat(y.nameProperty().get()).isEqualTo("syncer east→west");
        assertThat(y.labelProperty().get()).isEqualTo("db · out-of-sync · 12 ms");
        lab.fault(new LinkFaultInfo(LinkRef.syncer("y"), LinkFaultInfo.Kind.CUT, Duration.ZERO));
        model.apply(lab.snapshot());
        assertThat(y.stateProperty().get()).isEqualTo(LinkState.CUT);
    }

    @Test
    void proxiesAreListedPerCluster() {
        assertThat(model.getClusters().getFirst().getProxies()).singleElement().asString()
                .isEqualTo("db (A-A)  proxy :12000");
    }
}
