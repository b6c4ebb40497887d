package dev.syncer.app.adapter;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesFromTheFirstWaitUpToTheCap() {
        Backoff b = Backoff.ATTACH;
        assertThat(b.delay(0)).isZero();
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.delay(1_000)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void refusesACapBelowTheFirstWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
