package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.StreamId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stream ID arguments read as streamGenericParseIDOrReply and string2ull read them. */
class StreamIdsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aMissingSequenceTakesTheDefaultOfTheBound() {
        assertThat(StreamIds.parse(b("5"), 0)).isEqualTo(new StreamId(5, 0));
        assertThat(StreamIds.parse(b("5"), -1L)).isEqualTo(new StreamId(5, -1L));
    }

    @Test
    void minusAndPlusAreTheEdgesExceptInStrictPlaces() {
        assertThat(StreamIds.parse(b("-"), 0)).isEqualTo(StreamId.MIN);
        assertThat(StreamIds.parse(b("+"), 0)).isEqualTo(StreamId.MAX);
        assertThatThrownBy(() -> StreamIds.strict(b("+"))).hasMessage(StreamIds.INVALID);
    }

    @Test
    void numbersAreUnsigned64BitAsStrtoullReadsThem() {
        assertThat(StreamIds.strict(b("18446744073709551615-1"))).isEqualTo(new StreamId(-1L, 1));
        assertThat(StreamIds.strict(b(" 7-+3"))).isEqualTo(new StreamId(7, 3));
        assertThat(StreamIds.string2ull(b("-5"), 0, 2)).isNull();
        assertThat(StreamIds.string2ull(b("18446744073709551616"), 0, 20)).isNull();
        assertThat(StreamIds.string2ull(b(""), 0, 0)).isNull();
        assertThatThrownBy(() -> StreamIds.strict(b("1-2-3"))).hasMessage(StreamIds.INVALID);
        assertThatThrownBy(() -> StreamIds.strict(b("x".repeat(128)))).hasMessage(StreamIds.INVALID);
    }

    @Test
    void onlyXaddAcceptsAStarSequence() {
        boolean[] seqGiven = {true};
        assertThat(StreamIds.forXadd(b("9-*"), seqGiven)).isEqualTo(new StreamId(9, 0));
        assertThat(seqGiven[0]).isFalse();
        assertThatThrownBy(() -> StreamIds.strict(b("9-*"))).hasMessage(StreamIds.INVALID);
    }

    @Test
    void exclusiveBoundsMoveOneIdInwardAndRefuseToLeaveTheRange() {
        assertThat(StreamIds.bound(b("(5-5"), true)).isEqualTo(new StreamId(5, 6));
        assertThat(StreamIds.bound(b("(5-0"), false)).isEqualTo(new StreamId(4, -1L));
        assertThat(StreamIds.bound(b("(5"), false)).isEqualTo(new StreamId(5, -2L));
        assertThatThrownBy(() -> StreamIds.bound(b("(0-0"), false)).hasMessage("ERR invalid end ID for the interval");
        assertThatThrownBy(() -> StreamIds.bound(b("(18446744073709551615-18446744073709551615"), true))
                .hasMessage("ERR invalid start ID for the interval");
        assertThatThrownBy(() -> StreamIds.bound(b("(-"), true)).hasMessage(StreamIds.INVALID);
    }
}
