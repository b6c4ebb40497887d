package dev.syncer.engine.replication.replica;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferDecoderTest {

    private static final String MARK = "0123456789abcdef0123456789abcdef01234567";
    private static final byte[] STREAM = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The payload as the sink got it, and how the transfer ended. */
    private static final class Received implements TransferDecoder.Sink, TransferDecoder.Listener {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long ended = -1;
        long completed = -1;

        @Override
        public void open() {
        }

        @Override
        public int write(ByteBuf in, int from, int n) {
            byte[] b = new byte[n];
            in.getBytes(from, b);
            bytes.writeBytes(b);
            return n;
        }

        @Override
        public void end(long length) {
            ended = length;
        }

        @Override
        public void close() {
        }

        @Override
        public void io(long payloadBytes) {
        }

        @Override
        public void header(long size) {
        }

        @Override
        public void complete(Path file, long size, boolean eofMark) {
            completed = size;
        }

        @Override
        public void failed(String reason) {
            throw new AssertionError(reason);
        }

        /** The payload proper: what the sink took up to the length the transfer ended at. */
        byte[] payload() {
            return Arrays.copyOf(bytes.toByteArray(), (int) ended);
        }
    }

    /** A payload with near misses: the mark's first bytes, up to all but its last, here and there. */
    private static byte[] payload(int size, long seed) {
        Random random = new Random(seed);
        byte[] p = new byte[size];
        random.nextBytes(p);
        byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
        for (int at = 7; at + MARK.length() < size; at += 97) {
            System.arraycopy(mark, 0, p, at, 1 + random.nextInt(MARK.length() - 1));
        }
        return p;
    }

    /** The transfer (header, payload, mark, stream) cut into reads at {@code cuts}; returns what the decoder kept. */
    private static Received transfer(byte[] payload, int... cuts) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(("$EOF:" + MARK + "\r\n").getBytes(StandardCharsets.US_ASCII));
        int header = wire.size();
        wire.writeBytes(payload);
        wire.writeBytes(MARK.getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(STREAM);
        byte[] all = wire.toByteArray();
        Received r = new Received();
        TransferDecoder decoder = new TransferDecoder(r, r);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(all, 0, header));
        int from = header;
        for (int cut : cuts) {
            int to = header + cut;
            ch.writeInbound(Unpooled.wrappedBuffer(all, from, to - from));
            from = to;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(all, from, all.length - from));
        assertTrue(decoder.finished(), "the mark was found");
        ch.finishAndReleaseAll();
        return r;
    }

    @Test
    void theMarkIsFoundWhereverTheReadsSplitIt() {
        byte[] payload = payload(300, 1);
        int markAt = payload.length;
        for (int cut = markAt - 45; cut <= markAt + MARK.length() + 2; cut++) {
            Received r = transfer(payload, cut);
            assertArrayEquals(payload, r.payload(), "a cut at " + cut);
            assertEquals(payload.length, r.completed);
        }
    }

    @Test
    void aMarkSpreadOverManySmallReadsIsFound() {
        byte[] payload = payload(500, 2);
        for (int step = 1; step <= 41; step += 4) {
            int[] cuts = new int[(payload.length + MARK.length()) / step];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = (i + 1) * step;
            }
            Received r = transfer(payload, cuts);
            assertArrayEquals(payload, r.payload(), "reads of " + step + " bytes");
        }
    }

    @Test
    void nearMissesInLargeReadsAreNotTheMark() {
        byte[] payload = payload(200_000, 3);
        Received r = transfer(payload, 65_536, 131_072, 199_990);
        assertArrayEquals(payload, r.payload());
        assertEquals(payload.length, r.completed);
    }
}
