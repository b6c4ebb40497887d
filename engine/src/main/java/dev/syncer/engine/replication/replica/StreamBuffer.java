package dev.syncer.engine.replication.replica;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A dual-channel sync's main channel while the RDB loads: keeps every stream read as it came
 * (Valkey's pending_repl_data, a list of blocks: nothing is copied), so the primary's output
 * buffer drains into the replica instead of growing. Past {@code limit} bytes it stops reading,
 * and the primary holds the rest, as Valkey does. {@link #drain} passes the reads on to the
 * stream handlers after it, each loop turn what arrived since the last turn plus {@value #SLICE}
 * bytes of the rest, after the turn's I/O: the socket keeps being read while the buffer is applied
 * (reads queue behind, in order, under the same limit), so the stream that arrives meanwhile waits
 * here, not in the primary's output buffer, and what is held shrinks every turn even under a
 * steady stream. Loop-confined.
 */
final class StreamBuffer extends ChannelInboundHandlerAdapter {

    private static final int SLICE = 256 * 1024;

    private final long limit;
    private final LongConsumer onBytes;
    private final ArrayDeque<ByteBuf> reads = new ArrayDeque<>();
    private long held;
    private long peak;
    private ChannelHandlerContext ctx;
    private Runnable drained; // non-null while draining
    private boolean paused; // reading stopped at the limit
    private long arrived; // bytes read since the last slice, while draining

    /**
     * @param limit   bytes to hold before reading stops (0: no limit)
     * @param onBytes told how many new bytes arrived
     */
    StreamBuffer(long limit, LongConsumer onBytes) {
        this.limit = limit;
        this.onBytes = onBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        reads.add(buf);
        held += buf.readableBytes();
        if (drained != null) {
            arrived += buf.readableBytes();
        }
        peak = Math.max(peak, held);
        onBytes.accept(buf.readableBytes());
        if (limit > 0 && held >= limit && ctx.channel().config().isAutoRead()) {
            paused = true; // resumed once the drain brought it below the limit
            ctx.channel().config().setAutoRead(false);
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
        long passed = 0;
        long budget = arrived + SLICE;
        arrived = 0;
        while (!reads.isEmpty() && passed < budget) {
            ByteBuf buf = reads.poll();
            held -= buf.readableBytes();
            passed += buf.readableBytes();
            ctx.fireChannelRead(buf);
        }
        if (paused && held < limit) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
        if (!reads.isEmpty()) {
            // scheduled, not executed: a loop runs every task queued during its task phase before
            // it reads sockets again, so a chain of execute() would starve the main channel's reads
            ctx.executor().schedule(this::step, 0, TimeUnit.NANOSECONDS);
            return;
        }
        ctx.pipeline().remove(this);
        drained.run();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ByteBuf buf;
        while ((buf = reads.poll()) != null) {
            buf.release(); // the link closed while holding
        }
    }

    /** The most bytes held at once. */
    long peak() {
        return peak;
    }
}
