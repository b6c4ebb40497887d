package dev.syncer.engine.syncer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightTest {

    @Test
    void keepsOrderAcrossWrapAndGrowth() {
        InFlight q = new InFlight();
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 50 + round * 40; i++) { // grows past its first capacity while wrapped
                q.add(next, next * 10);
                next++;
            }
            for (int i = 0; i < 30; i++) {
                assertThat(q.oldestEnd()).isEqualTo(expected);
                assertThat(q.oldestTimestamp()).isEqualTo(expected * 10);
                q.removeOldest();
                expected++;
            }
        }
        assertThat(q.size()).isEqualTo((int) (next - expected));
        while (q.size() > 0) {
            assertThat(q.oldestEnd()).isEqualTo(expected++);
            q.removeOldest();
        }
        assertThat(expected).isEqualTo(next);
    }
}
