package dev.syncer.engine.resp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes arrive, in whatever pieces, the decoder never throws: bad input surfaces as one
 * ProtocolException with Redis's message, after the requests before it. And what it decodes
 * depends only on the bytes, not on how the network cut them.
 */
class RespDecoderPropertyTest {

    @Property(tries = 400)
    void arbitraryInputNeverEscapesTheDecoderAndDoesNotDependOnHowItIsCut(
            @ForAll("respLikeBytes") byte[] input, @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 400) Integer> cuts) {
        List<Object> whole = RespDecoderTest.decode(input);
        List<Object> split = RespDecoderTest.decode(pieces(input, cuts));
        assertWellFormed(whole);
        assertThat(RespDecoderTest.describe(split)).isEqualTo(RespDecoderTest.describe(whole));
    }

    @Property(tries = 300)
    void validFramesDecodeToTheirArgumentsHoweverTheyAreCut(
            @ForAll("commands") List<List<byte[]>> commands, @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 2000) Integer> cuts) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<Integer> lengths = new ArrayList<>();
        for (List<byte[]> argv : commands) {
            byte[] frame = encode(argv);
            wire.writeBytes(frame);
            lengths.add(frame.length);
        }
        byte[] input = wire.toByteArray();
        List<Object> decoded = RespDecoderTest.decode(pieces(input, cuts));
        assertThat(decoded).hasSize(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            RespRequest r = (RespRequest) decoded.get(i);
            assertThat(r.argv()).as("command %d", i).isDeepEqualTo(commands.get(i).toArray(new byte[0][]));
            assertThat(r.wireLength()).isEqualTo(lengths.get(i));
        }
    }

    private static void assertWellFormed(List<Object> out) {
        for (int i = 0; i < out.size(); i++) {
            Object o = out.get(i);
            assertThat(o).isInstanceOfAny(RespRequest.class, RespKeepalive.class, ProtocolException.class);
            if (o instanceof RespKeepalive k) {
                assertThat(k.wireLength()).as("an empty line: LF or CRLF").isBetween(1, 2);
            } else if (o instanceof ProtocolException e) {
                assertThat(i).as("a protocol error is the last thing emitted").isEqualTo(out.size() - 1);
                assertThat(e.getMessage()).startsWith("Protocol error: ");
            } else {
                // At least one argument; it may be empty (inline `""` is the command '', as in Redis).
                assertThat(((RespRequest) o).argv().length).isPositive();
            }
        }
    }

    private static byte[][] pieces(byte[] input, List<Integer> cuts) {
        TreeSet<Integer> at = new TreeSet<>();
        for (int c : cuts) {
            if (c > 0 && c < input.length) {
                at.add(c);
            }
        }
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int c : at) {
            out.add(Arrays.copyOfRange(input, from, c));
            from = c;
        }
        out.add(Arrays.copyOfRange(input, from, input.length));
        return out.toArray(new byte[0][]);
    }

    private static byte[] encode(List<byte[]> argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + argv.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : argv) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    @Provide
    Arbitrary<List<List<byte[]>>> commands() {
        Arbitrary<byte[]> arg = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return arg.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Fragments of RESP and inline syntax glued at random, plus raw noise: mostly almost-valid input. */
    @Provide
    Arbitrary<byte[]> respLikeBytes() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("*", "$", "\r\n", "\r", "\n", "-", "-1", "0", "1", "2", "3", "12", " ", "\"", "'",
                        "\\", "\\x4", "\\x41", "PING", "GET", "k", "*1\r\n$4\r\nPING\r\n", "*2\r\n", "$3\r\n",
                        "99999999999999999999"),
                Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(5));
        return token.list().ofMaxSize(30)
                .map(parts -> String.join("", parts).getBytes(StandardCharsets.ISO_8859_1));
    }
}
