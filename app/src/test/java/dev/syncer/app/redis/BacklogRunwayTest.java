package dev.syncer.app.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The runway a backlog size buys at a write rate. */
class BacklogRunwayTest {

    @Test
    void aBacklogHoldsItsSizeOverTheWriteRate() {
        assertThat(BacklogRunway.seconds(1_048_576, 1024)).isEqualTo(1024.0);
        assertThat(BacklogRunway.seconds(1_048_576, 0)).isInfinite();
    }

    @Test
    void theStepSaysTheRunwayBeforeAndAfter() {
        assertThat(BacklogRunway.bought(1_048_576, 10 * 1_048_576, 12_288))
                .isEqualTo("runway at 12.0 KB/s of writes: 1 min 25 s → 14 min 13 s");
        assertThat(BacklogRunway.bought(1_048_576, 2 * 1_048_576, 0))
                .isEqualTo("runway 1.0 MB → 2.0 MB of writes (no writes now: unbounded at this rate)");
    }
}
