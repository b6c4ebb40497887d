package dev.syncer.engine.lab;

import dev.syncer.engine.server.Outbound;
import dev.syncer.engine.server.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.traffic.ChannelTrafficShapingHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A TCP proxy with a stable loopback endpoint that forwards to a target which may change (the
 * current primary of a database, or the primary a replica's link goes to). It is also where the
 * lab injects faults: {@link #setFault} cuts, delays or throttles what it carries. When the target
 * changes, open connections are closed so that clients reconnect to the new one, as a
 * database proxy does after a failover.
 */
public final class Proxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Proxy.class);

    private final String name;
    private final EventLoopGroup group;
    private final Supplier<InetSocketAddress> target;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesForwarded = new AtomicLong();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private volatile LinkFault fault = LinkFault.NONE;
    private volatile boolean paused;
    private final Set<Channel> held = ConcurrentHashMap.newKeySet();
    private Channel listener;

    public Proxy(String name, EventLoopGroup group, Supplier<InetSocketAddress> target) {
        this.name = name;
        this.group = group;
        this.target = target;
    }

    /** Listens on host:port (port 0 picks a free one); returns the bound port. */
    public int start(String host, int port) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(group, group)
                .channel(Transport.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Frontend());
                    }
                })
                .bind(host, port).sync().channel();
        return port();
    }

    public String name() {
        return name;
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) listener.localAddress()).getAddress().getHostAddress();
    }

    public LinkFault fault() {
        return fault;
    }

    public long bytesForwarded() {
        return bytesForwarded.get();
    }

    public long connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /** Applies a fault to new and open connections; a cut closes every open connection. */
    public void setFault(LinkFault newFault) {
        LinkFault previous = this.fault;
        this.fault = newFault;
        if (newFault.cut() && !previous.cut()) {
            log.info("proxy {}: link cut", name);
            dropConnections();
        } else if (newFault.bytesPerSecond() != previous.bytesPerSecond()) {
            for (Channel c : open) {
                ChannelTrafficShapingHandler shaper = c.pipeline().get(ChannelTrafficShapingHandler.class);
                if (shaper != null) {
                    shaper.configure(newFault.bytesPerSecond(), newFault.bytesPerSecond());
                }
            }
        }
    }

    /**
     * Holds client traffic: requests already sent wait in the sockets, nothing new reaches the
     * target. The lab pauses a database's proxy while its primary hands over to a replica.
     */
    public void pause() {
        paused = true;
    }

    /** Releases held traffic. */
    public void resume() {
        paused = false;
        for (Channel c : held) {
            held.remove(c);
            c.read();
        }
    }

    /** Closes open connections; clients reconnect and reach the current target. */
    public void dropConnections() {
        for (Channel c : open) {
            c.close();
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        dropConnections();
    }

    private void track(Channel ch) {
        open.add(ch);
        ch.closeFuture().addListener(f -> open.remove(ch));
        long rate = fault.bytesPerSecond();
        ch.pipeline().addFirst(new ChannelTrafficShapingHandler(rate, rate, 100));
    }

    private void readMore(Channel ch, boolean fromClient) {
        if (fromClient && paused) {
            held.add(ch);
        } else {
            ch.read();
        }
    }

    /** The client side: connects to the target when a client arrives, then relays. */
    private final class Frontend extends ChannelInboundHandlerAdapter {
        private Channel backend;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            if (fault.cut()) {
                client.close();
                return;
            }
            connectionsAccepted.incrementAndGet();
            track(client);
            InetSocketAddress to = target.get();
            if (to == null) {
                client.close();
                return;
            }
            Outbound.bootstrap(client.eventLoop(), true, Outbound.CONNECT_TIMEOUT_MS,
                            ch -> ch.pipeline().addLast(new Relay(client, false)))
                    .option(ChannelOption.AUTO_READ, false)
                    .connect(to).addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            client.close();
                            return;
                        }
                        backend = f.channel();
                        track(backend);
                        client.pipeline().addLast(new Relay(backend, true));
                        client.pipeline().remove(this);
                        readMore(client, true);
                        backend.read();
                    });
        }
    }

    /** Relays bytes to the other side, applying delay, reading on only once the write went out. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;
        private final boolean fromClient;

        Relay(Channel peer, boolean fromClient) {
            this.peer = peer;
            this.fromClient = fromClient;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (fault.cut() || !peer.isActive()) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            if (msg instanceof ByteBuf buf) {
                bytesForwarded.addAndGet(buf.readableBytes());
            }
            long delay = fault.delayMillis();
            if (delay > 0) {
                ctx.executor().schedule(() -> forward(ctx, msg), delay, TimeUnit.MILLISECONDS);
            } else {
                forward(ctx, msg);
            }
        }

        private void forward(ChannelHandlerContext ctx, Object msg) {
            if (!peer.isActive()) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    readMore(ctx.channel(), fromClient);
                } else {
                    ctx.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer.isActive()) {
                peer.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
