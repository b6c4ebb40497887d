package dev.syncer.engine.resp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RespDecoderTest {

    /** Every kind of frame a client sends, back to back, with the requests they must give. */
    private static final String FRAMES = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n"
            + "PING\r\n"
            + "*0\r\n" // ignored, as Redis does
            + "*-1\r\n" // ignored too
            + "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"
            + "set  \"a b\" 'c\\'d' \"\\x41\\n\"\r\n"
            + "\r\n" // an empty inline line is a keepalive (a replica's sign of life while it loads)
            + "GET k\n" // inline ending in a bare LF
            + "*1\r\n$12\r\nbinary\r\n\0\u00ff\u0001\u0002\r\n";

    private static final List<List<String>> EXPECTED = List.of(
            List.of("SET", "k", "value"), List.of("PING"), List.of("ECHO", ""), List.of("set", "a b", "c'd", "A\n"),
            List.of(), List.of("GET", "k"), List.of("binary\r\n\0\u00ff\u0001\u0002"));

    private static final List<Integer> WIRE_LENGTHS = List.of(31, 6, 20, 28, 2, 6, 23);

    @Test
    void framesDecodeToRequestsCarryingTheirWireLength() {
        List<Object> out = decode(bytes(FRAMES));
        assertThat(out.stream().map(RespDecoderTest::words).toList()).isEqualTo(EXPECTED);
        assertThat(out.stream().map(o -> o instanceof RespKeepalive k ? k.wireLength() : ((RespRequest) o).wireLength()).toList())
                .isEqualTo(WIRE_LENGTHS);
        assertThat(out.get(4)).isInstanceOf(RespKeepalive.class);
    }

    @Test
    void framesSplitAtEveryPositionDecodeTheSame() {
        byte[] all = bytes(FRAMES);
        List<String> whole = describe(decode(all));
        for (int cut = 1; cut < all.length; cut++) {
            List<String> split = describe(decode(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length)));
            assertThat(split).as("split at %d", cut).isEqualTo(whole);
        }
        byte[][] oneByOne = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            oneByOne[i] = new byte[] {all[i]};
        }
        assertThat(describe(decode(oneByOne))).isEqualTo(whole);
    }

    @Test
    void aRepeatedCommandNameIsOneArrayAndADifferentOneItsOwn() {
        String set = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";
        List<Object> out = decode(bytes(set + set + "*2\r\n$3\r\nset\r\n$1\r\nk\r\n" + "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"
                + "*2\r\n$3\r\nGET\r\n$3\r\nGET\r\n"));
        byte[][] first = ((RespRequest) out.get(0)).argv();
        byte[][] second = ((RespRequest) out.get(1)).argv();
        assertThat(second[0]).isSameAs(first[0]);
        assertThat(second[1]).isNotSameAs(first[1]); // only the name is shared
        assertThat(out.stream().map(RespDecoderTest::words).toList()).isEqualTo(List.of(List.of("SET", "k", "v"),
                List.of("SET", "k", "v"), List.of("set", "k"), List.of("GET", "k"), List.of("GET", "GET")));
        byte[][] get = ((RespRequest) out.get(4)).argv();
        assertThat(get[0]).isSameAs(((RespRequest) out.get(3)).argv()[0]);
        assertThat(get[1]).isNotSameAs(get[0]); // an argument equal to the name is its own array
    }

    @Test
    void headerLinesReadInOneLoadDecodeAsTheGeneralPathDoes() {
        // with 8 bytes at hand, headers of 1 to 5 digits take one load; 6 digits, signs and broken lines the general path
        String ping = "*1\r\n$4\r\nPING\r\n";
        assertThat(describe(decode(bytes("*2\r\n$00004\r\nECHO\r\n$000002\r\nhi\r\n" + ping))))
                .containsExactly("[ECHO, hi]#31", "[PING]#14");
        List<Object> big = decode(bytes("*1\r\n$12345\r\n" + "v".repeat(12345) + "\r\n*-1\r\n*0\r\n" + ping));
        assertThat(((RespRequest) big.get(0)).argv()[0]).hasSize(12345);
        assertThat(describe(big.subList(0, 1))).allMatch(d -> d.endsWith("#" + (4 + 8 + 12345 + 2)));
        assertThat(describe(big.subList(1, big.size()))).containsExactly("[PING]#14");
        assertThat(errorFor("*1\r\n$3\rxSET\r\n" + ping)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorFor("*1\r\n$\r\nSET\r\n" + ping)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorFor("*1\r\n$-1\r\nSET\r\n" + ping)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorFor("*1\r\n:3\r\nSET\r\n" + ping)).isEqualTo("Protocol error: expected '$', got ':'");
        assertThat(errorFor("*1\n\r\n$3\r\nSET\r\n")).isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorFor("*\r\n$3\r\nSET\r\n")).isEqualTo("Protocol error: invalid multibulk length");
    }

    @Test
    void aCommandNameOfEightBytesIsSharedOnlyWhenEveryByteMatches() {
        String tail = "*1\r\n$4\r\nPING\r\n";
        List<Object> out = decode(bytes("*1\r\n$8\r\nSMEMBERS\r\n*1\r\n$8\r\nSMEMBERS\r\n*1\r\n$8\r\nSMEMBERZ\r\n"
                + "*1\r\n$8\r\nZMEMBERZ\r\n" + tail));
        assertThat(out.stream().map(RespDecoderTest::words).toList()).isEqualTo(List.of(List.of("SMEMBERS"),
                List.of("SMEMBERS"), List.of("SMEMBERZ"), List.of("ZMEMBERZ"), List.of("PING")));
        assertThat(((RespRequest) out.get(1)).argv()[0]).isSameAs(((RespRequest) out.get(0)).argv()[0]);
        assertThat(((RespRequest) out.get(2)).argv()[0]).isNotSameAs(((RespRequest) out.get(1)).argv()[0]);
    }

    @Test
    void aRequestWithMoreArgumentsThanThePreallocatedSlotsDecodesWhole() {
        int count = RespDecoder.PREALLOCATED_ARGS_MAX * 3 + 7;
        StringBuilder frame = new StringBuilder("*" + count + "\r\n");
        for (int i = 0; i < count; i++) {
            String arg = Integer.toString(i);
            frame.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        List<Object> out = decode(bytes(frame.toString()));
        byte[][] argv = ((RespRequest) out.get(0)).argv();
        assertThat(argv.length).isEqualTo(count);
        assertThat(new String(argv[count - 1], StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(count - 1));
    }

    @Test
    void anInlineEmptyQuotedWordIsOneEmptyArgument() {
        // Redis's sdssplitargs gives argc 1 with an empty command name ("unknown command ''").
        assertThat(describe(decode(bytes("\"\"\r\n")))).containsExactly("[]#4");
        assertThat(((RespRequest) decode(bytes("\"\"\r\n")).get(0)).argv()).hasDimensions(1, 0);
    }

    @Test
    void aProtocolErrorFollowsTheRequestsBeforeItAndEndsDecoding() {
        List<Object> out = decode(bytes("PING\r\n*1\r\n$x\r\nPING\r\n"), bytes("PING\r\n"));
        assertThat(describe(out)).containsExactly("[PING]#6", "ERR Protocol error: invalid bulk length");
    }

    @Test
    void eachMalformedFrameGetsRedissError() {
        assertThat(errorFor("*1\r\n+foo\r\n")).isEqualTo("Protocol error: expected '$', got '+'");
        assertThat(errorFor("*1\r\n$-1\r\n")).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorFor("*1\r\n$2000000\r\n")).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorFor("*x\r\n")).isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorFor("*1048577\r\n")).isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorFor("*9999999999999999999\r\n")).isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorFor("*1\r\n$99999999999999999999\r\n")).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorFor("SET \"a b\r\n")).isEqualTo("Protocol error: unbalanced quotes in request");
        assertThat(errorFor("a".repeat(RespDecoder.INLINE_MAX + 1))).isEqualTo("Protocol error: too big inline request");
        assertThat(errorFor("*" + "1".repeat(RespDecoder.INLINE_MAX + 1)))
                .isEqualTo("Protocol error: too big mbulk count string");
        assertThat(errorFor("*1\r\n$" + "1".repeat(RespDecoder.INLINE_MAX + 1)))
                .isEqualTo("Protocol error: too big bulk count string");
    }

    @Test
    void anUnauthenticatedClientGetsSmallLimits() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(() -> 512L * 1024 * 1024, () -> false));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("*11\r\n")));
        assertThat(((ProtocolException) ch.readInbound()).getMessage())
                .isEqualTo("Protocol error: unauthenticated multibulk length");
        ch = new EmbeddedChannel(new RespDecoder(() -> 512L * 1024 * 1024, () -> false));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("*1\r\n$16385\r\n")));
        assertThat(((ProtocolException) ch.readInbound()).getMessage())
                .isEqualTo("Protocol error: unauthenticated bulk length");
    }

    private static String errorFor(String input) {
        List<Object> out = decode(bytes(input));
        assertThat(out).hasSize(1);
        return ((ProtocolException) out.get(0)).getMessage();
    }

    /** Feeds the pieces to a decoder (1 MB bulk limit) and collects what it emits. */
    static List<Object> decode(byte[]... pieces) {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(() -> 1024 * 1024, () -> true));
        for (byte[] piece : pieces) {
            ch.writeInbound(Unpooled.wrappedBuffer(piece));
            ch.checkException();
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    static List<String> describe(List<Object> decoded) {
        return decoded.stream().map(o -> o instanceof ProtocolException e ? "ERR " + e.getMessage()
                : o instanceof RespKeepalive k ? "keepalive#" + k.wireLength()
                : words((RespRequest) o) + "#" + ((RespRequest) o).wireLength()).toList();
    }

    static List<String> words(Object request) {
        if (request instanceof RespKeepalive) {
            return List.of();
        }
        return Arrays.stream(((RespRequest) request).argv()).map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    static byte[] bytes(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : s.toCharArray()) {
            out.write(c);
        }
        return out.toByteArray();
    }
}
