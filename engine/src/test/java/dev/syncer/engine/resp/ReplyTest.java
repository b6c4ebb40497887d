package dev.syncer.engine.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Each RESP3 type and its RESP2 stand-in, as networking.c's addReply* functions write them. */
class ReplyTest {

    private static String written(int protocol, Consumer<Reply> body) {
        ByteBuf out = Unpooled.buffer();
        try {
            body.accept(new Reply(out, protocol));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    @Test
    void nullsAreOneTypeInResp3AndTwoInResp2() {
        assertThat(written(2, Reply::nullBulk)).isEqualTo("$-1\r\n");
        assertThat(written(2, Reply::nullArray)).isEqualTo("*-1\r\n");
        assertThat(written(2, r -> r.bulk((byte[]) null))).isEqualTo("$-1\r\n");
        assertThat(written(3, Reply::nullBulk)).isEqualTo("_\r\n");
        assertThat(written(3, Reply::nullArray)).isEqualTo("_\r\n");
        assertThat(written(3, r -> r.bulk((String) null))).isEqualTo("_\r\n");
    }

    @Test
    void mapIsAFlatArrayOfPairsInResp2() {
        Consumer<Reply> map = r -> {
            r.mapHeader(2);
            r.bulk("a");
            r.integer(1);
            r.bulk("b");
            r.integer(2);
        };
        assertThat(written(2, map)).isEqualTo("*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n");
        assertThat(written(3, map)).isEqualTo("%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n");
        assertThat(written(3, r -> r.mapHeader(0))).isEqualTo("%0\r\n");
        assertThat(written(2, r -> r.mapHeader(0))).isEqualTo("*0\r\n");
    }

    @Test
    void setAndPushAreArraysInResp2() {
        assertThat(written(2, r -> r.setHeader(3))).isEqualTo("*3\r\n");
        assertThat(written(3, r -> r.setHeader(3))).isEqualTo("~3\r\n");
        assertThat(written(3, r -> r.setHeader(1500))).isEqualTo("~1500\r\n");
        assertThat(written(2, r -> r.pushHeader(3))).isEqualTo("*3\r\n");
        assertThat(written(3, r -> r.pushHeader(3))).isEqualTo(">3\r\n");
    }

    @Test
    void doubleIsABulkStringInResp2WithTheSameDigits() {
        assertThat(written(2, r -> r.doubleValue(3.141))).isEqualTo("$5\r\n3.141\r\n");
        assertThat(written(3, r -> r.doubleValue(3.141))).isEqualTo(",3.141\r\n");
        assertThat(written(3, r -> r.doubleValue(0.1))).isEqualTo(",0.10000000000000001\r\n");
        assertThat(written(3, r -> r.doubleValue(Double.POSITIVE_INFINITY))).isEqualTo(",inf\r\n");
        assertThat(written(3, r -> r.doubleValue(Double.NEGATIVE_INFINITY))).isEqualTo(",-inf\r\n");
        assertThat(written(2, r -> r.doubleValue(Double.NEGATIVE_INFINITY))).isEqualTo("$4\r\n-inf\r\n");
        assertThat(written(3, r -> r.doubleValue(12))).isEqualTo(",12\r\n");
        assertThat(written(3, r -> r.humanDouble("13.361389338970184"))).isEqualTo(",13.361389338970184\r\n");
        assertThat(written(2, r -> r.humanDouble("13.5"))).isEqualTo("$4\r\n13.5\r\n");
    }

    @Test
    void booleanIsOneOrZeroInResp2() {
        assertThat(written(2, r -> r.bool(true))).isEqualTo(":1\r\n");
        assertThat(written(2, r -> r.bool(false))).isEqualTo(":0\r\n");
        assertThat(written(3, r -> r.bool(true))).isEqualTo("#t\r\n");
        assertThat(written(3, r -> r.bool(false))).isEqualTo("#f\r\n");
    }

    @Test
    void verbatimCarriesItsFormatAndCountsItsBytes() {
        assertThat(written(3, r -> r.verbatim("This is a verbatim\nstring")))
                .isEqualTo("=29\r\ntxt:This is a verbatim\nstring\r\n");
        assertThat(written(2, r -> r.verbatim("This is a verbatim\nstring")))
                .isEqualTo("$25\r\nThis is a verbatim\nstring\r\n");
        assertThat(written(3, r -> r.verbatim("é"))).isEqualTo("=6\r\ntxt:é\r\n");
    }

    @Test
    void bigNumberAndAttribute() {
        assertThat(written(3, r -> r.bigNumber("1234567999999999999999999999999999999")))
                .isEqualTo("(1234567999999999999999999999999999999\r\n");
        assertThat(written(2, r -> r.bigNumber("12"))).isEqualTo("$2\r\n12\r\n");
        assertThat(written(3, r -> r.attributeHeader(1))).isEqualTo("|1\r\n");
        assertThat(written(2, r -> r.attributeHeader(1))).isEmpty();
    }

    @Test
    void theProtocolCanChangeBetweenReplies() {
        ByteBuf out = Unpooled.buffer();
        try {
            Reply r = new Reply(out);
            assertThat(r.protocol()).isEqualTo(2);
            r.nullBulk();
            r.protocol(3);
            assertThat(r.resp3()).isTrue();
            r.nullBulk();
            assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("$-1\r\n_\r\n");
        } finally {
            out.release();
        }
    }
}
