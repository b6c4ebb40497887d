package dev.syncer.engine.command;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LongDoubleTest {

    // Expected results are what redis-server 7.0.15 on x86-64 answered to SET k <a>; INCRBYFLOAT k <b>.
    @ParameterizedTest
    @CsvSource({
            "10.5, 0.1, 10.6",
            "10.6, -5.0e3, -4989.39999999999999991",
            "0, 3.0e-5, 0.00003",
            "1.5, 2.25, 3.75",
            "3.0, -3, 0",
            "0.1, 0.2, 0.3",
            "5.0e3, 2.0e2, 5200",
            "1, 0.0000001, 1.0000001"})
    void addsAsX87LongDoubleAndPrintsLikeRedis(String a, String b, String expected) {
        BigDecimal x = LongDouble.parse(a.getBytes(StandardCharsets.US_ASCII)).finite();
        BigDecimal y = LongDouble.parse(b.getBytes(StandardCharsets.US_ASCII)).finite();
        assertThat(LongDouble.format(LongDouble.add(x, y))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void readsInfinityAndRejectsJunk() {
        assertThat(LongDouble.parse("-inf".getBytes(StandardCharsets.US_ASCII)).isInfinite()).isTrue();
        assertThat(LongDouble.parse("1x".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(LongDouble.parse(" 1".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(LongDouble.parse("1e99999".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @org.junit.jupiter.api.Test
    void roundsToA64BitSignificandTiesToEven() {
        BigDecimal twoTo64 = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(64));
        assertThat(LongDouble.round(twoTo64.add(BigDecimal.ONE))).isEqualTo(twoTo64.setScale(0));
        assertThat(LongDouble.round(twoTo64.add(new BigDecimal(3)))).isEqualByComparingTo(twoTo64.add(new BigDecimal(4)));
    }
}
