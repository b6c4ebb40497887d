package dev.syncer.engine.server;

import dev.syncer.engine.resp.ProtocolException;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespKeepalive;
import dev.syncer.engine.resp.RespRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.Consumer;

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
    private ChannelHandlerContext ctx;
    /** Requests that arrived while the client was parked (WAIT, paused writes), in order. */
    private final ArrayDeque<Object> parked = new ArrayDeque<>();

    ClientHandler(Shard shard, ClientSession session) {
        this.shard = shard;
        this.session = session;
        session.resumer(this::resume);
        session.pusher(this::push);
    }

    /** A push joins the replies of the batch being answered, or goes out at once between batches. */
    private void push(byte[] message) {
        if (ctx == null || !ctx.channel().isActive()) {
            return;
        }
        if (pending != null) {
            pending.writeBytes(message);
            return;
        }
        shard.stats().netOutputBytes += message.length;
        ctx.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(message), ctx.voidPromise());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    public ClientSession session() {
        return session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session.closeAfterReply()) {
            return; // QUIT or a protocol error: ignore what follows
        }
        if (session.blocked()) {
            parked.add(msg);
            ctx.channel().config().setAutoRead(false); // like Redis, read no more while blocked
            return;
        }
        process(ctx, msg);
        if (session.closeAfterReply() || pending.readableBytes() > 64 * 1024) {
            flush(ctx);
        }
    }

    private void ensureBuffer(ChannelHandlerContext ctx) {
        if (pending == null) {
            // room for a -P16 batch of small replies (ZPOPMIN's, 100-byte GETs) without growing
            pending = ctx.alloc().buffer(2048);
            if (reply == null) {
                reply = new Reply(pending);
            } else {
                reply.target(pending);
            }
        }
    }

    private void process(ChannelHandlerContext ctx, Object msg) {
        ensureBuffer(ctx);
        if (msg instanceof RespRequest request) {
            shard.stats().netInputBytes += request.wireLength();
            session.running(request.wireLength(), request.argv()); // CLIENT LIST's qbuf and argv-mem while it runs
            shard.dispatcher().execute(session, request.argv(), reply);
            session.running(0, null);
        } else if (msg instanceof RespKeepalive keepalive) {
            shard.stats().netInputBytes += keepalive.wireLength();
            session.keepalive();
        } else if (msg instanceof ProtocolException e) {
            reply.error("ERR " + e.getMessage());
            session.closeAfterReply(true);
            log.debug("Protocol error from client {}: {}", session.address(), e.getMessage());
        }
    }

    /** Runs when the parked client is released: its late reply, then what queued up meanwhile. */
    private void resume(Consumer<Reply> lateReply) {
        if (ctx == null || !ctx.channel().isActive()) {
            return;
        }
        ensureBuffer(ctx);
        if (lateReply != null) {
            lateReply.accept(reply);
        }
        while (!parked.isEmpty() && !session.blocked() && !session.closeAfterReply()) {
            process(ctx, parked.poll());
        }
        flush(ctx);
        if (!session.blocked()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
        // Redis evicts clients before it sleeps: a query buffer, argument or MULTI queue may have grown
        shard.clientEviction().evictClients();
    }

    private void flush(ChannelHandlerContext ctx) {
        if (pending == null) {
            return;
        }
        shard.beforeReplies();
        ByteBuf out = pending;
        pending = null;
        if (out.isReadable() && shard.replyBarrier().defer(() -> send(ctx, out))) {
            return; // written once the AOF holds what it acknowledges
        }
        send(ctx, out);
    }

    private void send(ChannelHandlerContext ctx, ByteBuf out) {
        if (!ctx.channel().isActive()) {
            out.release();
            return;
        }
        if (out.isReadable()) {
            shard.stats().netOutputBytes += out.readableBytes();
            if (session.closeAfterReply()) {
                ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(out, ctx.voidPromise());
                if (shard.clientLimits().outputLimitReached(session)) {
                    session.closeAfterReply(true);
                    ctx.close();
                }
                shard.clientEviction().evictClients();
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
        parked.clear();
        shard.disconnect(session);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a failed TLS handshake (plain text on the TLS port, an untrusted certificate) is the peer's fault
        if (!(cause instanceof IOException) && !(cause.getCause() instanceof javax.net.ssl.SSLException)) {
            log.warn("Closing client {} after an unexpected error", session.address(), cause);
        }
        ctx.close();
    }
}
