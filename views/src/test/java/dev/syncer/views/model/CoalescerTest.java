package dev.syncer.views.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.testing.ManualUiScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    private final ManualUiScheduler ui = new ManualUiScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<List<Integer>> batches = new ArrayList<>();
    private final Coalescer<Integer> coalescer = new Coalescer<>(ui, Duration.ofMillis(250), batches::add);

    @Test
    void aBurstArrivesAsOneBatchInOrder() {
        for (int i = 0; i < 5; i++) {
            coalescer.offer(i);
        }
        ui.runDue();
        assertThat(batches).containsExactly(List.of(0, 1, 2, 3, 4));
    }

    @Test
    void theNextBatchWaitsForThePeriod() {
        coalescer.offer(1);
        ui.runDue();
        coalescer.offer(2);
        ui.advance(Duration.ofMillis(249));
        assertThat(batches).hasSize(1);
        ui.advance(Duration.ofMillis(1));
        assertThat(batches).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void twentyUpdatesASecondBecomeAtMostFourDeliveries() {
        for (int i = 0; i < 40; i++) {
            coalescer.offer(i);
            ui.advance(Duration.ofMillis(50));
        }
        ui.advance(Duration.ofMillis(250));
        // 2 s of input: one delivery at once, then one every 250 ms.
        assertThat(batches.size()).isBetween(8, 9);
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(40);
    }

    @Test
    void nothingIsScheduledWhileNothingArrives() {
        coalescer.offer(1);
        ui.runDue();
        ui.advance(Duration.ofSeconds(10));
        assertThat(ui.pending()).isZero();
        assertThat(batches).hasSize(1);
    }

    @Test
    void latestKeepsOnlyTheNewest() {
        List<Integer> seen = new ArrayList<>();
        Coalescer<Integer> latest = Coalescer.latest(ui, Duration.ofMillis(250), seen::add);
        for (int i = 0; i < 100; i++) {
            latest.offer(i);
        }
        ui.runDue();
        assertThat(seen).containsExactly(99);
    }
}
