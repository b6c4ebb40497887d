package dev.syncer.views.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void replidsAreShortenedAndZerosMeanNone() {
        assertThat(Format.shortReplid("8f3a12c9d0b14e7fa26c55e01d9b7c3e4a6f2b18")).isEqualTo("8f3a12…");
        assertThat(Format.shortReplid("0000000000000000000000000000000000000000")).isEqualTo("none");
    }

    @Test
    void sizesRatesAndDurationsReadNaturally() {
        assertThat(Format.bytes(512)).isEqualTo("512 B");
        assertThat(Format.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(Format.bytes(1 << 20)).isEqualTo("1.0 MB");
        assertThat(Format.rate(1234)).isEqualTo("1.2k");
        assertThat(Format.offset(10_234_567)).isEqualTo("10\u2009234\u2009567");
        assertThat(Format.duration(Duration.ofMillis(350))).isEqualTo("350 ms");
        assertThat(Format.duration(Duration.ofSeconds(190))).isEqualTo("3 min 10 s");
        assertThat(Format.seconds(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    }

    @Test
    void aTileScalesBytesAsTheTextDoes() {
        assertThat(Format.scaledBytes(419)).isEqualTo(new Format.Scaled(419, "B"));
        assertThat(Format.scaledBytes(1536)).isEqualTo(new Format.Scaled(1.5, "KB"));
        assertThat(Format.scaledBytes(3 << 20)).isEqualTo(new Format.Scaled(3, "MB"));
        assertThat(Format.bytes(-1536)).isEqualTo("-1.5 KB");
        assertThat(Format.bytes(-512)).isEqualTo("-512 B");
    }

    @Test
    void namesSortNumbersByValue() {
        assertThat(StableList.compareNames("s2", "s10")).isNegative();
        assertThat(StableList.compareNames("node-10", "node-9")).isPositive();
        assertThat(StableList.compareNames("s1", "s1")).isZero();
    }
}
