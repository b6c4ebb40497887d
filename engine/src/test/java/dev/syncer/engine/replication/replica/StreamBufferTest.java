package dev.syncer.engine.replication.replica;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamBufferTest {

    private static final int READ = 100 * 1024;

    /** The stream handlers after the buffer: the label (first byte) of every read they were passed. */
    private static final class Applied extends ChannelInboundHandlerAdapter {
        final List<Integer> labels = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            labels.add((int) buf.getByte(buf.readerIndex()));
            buf.release();
        }
    }

    private static ByteBuf read(int label) {
        byte[] bytes = new byte[READ];
        Arrays.fill(bytes, (byte) label);
        return Unpooled.wrappedBuffer(bytes);
    }

    @Test
    void theDrainAppliesWhatArrivedAndASliceMorePerLoopTurnAndTheSocketIsReadBetweenTurns() {
        StreamBuffer buffer = new StreamBuffer(0, n -> { });
        Applied applied = new Applied();
        EmbeddedChannel ch = new EmbeddedChannel(buffer, applied);
        for (int i = 1; i <= 8; i++) {
            ch.writeInbound(read(i));
        }
        assertEquals(List.of(), applied.labels, "held while the RDB loads");
        boolean[] done = {false};

        buffer.drain(() -> done[0] = true);
        assertEquals(List.of(1, 2, 3), applied.labels, "the first slice (256 KB) at once");
        ch.runScheduledPendingTasks(); // a turn without reads: one slice
        assertEquals(List.of(1, 2, 3, 4, 5, 6), applied.labels);

        ch.pipeline().fireChannelRead(read(9)); // the loop's next I/O, before its next slice
        assertEquals(List.of(1, 2, 3, 4, 5, 6), applied.labels, "a read between turns queues behind what is held");
        ch.runScheduledPendingTasks(); // the next turn: what arrived (100 KB) and a slice more
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), applied.labels, "in order, the late read last");
        assertTrue(done[0], "everything applied: the stream handlers take over");
        assertNull(ch.pipeline().get(StreamBuffer.class));
        assertEquals(8 * READ, buffer.peak());
        ch.finishAndReleaseAll();
    }

    @Test
    void pastTheLimitReadingStopsUntilTheDrainBringsItBelow() {
        StreamBuffer buffer = new StreamBuffer(5L * READ, n -> { });
        Applied applied = new Applied();
        EmbeddedChannel ch = new EmbeddedChannel(buffer, applied);
        for (int i = 1; i <= 4; i++) {
            ch.writeInbound(read(i));
        }
        assertTrue(ch.config().isAutoRead());
        ch.writeInbound(read(5));
        assertFalse(ch.config().isAutoRead(), "at the limit the primary holds the rest");

        buffer.drain(() -> { });
        assertTrue(ch.config().isAutoRead(), "below the limit again after a slice: reading resumes while draining");
        for (int i = 6; i <= 8; i++) {
            ch.pipeline().fireChannelRead(read(i)); // reads of the turns before the next slice
        }
        assertFalse(ch.config().isAutoRead(), "the limit holds while draining too");
        ch.runScheduledPendingTasks();
        assertTrue(ch.config().isAutoRead());
        ch.runScheduledPendingTasks();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), applied.labels);
        ch.finishAndReleaseAll();
    }
}
