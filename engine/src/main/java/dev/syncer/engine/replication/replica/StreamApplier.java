package dev.syncer.engine.replication.replica;

import dev.syncer.engine.resp.ProtocolException;
import dev.syncer.engine.resp.RespRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last phase of a replica's link: the primary's command stream. Two handlers share this
 * class's state:
 *
 * <ul>
 *   <li>{@link #tap()} sits before the RESP decoder and keeps the raw bytes as they arrive
 *   (slave_read_repl_offset counts them);</li>
 *   <li>{@link #applier()} sits after it and, for each decoded command, takes exactly its bytes
 *   from the tap, has the link apply the command, and once it is applied (at EXEC for a MULTI
 *   block) advances the offset by those bytes and relays them, unchanged, to sub-replicas.</li>
 * </ul>
 * Blank keepalive lines the decoder skips are counted with the command that follows them.
 */
public final class StreamApplier {

    /** What the link does with the stream. */
    public interface Target {
        /** Bytes arrived (read offset). */
        void read(int bytes);

        /** Applies one command; returns true while it leaves a MULTI block open. */
        boolean apply(byte[][] argv, long offsetBefore);

        /** Bytes of fully applied commands: the offset moves, sub-replicas get them. Valid during the call only. */
        void applied(ByteBuf bytes);

        /** The primary broke the protocol (an inline command, malformed RESP). */
        void protocolError(String reason);
    }

    private final Target target;
    private final CompositeByteBuf raw;
    private CompositeByteBuf unapplied; // a MULTI block's bytes until EXEC; null outside one
    private long offset;

    public StreamApplier(Target target, ByteBufAllocator alloc, long offset) {
        this.target = target;
        this.raw = alloc.compositeBuffer(Integer.MAX_VALUE);
        this.offset = offset;
    }

    public ChannelInboundHandlerAdapter tap() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf buf) {
                    raw.addComponent(true, buf.retainedSlice());
                    target.read(buf.readableBytes());
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    public ChannelInboundHandlerAdapter applier() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof RespRequest request) {
                    command(request);
                } else if (msg instanceof ProtocolException e) {
                    target.protocolError(e.getMessage());
                }
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                release();
            }
        };
    }

    private void command(RespRequest request) {
        int skipped = 0;
        while (skipped < raw.readableBytes() && isBlank(raw.getByte(raw.readerIndex() + skipped))) {
            skipped++;
        }
        if (skipped >= raw.readableBytes() || raw.getByte(raw.readerIndex() + skipped) != '*') {
            target.protocolError("Master sent an inline command: " + request.name());
            return;
        }
        int length = skipped + request.wireLength();
        boolean inMulti = target.apply(request.argv(), offset);
        if (raw.refCnt() == 0) {
            return; // applying it closed the link
        }
        if (unapplied == null && !inMulti) { // the usual case: one command, applied at once
            // A view, not a copy: the target uses the bytes during the call only (the backlog and
            // the sub-replicas copy them), so no buffer per streamed command.
            offset += length;
            target.applied(raw.slice(raw.readerIndex(), length));
            raw.skipBytes(length);
            raw.discardReadComponents();
            return;
        }
        ByteBuf bytes = raw.alloc().buffer(length);
        raw.readBytes(bytes, length); // a copy: slices of a composite break when it discards components
        raw.discardReadComponents();
        if (unapplied == null) {
            unapplied = raw.alloc().compositeBuffer(Integer.MAX_VALUE);
        }
        unapplied.addComponent(true, bytes);
        if (!inMulti) { // EXEC ran: the whole block counts, and is relayed, at once
            CompositeByteBuf block = unapplied;
            unapplied = null;
            applied(block);
        }
    }

    private void applied(ByteBuf bytes) {
        try {
            offset += bytes.readableBytes();
            target.applied(bytes);
        } finally {
            bytes.release();
        }
    }

    private static boolean isBlank(byte b) {
        return b == '\n' || b == '\r' || b == ' ' || b == '\t';
    }

    void release() {
        if (raw.refCnt() > 0) {
            raw.release();
        }
        if (unapplied != null && unapplied.refCnt() > 0) {
            unapplied.release();
        }
    }
}
