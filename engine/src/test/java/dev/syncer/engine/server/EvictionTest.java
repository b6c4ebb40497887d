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

    @Test
    void evictionTimeLimitUsGrowsWithTenacityAndIsUnboundedAtOneHundred() {
        assertThat(Eviction.evictionTimeLimitUs(0)).isZero();
        assertThat(Eviction.evictionTimeLimitUs(10)).isEqualTo(500); // the default: half a millisecond
        assertThat(Eviction.evictionTimeLimitUs(11)).isEqualTo(575); // 15 % more a step past 10
        assertThat(Eviction.evictionTimeLimitUs(99)).isBetween(100_000_000L, 130_000_000L); // about two minutes
        assertThat(Eviction.evictionTimeLimitUs(100)).isEqualTo(Long.MAX_VALUE);
    }
}
