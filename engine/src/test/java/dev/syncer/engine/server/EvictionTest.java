package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvictionTest {

    @Test
    void getMaxmemoryStateCountsWhatIsAboveTheLimitLessReplicaBuffers() {
        assertThat(Eviction.memToFree(5_000, 0, 0)).isZero(); // no maxmemory
        assertThat(Eviction.memToFree(5_000, 0, 6_000)).isZero();
        assertThat(Eviction.memToFree(5_000, 0, 4_000)).isEqualTo(1_000);
        assertThat(Eviction.memToFree(5_000, 2_000, 4_000)).isZero(); // replica output does not count
        assertThat(Eviction.memToFree(100, 2_000, 4_000)).isZero();
    }
}
