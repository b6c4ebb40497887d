package dev.syncer.views.model.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RingSeriesTest {

    @Test
    void fullRingOverwritesTheOldest() {
        RingSeries r = new RingSeries(3);
        for (int i = 1; i <= 5; i++) {
            r.add(i, i * 10);
        }
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.since(0, 10)).extracting(RingSeries.Point::time).containsExactly(3L, 4L, 5L);
    }

    @Test
    void sinceSkipsOlderSamples() {
        RingSeries r = new RingSeries(10);
        for (int i = 1; i <= 5; i++) {
            r.add(i * 1000, i);
        }
        assertThat(r.since(3000, 10)).extracting(RingSeries.Point::value).containsExactly(3.0, 4.0, 5.0);
    }

    @Test
    void thinningKeepsSpikes() {
        RingSeries r = new RingSeries(1000);
        for (int i = 0; i < 1000; i++) {
            r.add(i, i == 555 ? 1e6 : 1);
        }
        List<RingSeries.Point> thin = r.since(0, 50);
        assertThat(thin).hasSize(50);
        assertThat(thin).extracting(RingSeries.Point::value).contains(1e6);
        assertThat(thin).isSortedAccordingTo((a, b) -> Long.compare(a.time(), b.time()));
    }
}
