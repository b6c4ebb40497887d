package dev.syncer.engine.replication.replica;

import dev.syncer.engine.resp.RespRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.ArrayDeque;
/**
 * CLIENT PAUSE on a replica parks its primary's link as Redis 7.0 does (processCommand blocks the
 * master client like any client but a replica): sits between the stream's RESP decoder and its
 * applier; a command that must wait, and everything after it, is held in order while the bytes
 * keep arriving (slave_read_repl_offset grows, slave_repl_offset stays put), and goes on to the
 * applier once the pause ends or becomes less restrictive. Loop-confined.
 */
final class PrimaryPause extends ChannelInboundHandlerAdapter {

    /** Where the handler is told that the pause may have eased. */
    interface Pause {
        /** True while this command, read from the primary, must wait. */
        boolean holds(byte[][] argv);

        /** Runs {@code resume} once when the pause ends or becomes less restrictive. */
        void whenLessRestrictive(Runnable resume);
    }

    private final Pause pause;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean waiting;

    PrimaryPause(Pause pause) {
        this.pause = pause;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.clear();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!held.isEmpty() || msg instanceof RespRequest r && pause.holds(r.argv())) {
            held.add(msg);
            awaitEase();
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Number of commands held (for tests and logs). */
    int held() {
        return held.size();
    }

    private void awaitEase() {
        if (!waiting) {
            waiting = true;
            pause.whenLessRestrictive(this::resume);
        }
    }

    /** unblockPostponedClients for the link: the held commands go on, in order, until one must wait again. */
    private void resume() {
        waiting = false;
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            held.clear();
            return;
        }
        while (!held.isEmpty() && ctx.channel().isActive()) { // applying one may end the link
            if (held.peekFirst() instanceof RespRequest r && pause.holds(r.argv())) {
                awaitEase();
                return;
            }
            ctx.fireChannelRead(held.pollFirst());
        }
    }
}
