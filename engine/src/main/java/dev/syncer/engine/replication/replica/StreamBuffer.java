package dev.syncer.engine.replication.replica;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * A dual-channel sync's main channel while the RDB loads: keeps every stream byte (Valkey's
 * pending_repl_data), so the primary's output buffer drains into the replica instead of growing.
 * Removing it hands what it holds to the stream handlers placed after it, in order. Past
 * {@code limit} bytes it stops reading, and the primary holds the rest, as Valkey does.
 */
final class StreamBuffer extends ByteToMessageDecoder {

    private final long limit;
    private final LongConsumer onBytes;
    private long held;
    private long peak;

    /**
     * @param limit   bytes to hold before reading stops (0: no limit)
     * @param onBytes told how many new bytes arrived
     */
    StreamBuffer(long limit, LongConsumer onBytes) {
        this.limit = limit;
        this.onBytes = onBytes;
        // the default cumulator: one contiguous buffer, which the stream decoder reads fastest
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        long now = in.readableBytes();
        if (now > held) {
            onBytes.accept(now - held);
        }
        held = now;
        peak = Math.max(peak, held);
        if (limit > 0 && held >= limit && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false); // resumed when the stream handlers take over
        }
    }

    /** The most bytes held at once. */
    long peak() {
        return peak;
    }
}
