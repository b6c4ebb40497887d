package dev.syncer.views.model.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.prediction.Runway.Marker;
import dev.syncer.views.testing.ScriptedLab;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunwayTest {

    private static final String A = "aaaa11112222333344445555666677778888aaaa";
    private static final String B = "bbbb11112222333344445555666677778888bbbb";

    private ScriptedLab lab;

    @BeforeEach
    void topology() {
        lab = new ScriptedLab(() -> Instant.EPOCH);
        lab.cluster("c1", "east").cluster("c2", "west").node("n1", "c1", "n1").node("n2", "c1", "n2");
        lab.database("db", "db", true);
        // A full 10 000-byte backlog: [90 001…100 000].
        lab.primary("p", "n1", "db", 7001, A, 100_000).backlog(10_000, 90_001);
        lab.replica("fast", "n2", "p", 7002, 99_900);
        lab.replica("slow", "n2", "p", 7003, 91_000);
    }

    private Runway runway(double writeRate) {
        var s = lab.snapshot();
        return Runway.of(s, s.shard("p").orElseThrow(), writeRate);
    }

    private static Marker marker(Runway r, String label) {
        return r.markers().stream().filter(m -> m.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void headroomIsTheBacklogSizeMinusTheLag() {
        Runway r = runway(0);
        assertThat(r.first()).isEqualTo(90_001);
        assertThat(r.last()).isEqualTo(100_000);
        assertThat(marker(r, "fast").headroomBytes()).isEqualTo(10_000 - 100);
        assertThat(marker(r, "slow").headroomBytes()).isEqualTo(10_000 - 9_000);
    }

    @Test
    void secondsLeftFollowTheWriteRateAndAreUnboundedWithoutWrites() {
        assertThat(marker(runway(500), "slow").headroomSeconds()).isEqualTo(2.0);
        assertThat(marker(runway(0), "slow").headroomSeconds()).isInfinite();
    }

    @Test
    void mostEndangeredReaderComesFirstAndLowRunwayIsDanger() {
        Runway r = runway(100);
        assertThat(r.markers()).extracting(Marker::label).containsExactly("slow", "fast");
        assertThat(marker(r, "slow").health()).isEqualTo(Marker.Health.DANGER);
        assertThat(marker(r, "fast").health()).isEqualTo(Marker.Health.SAFE);
    }

    @Test
    void aCutReplicaIsNotShownAsSafe() {
        lab.shard("fast").linkUp(false);
        Marker m = marker(runway(100), "fast");
        assertThat(m.health()).isEqualTo(Marker.Health.DISCONNECTED);
        assertThat(m.note()).startsWith("link down: resumes partially if back within");
        assertThat(marker(runway(100), "slow").health()).isEqualTo(Marker.Health.DANGER);
    }

    @Test
    void aReaderPolledAfterItsPrimaryAndAheadOfItIsAtTheHeadNotLost() {
        lab.shard("fast").offset(100_250);
        Marker m = marker(runway(100), "fast");
        assertThat(m.health()).isEqualTo(Marker.Health.SAFE);
        assertThat(m.headroomBytes()).isEqualTo(10_000);
    }

    @Test
    void readerBehindTheFirstByteIsLost() {
        lab.shard("slow").offset(80_000);
        Marker m = marker(runway(0), "slow");
        assertThat(m.health()).isEqualTo(Marker.Health.LOST);
        assertThat(m.note()).contains("left the backlog");
    }

    @Test
    void lastByteIsStillInsideSoACaughtUpReaderHasTheWholeBacklog() {
        lab.shard("fast").offset(100_000);
        assertThat(marker(runway(0), "fast").headroomBytes()).isEqualTo(10_000);
    }

    @Test
    void syncerIsPlacedAtItsCheckpointInThisHistoryEvenAfterAPromotion() {
        lab.shard("p").history(B, 95_000);
        lab.syncer("y", "db", "c1", "c2", new Checkpoint(B, 94_000), new Checkpoint("cccc" + B.substring(4), 1));
        Marker m = marker(runway(0), "syncer east→west");
        assertThat(m.kind()).isEqualTo(Marker.Kind.SYNCER);
        assertThat(m.offset()).isEqualTo(94_000);
        assertThat(m.health()).isNotEqualTo(Marker.Health.LOST);
    }

    @Test
    void positionSpansTheBar() {
        Runway r = runway(0);
        assertThat(r.position(90_001)).isZero();
        assertThat(r.position(100_000)).isEqualTo(1.0);
        assertThat(r.fill()).isEqualTo(1.0);
    }
}
