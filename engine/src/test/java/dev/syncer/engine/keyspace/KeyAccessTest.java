package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyAccessTest {

    private static final long MINUTE = 60_000;

    @Test
    void theCounterDecaysOnePerPeriodAndNeverBelowZero() {
        long t0 = 1_700_000_000_000L;
        int packed = (int) (KeyAccess.minutes(t0) << 8 | 7);
        assertThat(KeyAccess.lfuDecrAndReturn(packed, t0, 1)).isEqualTo(7);
        assertThat(KeyAccess.lfuDecrAndReturn(packed, t0 + 3 * MINUTE, 1)).isEqualTo(4);
        assertThat(KeyAccess.lfuDecrAndReturn(packed, t0 + 4 * MINUTE, 2)).isEqualTo(5);
        assertThat(KeyAccess.lfuDecrAndReturn(packed, t0 + 100 * MINUTE, 1)).isZero();
        assertThat(KeyAccess.lfuDecrAndReturn(packed, t0 + 100 * MINUTE, 0)).isEqualTo(7);
    }

    @Test
    void elapsedMinutesWrapAroundSixteenBits() {
        long now = 3 * MINUTE;
        assertThat(KeyAccess.lfuTimeElapsed(65530, now)).isEqualTo(65535 - 65530 + 3);
    }

    @Test
    void theCounterGrowsLogarithmicallyAndSaturates() {
        assertThat(KeyAccess.lfuLogIncr(KeyAccess.LFU_INIT_VAL, 10, 0.99)).isEqualTo(6);
        assertThat(KeyAccess.lfuLogIncr(15, 10, 0.5)).isEqualTo(15); // p = 1/101
        assertThat(KeyAccess.lfuLogIncr(15, 10, 0.005)).isEqualTo(16);
        assertThat(KeyAccess.lfuLogIncr(255, 0, 0)).isEqualTo(255);
    }
}
