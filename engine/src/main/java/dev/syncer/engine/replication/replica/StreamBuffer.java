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
 * {@link #drain} passes what it holds on a slice per loop turn (Valkey too serves events while it
 * applies its buffer), so a large buffer never stalls the loop; bytes arriving meanwhile queue
 * behind it, in order.
 */
final class StreamBuffer extends ByteToMessageDecoder {

    private static final int SLICE = 256 * 1024;

    private final long limit;
    private final LongConsumer onBytes;
    private long held;
    private long peak;
    private ChannelHandlerContext ctx;
    private Runnable drained; // non-null while draining

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
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (drained != null) {
            return; // queued behind what is still being passed on
        }
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

    /** Passes everything held to the next handlers, a slice per loop turn; then leaves and runs {@code then}. */
    void drain(Runnable then) {
        drained = then;
        step();
    }

    private void step() {
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return; // the link closed: nothing more to apply
        }
        ByteBuf held = internalBuffer();
        if (held.isReadable()) {
            ctx.fireChannelRead(held.readBytes(Math.min(SLICE, held.readableBytes()))); // a copy: the holder stays sole owner
            ctx.executor().execute(this::step);
            return;
        }
        ctx.pipeline().remove(this);
        drained.run();
    }

    /** The most bytes held at once. */
    long peak() {
        return peak;
    }
}
