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
 *   block) advances the offset by those bytes.</li>
 * </ul>
 * The applied bytes are relayed, unchanged, to sub-replicas once per read, as one run, when the
 * decoder has taken every command of that read: one slice and one backlog append per read instead
 * of per command (nothing outside the read's own commands can observe the difference, the loop
 * being single-threaded). Blank keepalive lines the decoder skips are counted with the command
 * that follows them.
 */
public final class StreamApplier {

    /** What the link does with the stream. */
    public interface Target {
        /** Bytes arrived (read offset). */
        void read(int bytes);

        /** Applies one command; returns true while it leaves a MULTI block open. */
        boolean apply(byte[][] argv, long offsetBefore);

        /** A fully applied command's (or MULTI block's) length: true if the offset moves by it, false for a refused one. */
        boolean applied(int bytes);

        /** Bytes of applied commands, in order, for sub-replicas (after {@link #applied}). Valid during the call only. */
        default void relay(ByteBuf bytes) {
        }

        /** The primary broke the protocol (an inline command, malformed RESP). */
        void protocolError(String reason);
    }

    private final Target target;
    private final CompositeByteBuf raw;
    private CompositeByteBuf unapplied; // a MULTI block's bytes until EXEC; null outside one
    private int unrelayed; // applied bytes at the head of raw, relayed when the read is done
    private boolean reading; // inside the tap's read: the decoder's commands come synchronously
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
                reading = true;
                try {
                    ctx.fireChannelRead(msg); // the decoder applies every whole command of this read
                } finally {
                    reading = false;
                    relayApplied();
                }
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
        int start = raw.readerIndex() + unrelayed;
        int end = raw.writerIndex();
        int skipped = 0;
        while (start + skipped < end && isBlank(raw.getByte(start + skipped))) {
            skipped++;
        }
        if (start + skipped >= end || raw.getByte(start + skipped) != '*') {
            target.protocolError("Master sent an inline command: " + request.name());
            return;
        }
        int length = skipped + request.wireLength();
        boolean inMulti = target.apply(request.argv(), offset);
        if (raw.refCnt() == 0) {
            return; // applying it closed the link
        }
        if (unapplied == null && !inMulti) { // the usual case: one command, applied at once
            offset += length;
            if (target.applied(length)) {
                unrelayed += length; // relayed with the rest of this read's commands
                if (!reading) {
                    relayApplied(); // handed on outside a read (by a handler that held it): relay now
                }
            } else {
                relayApplied(); // the ones before it still go; the refused one does not
                raw.skipBytes(length);
            }
            return;
        }
        relayApplied(); // the block's bytes leave raw: what precedes them goes first
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
            try {
                offset += block.readableBytes();
                if (target.applied(block.readableBytes())) {
                    target.relay(block);
                }
            } finally {
                block.release();
            }
        }
    }

    /** Relays the applied bytes at the head of raw as one run and lets them go. */
    private void relayApplied() {
        if (unrelayed == 0 || raw.refCnt() == 0) {
            return;
        }
        int n = unrelayed;
        unrelayed = 0;
        // A view, not a copy: the target uses the bytes during the call only (the backlog and
        // the sub-replicas copy them).
        target.relay(raw.slice(raw.readerIndex(), n));
        raw.skipBytes(n);
        raw.discardReadComponents();
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
