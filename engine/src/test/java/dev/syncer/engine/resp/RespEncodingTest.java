package dev.syncer.engine.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The replication stream's encoding: lengths of every digit count, into a buffer that must grow. */
class RespEncodingTest {

    private static String encoded(ByteBuf out, byte[][] argv) {
        RespEncoding.write(out, argv);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void lengthsOfOneToSixDigitsAreWrittenInDecimal() {
        for (int length : new int[] {0, 1, 9, 10, 99, 100, 999, 1000, 12345, 100000}) {
            byte[] arg = "v".repeat(length).getBytes(StandardCharsets.US_ASCII);
            ByteBuf out = Unpooled.buffer(1); // grows: write makes room for the whole command
            try {
                assertThat(encoded(out, new byte[][] {"SET".getBytes(StandardCharsets.US_ASCII), arg}))
                        .isEqualTo("*2\r\n$3\r\nSET\r\n$" + length + "\r\n" + "v".repeat(length) + "\r\n");
            } finally {
                out.release();
            }
        }
    }

    @Test
    void anArrayOfTenOrMoreArgumentsCountsThemInDecimal() {
        byte[][] argv = new byte[12][];
        StringBuilder expected = new StringBuilder("*12\r\n");
        for (int i = 0; i < argv.length; i++) {
            argv[i] = Integer.toString(i * 7).getBytes(StandardCharsets.US_ASCII);
            expected.append('$').append(argv[i].length).append("\r\n").append(i * 7).append("\r\n");
        }
        ByteBuf out = Unpooled.buffer();
        try {
            out.writeByte('x'); // appended after what the buffer already holds
            assertThat(encoded(out, argv)).isEqualTo("x" + expected);
        } finally {
            out.release();
        }
    }

    @Test
    void digitsCountsEachPowerOfTen() {
        assertThat(RespEncoding.digits(0)).isEqualTo(1);
        assertThat(RespEncoding.digits(9)).isEqualTo(1);
        assertThat(RespEncoding.digits(10)).isEqualTo(2);
        assertThat(RespEncoding.digits(999_999)).isEqualTo(6);
        assertThat(RespEncoding.digits(Integer.MAX_VALUE)).isEqualTo(10);
    }
}
