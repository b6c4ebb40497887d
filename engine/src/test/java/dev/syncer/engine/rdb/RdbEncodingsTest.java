package dev.syncer.engine.rdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The building blocks: CRC64, LZF, score text, listpack backlen, intset widths. */
class RdbEncodingsTest {

    @Test
    void crc64MatchesRedisCheckValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.of(b, 0, b.length)).isEqualTo(0xE9C6D914C4B8D9CAL);
    }

    @Test
    void crc64SlicedEqualsBytewise() {
        byte[] b = new byte[1000];
        new Random(1).nextBytes(b);
        long whole = Crc64.of(b, 0, b.length);
        long pieces = Crc64.update(Crc64.update(Crc64.of(b, 0, 3), b, 3, 500), b, 503, 497);
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void lzfRoundTripsAndGivesUpWhenItCannotSaveFourBytes() {
        Lzf lzf = new Lzf();
        Random r = new Random(2);
        for (int i = 0; i < 200; i++) {
            byte[] in = new byte[21 + r.nextInt(3000)];
            int alphabet = 1 + r.nextInt(i % 2 == 0 ? 4 : 256);
            for (int k = 0; k < in.length; k++) {
                in[k] = (byte) r.nextInt(alphabet);
            }
            byte[] out = new byte[in.length - 4 + 1];
            int n = lzf.compress(in, in.length, out, in.length - 4);
            if (n > 0) {
                byte[] back = new byte[in.length];
                assertThat(Lzf.decompress(out, n, back)).isTrue();
                assertThat(back).isEqualTo(in);
            } else {
                assertThat(alphabet).as("only incompressible input is refused").isGreaterThan(16);
            }
        }
    }

    @Test
    void lzfRepeatsAPatternOfAnyPeriodDecompressingFromInsideABuffer() {
        Lzf lzf = new Lzf();
        for (int period = 1; period <= 9; period++) {
            byte[] in = new byte[300]; // a short head, then the period repeated: overlapping references
            for (int k = 0; k < in.length; k++) {
                in[k] = (byte) (k < 5 ? 'h' + k : 'a' + (k % period));
            }
            byte[] out = new byte[in.length];
            int n = lzf.compress(in, in.length, out, in.length - 4);
            assertThat(n).isPositive();
            byte[] framed = new byte[n + 7]; // the compressed bytes inside a larger buffer, as the loader reads them
            System.arraycopy(out, 0, framed, 3, n);
            byte[] back = new byte[in.length];
            assertThat(Lzf.decompress(framed, 3, n, back)).isTrue();
            assertThat(back).as("period " + period).isEqualTo(in);
        }
    }

    @Test
    void lzfDecompressionRejectsAReferenceBeforeTheStart() {
        byte[] bad = {(byte) 0x20, 0x05};
        assertThat(Lzf.decompress(bad, bad.length, new byte[3])).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0.1, 0.10000000000000001", "1e100, 1e+100", "-1.5, -1.5", "3, 3", "1e-5, 1.0000000000000001e-05",
        "123456789012345680000, 1.2345678901234568e+20", "0.0001, 0.0001", "4611686018427387904, 4611686018427387904",
        "9223372036854775807, 9.2233720368547758e+18", "-0.0, -0"})
    void scoresAreFormattedAsRedisD2string(double score, String text) {
        assertThat(ScoreText.format(score)).isEqualTo(text);
    }

    @Test
    void specialScoresAreFormattedAndParsedBack() {
        assertThat(ScoreText.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(ScoreText.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(ScoreText.parse("-inf".getBytes())).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ScoreText.parse("1e+100".getBytes())).isEqualTo(1e100);
        assertThat(ScoreText.parse("0x10".getBytes())).isNull();
    }

    @Test
    void backlenUsesThreeBytesFrom16383() throws Exception {
        byte[] b = new byte[5];
        assertThat(Listpack.encodeBacklen(16382, b, 0)).isEqualTo(2);
        assertThat(b[0]).isEqualTo((byte) 0x7F);
        assertThat(b[1]).isEqualTo((byte) 0xFE);
        assertThat(Listpack.encodeBacklen(16383, b, 0)).isEqualTo(3);
        assertThat(new byte[] {b[0], b[1], b[2]}).isEqualTo(new byte[] {0, (byte) 0xFF, (byte) 0xFF});
        byte[] big = new byte[16380];
        List<byte[]> back = Listpack.decode(new Listpack.Builder().add(big).add("x".getBytes()).finish());
        assertThat(back.get(0)).isEqualTo(big);
    }

    @Test
    void listpackKeepsIntegersOnlyWhenCanonical() throws Exception {
        byte[] lp = new Listpack.Builder().add("007".getBytes()).add("-0".getBytes()).add("127".getBytes())
                .add("-4096".getBytes()).add("9223372036854775807".getBytes()).add("18446744073709551615".getBytes())
                .finish();
        assertThat(Listpack.decode(lp)).extracting(b -> new String(b, StandardCharsets.US_ASCII))
                .containsExactly("007", "-0", "127", "-4096", "9223372036854775807", "18446744073709551615");
        assertThat(lp[6]).isEqualTo((byte) 0x83); // "007" stays a 3-byte string
    }

    @Test
    void intsetTakesTheSmallestWidthThatFits() throws Exception {
        assertThat(Intset.encode(new long[] {1, -32768})[0]).isEqualTo((byte) 2);
        assertThat(Intset.encode(new long[] {1, 32768})[0]).isEqualTo((byte) 4);
        assertThat(Intset.encode(new long[] {1L << 40})[0]).isEqualTo((byte) 8);
        assertThat(Intset.decode(Intset.encode(new long[] {5, -3, 1L << 40}))).containsExactly(-3, 5, 1L << 40);
    }
}
