package dev.syncer.engine.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import java.util.function.Consumer;

/**
 * The one way the engine opens a TCP connection (a replica to its primary, a syncer to its source
 * and its local primary, a proxy to its target): on the given loop, with the shard's transport,
 * Redis's connect timeout and TCP_NODELAY choice, TLS when asked, and the pipeline the caller builds.
 */
public final class Outbound {

    /** Redis's default connect timeout for outgoing links it does not configure otherwise. */
    public static final long CONNECT_TIMEOUT_MS = 5000;

    private Outbound() {
    }

    public static Bootstrap bootstrap(EventLoopGroup loop, boolean tcpNoDelay, long connectTimeoutMs,
                                      Consumer<Channel> pipeline) {
        return bootstrap(loop, tcpNoDelay, connectTimeoutMs, null, null, pipeline);
    }

    /**
     * As {@link #bootstrap(EventLoopGroup, boolean, long, Consumer)}, encrypted with {@code tls}
     * when not null: its handler comes first, so the caller's pipeline sees plain bytes (what is
     * written before the handshake completes is held until it does). {@code peer} is the address
     * connected to (for the TLS session's peer host), or null.
     */
    public static Bootstrap bootstrap(EventLoopGroup loop, boolean tcpNoDelay, long connectTimeoutMs, SslContext tls,
                                      SocketAddress peer, Consumer<Channel> pipeline) {
        return new Bootstrap().group(loop).channel(Transport.socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, tcpNoDelay)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", peer instanceof InetSocketAddress a
                                    ? tls.newHandler(ch.alloc(), a.getHostString(), a.getPort()) : tls.newHandler(ch.alloc()));
                        }
                        pipeline.accept(ch);
                    }
                });
    }

    /** The last handler of a link: an I/O error is reported once and closes the connection. */
    public static ChannelHandler closeOnError(Consumer<Throwable> report) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                report.accept(cause);
                ctx.close();
            }
        };
    }
}
