package dev.syncer.engine.replication.replica;

import dev.syncer.engine.resp.RespDecoder;
import dev.syncer.engine.resp.RespEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamApplierTest {

    /** Records what the applier asks of its link; refuses the command named {@code refuse}. */
    private static final class Recorder implements StreamApplier.Target {
        final List<String> applied = new ArrayList<>();
        final List<String> relays = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();
        String refuse;
        boolean inMulti;
        boolean refused;

        @Override
        public void read(int bytes) {
        }

        @Override
        public boolean apply(byte[][] argv, long offsetBefore) {
            String name = new String(argv[0], StandardCharsets.US_ASCII);
            applied.add(name);
            offsets.add(offsetBefore);
            refused |= name.equals(refuse);
            if (name.equals("MULTI")) {
                inMulti = true;
            } else if (name.equals("EXEC")) {
                inMulti = false;
            }
            return inMulti;
        }

        @Override
        public boolean applied(int bytes) {
            return !refused;
        }

        @Override
        public void relay(ByteBuf bytes) {
            relays.add(bytes.toString(StandardCharsets.US_ASCII));
        }

        @Override
        public void protocolError(String reason) {
            throw new AssertionError(reason);
        }
    }

    private static String resp(String... argv) {
        ByteBuf out = Unpooled.buffer();
        RespEncoding.write(out, RespEncoding.argv(argv));
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    private static EmbeddedChannel link(Recorder target) {
        StreamApplier stream = new StreamApplier(target, Unpooled.buffer().alloc(), 100);
        return new EmbeddedChannel(stream.tap(), RespDecoder.trusting(), stream.applier());
    }

    private static void read(EmbeddedChannel channel, String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
    }

    @Test
    void theCommandsOfOneReadAreRelayedAsOneRunWithTheirKeepalives() {
        Recorder target = new Recorder();
        EmbeddedChannel channel = link(target);
        String set = resp("SET", "k", "v");
        String del = resp("DEL", "k");
        read(channel, set + "\n" + del + resp("SET", "x", "y").substring(0, 5)); // the last one incomplete
        assertEquals(List.of("SET", "DEL"), target.applied);
        assertEquals(List.of(100L, 100L + set.length()), target.offsets);
        assertEquals(List.of(set + "\n" + del), target.relays);
        channel.finishAndReleaseAll();
    }

    @Test
    void aCommandSplitAcrossReadsIsRelayedWithTheReadThatCompletesIt() {
        Recorder target = new Recorder();
        EmbeddedChannel channel = link(target);
        String first = resp("SET", "k", "v");
        String second = resp("SET", "key", "value");
        read(channel, first + second.substring(0, 7));
        read(channel, second.substring(7));
        assertEquals(List.of(first, second), target.relays);
        channel.finishAndReleaseAll();
    }

    @Test
    void aMultiBlockIsRelayedAtExecAfterWhatPrecededIt() {
        Recorder target = new Recorder();
        EmbeddedChannel channel = link(target);
        String before = resp("SET", "a", "1");
        String block = resp("MULTI") + resp("INCR", "a") + resp("EXEC");
        String after = resp("DEL", "a");
        read(channel, before + block + after);
        assertEquals(List.of(before, block, after), target.relays);
        channel.finishAndReleaseAll();
    }

    @Test
    void aRefusedCommandIsNotRelayedButWhatCameBeforeItIs() {
        Recorder target = new Recorder();
        target.refuse = "LPUSH";
        EmbeddedChannel channel = link(target);
        String before = resp("SET", "a", "1");
        read(channel, before + resp("LPUSH", "a", "x") + resp("SET", "b", "2"));
        assertEquals(List.of(before), target.relays);
        channel.finishAndReleaseAll();
    }
}
