package dev.syncer.engine.server;

import dev.syncer.engine.resp.ProtocolException;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Runs a client's requests and batches their replies: everything answered during one read is
 * flushed once at the end of it, so pipelines cost one write.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

    private final Shard shard;
    private final ClientSession session;
    private ByteBuf pending;
    private Reply reply;

    ClientHandler(Shard shard, ClientSession session) {
        this.shard = shard;
        this.session = session;
    }

    public ClientSession session() {
        return session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session.closeAfterReply()) {
            return; // QUIT or a protocol error: ignore what follows
        }
        if (pending == null) {
            pending = ctx.alloc().buffer(256);
            if (reply == null) {
                reply = new Reply(pending);
            } else {
                reply.target(pending);
            }
        }
        if (msg instanceof RespRequest request) {
            shard.stats().netInputBytes += request.wireLength();
            shard.dispatcher().execute(session, request.argv(), reply);
        } else if (msg instanceof ProtocolException e) {
            reply.error("ERR " + e.getMessage());
            session.closeAfterReply(true);
            log.debug("Protocol error from client {}: {}", session.address(), e.getMessage());
        }
        if (session.closeAfterReply() || pending.readableBytes() > 64 * 1024) {
            flush(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
    }

    private void flush(ChannelHandlerContext ctx) {
        if (pending == null) {
            return;
        }
        ByteBuf out = pending;
        pending = null;
        if (out.isReadable()) {
            shard.stats().netOutputBytes += out.readableBytes();
            if (session.closeAfterReply()) {
                ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(out, ctx.voidPromise());
            }
        } else {
            out.release();
            if (session.closeAfterReply()) {
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        shard.disconnect(session);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("Closing client {} after an unexpected error", session.address(), cause);
        }
        ctx.close();
    }
}
