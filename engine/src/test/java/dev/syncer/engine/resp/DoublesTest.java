package dev.syncer.engine.resp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DoublesTest {

    // Expected texts are glibc's printf("%.17g"), as redis-server 7.0 replies with them.
    @ParameterizedTest
    @CsvSource({
            "0.1, 0.10000000000000001",
            "1.5, 1.5",
            "3, 3",
            "-2, -2",
            "0.30000000000000004, 0.30000000000000004",
            "1e17, 1e+17",
            "123456789012345678, 1.2345678901234568e+17",
            "1e-5, 1.0000000000000001e-05",
            "0.0001, 0.0001",
            "1.5e-7, 1.4999999999999999e-07",
            "1e300, 1.0000000000000001e+300",
            "-1.7976931348623157e308, -1.7976931348623157e+308",
            "4.9e-324, 4.9406564584124654e-324",
            "123456789.123, 123456789.123",
            "2.5, 2.5"})
    void formatsLikePercentPoint17g(double value, String expected) {
        assertThat(Doubles.format(value)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void formatsInfinitiesAndNegativeZero() {
        assertThat(Doubles.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(Doubles.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Doubles.format(-0.0)).isEqualTo("-0");
        assertThat(Doubles.format(0.0)).isEqualTo("0");
    }

    @ParameterizedTest
    @CsvSource({"1.5, 1.5", "-3, -3", ".5, 0.5", "5., 5", "1e3, 1000", "0x10, 16", "0x1p-1, 0.5", "+inf, Infinity",
            "-Infinity, -Infinity", "1e-310, 1e-310"})
    void parsesWhatStrtodAccepts(String text, double expected) {
        assertThat(Doubles.parse(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "abc", "1.5f", "1d", "nan", "NaN", "1e400", "1e-400", "1e", "--1", "0x"})
    void rejectsWhatGetDoubleFromObjectRejects(String text) {
        assertThat(Doubles.parse(text.getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @org.junit.jupiter.api.Test
    void strtodForRangeBoundsSkipsLeadingBlanksReadsEmptyAsZeroAndOverflowsToInfinity() {
        assertThat(Doubles.strtod(" 2".getBytes(StandardCharsets.US_ASCII))).isEqualTo(2.0);
        assertThat(Doubles.strtod(new byte[0])).isEqualTo(0.0);
        assertThat(Doubles.strtod("1e400".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Doubles.strtod("2 ".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(Doubles.strtod("nan".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    /** The plain-integer shortcut gives what the general parse gives, sign and leading zeros included. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+0", "7", "+5", "-12", "007", "-000", "123456789012345", "-999999999999999",
        "1234567890123456", "99999999999999999999", "12a", "-", "+", " 1", "1 ", "1.0", "1e3", "0x10"})
    void plainIntegersParseAsTheGeneralPathDoes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        String general = text.matches("[+-]?[0-9]+") ? String.valueOf(Double.parseDouble(text)) : null;
        if (general != null) {
            assertThat(String.valueOf(Doubles.parse(bytes))).isEqualTo(general);
            assertThat(String.valueOf(Doubles.strtod(bytes))).isEqualTo(general);
        }
        assertThat(Doubles.strtod(bytes)).isEqualTo(Doubles.strtod((" " + text).getBytes(StandardCharsets.US_ASCII)));
    }
}
