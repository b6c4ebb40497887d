package dev.syncer.views.model.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.testing.ScriptedLab;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {

    private static final String A = "aaaa11112222333344445555666677778888aaaa";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private ScriptedLab lab;
    private final SeriesStore store = new SeriesStore();

    @BeforeEach
    void topology() {
        lab = new ScriptedLab(now::get);
        lab.cluster("c", "c").node("n", "c", "n").database("db", "db", false);
        lab.primary("p", "n", "db", 7001, A, 1_000);
        lab.replica("r", "n", "p", 7002, 1_000);
    }

    private void sample(Duration after, long writtenBytes) {
        now.set(now.get().plus(after));
        lab.write(writtenBytes);
        store.record(lab.snapshot());
    }

    @Test
    void streamRateIsTheOffsetGrowthPerSecond() {
        sample(Duration.ZERO, 0);
        sample(Duration.ofSeconds(1), 4_000);
        assertThat(store.writeRate("p")).isEqualTo(4_000.0);
    }

    @Test
    void anHourAtTenSamplesASecondStaysWithinTheCapacity() {
        for (int i = 0; i < 36_000; i++) {
            sample(Duration.ofMillis(100), 10);
        }
        RingSeries offsets = store.get("p", Metric.OFFSET).orElseThrow();
        assertThat(offsets.size()).isEqualTo(SeriesStore.CAPACITY);
        assertThat(offsets.capacity()).isEqualTo(SeriesStore.CAPACITY);
    }

    @Test
    void seriesOfAShardThatLeftAreDropped() {
        sample(Duration.ZERO, 0);
        int before = store.seriesCount();
        var without = new ScriptedLab(now::get);
        without.cluster("c", "c").node("n", "c", "n").database("db", "db", false);
        without.primary("p", "n", "db", 7001, A, 1_000);
        store.record(without.snapshot());
        assertThat(store.seriesCount()).isLessThan(before);
        assertThat(store.get("r", Metric.OFFSET)).isEmpty();
    }

    @Test
    void replicaLagIsItsUpstreamsOffsetMinusItsOwn() {
        lab.shard("r").linkUp(false);
        sample(Duration.ZERO, 700);
        assertThat(store.get("r", Metric.LAG_BYTES).orElseThrow().last().value()).isEqualTo(700.0);
    }

    @Test
    void replicaTimeLagIsTheSecondsSinceItsLastAckAsTheLinkLabelSays() {
        lab.shard("r").ackLag(3);
        sample(Duration.ZERO, 0);
        assertThat(store.get("r", Metric.LAG_MS).orElseThrow().last().value()).isEqualTo(3000.0);
    }
}
