package dev.syncer.engine.replication.replica;

import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.resp.RespDecoder;
import dev.syncer.engine.server.Outbound;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * One connection to an upstream primary, as a replica makes it (a shard's link to its primary, an
 * Active-Active syncer's to its source): connect, walk the {@link Handshake}, send PSYNC, read its
 * reply, then swap the pipeline to the RDB payload and to the command stream, as Netty's
 * port-unification example swaps handlers per phase:
 *
 * <pre>
 * reply lines (ReplyLineDecoder) -&gt; RDB payload (TransferDecoder) -&gt; stream (tap, RespDecoder, applier)
 * </pre>
 * Its {@link Owner} decides what PSYNC asks and what its reply means. A closed link reports
 * nothing more, so an owner's later attempt never hears an earlier one. Loop-confined.
 */
public final class UpstreamLink {

    static final String LINES = "lines";
    static final String TRANSFER = "transfer";
    static final String HOLD = "hold";

    /** What the link asks of, and reports to, the replica that owns it. */
    public interface Owner {
        /** What the handshake announces (AUTH, listening-port, ip-address). */
        Handshake.Settings settings();

        /** The PSYNC command to send once the handshake is through. */
        byte[][] psync();

        /** Each handshake step, for the owner's log. */
        default void handshakeStep(Handshake.Step step) {
        }

        /** The TCP connection opened; the handshake starts. */
        void opened();

        /** PSYNC was sent; the reply is awaited. */
        void psyncSent();

        void psyncReply(PsyncReply reply);

        void connectFailed(String message);

        /** An error to PING or AUTH; the step's log line says which. */
        void handshakeFailed(String reason);

        void ioError(Throwable cause);

        /** The connection closed without the owner closing it. */
        void closed();
    }

    private final Owner owner;
    private final LongSupplier clock;
    private final Channel channel;
    private ReplState state = ReplState.CONNECTING;
    private long lastIoMs;
    private boolean closed;

    private UpstreamLink(Owner owner, LongSupplier clock, EventLoopGroup loop, boolean tcpNoDelay, long connectTimeoutMs,
                         SslContext tls, SocketAddress address, ChannelHandler[] extra) {
        this.owner = owner;
        this.clock = clock;
        this.lastIoMs = clock.getAsLong();
        ChannelFuture f = Outbound.bootstrap(loop, tcpNoDelay, connectTimeoutMs, tls, address, ch -> {
            ChannelPipeline p = ch.pipeline().addLast(LINES, new ReplyLineDecoder(this::onLine));
            for (ChannelHandler h : extra) {
                p.addLast(h);
            }
            p.addLast("errors", Outbound.closeOnError(e -> {
                if (!closed) {
                    owner.ioError(e);
                }
            }));
        }).connect(address);
        this.channel = f.channel();
        f.addListener(done -> {
            if (closed) {
                channel.close();
            } else if (!done.isSuccess()) {
                owner.connectFailed(done.cause().getMessage());
            } else {
                owner.opened();
                apply(Handshake.connected());
            }
        });
        channel.closeFuture().addListener(done -> {
            if (!closed) {
                owner.closed();
            }
        });
    }

    /**
     * Connects on the loop; the owner hears of it from then on.
     *
     * @param extra handlers placed after the reply-line decoder, for the whole life of the link
     */
    public static UpstreamLink connect(Owner owner, LongSupplier clock, EventLoopGroup loop, boolean tcpNoDelay,
                                       long connectTimeoutMs, SocketAddress address, ChannelHandler... extra) {
        return new UpstreamLink(owner, clock, loop, tcpNoDelay, connectTimeoutMs, null, address, extra);
    }

    /** As {@link #connect(Owner, LongSupplier, EventLoopGroup, boolean, long, SocketAddress, ChannelHandler...)}, over TLS when {@code tls} is not null. */
    public static UpstreamLink connect(Owner owner, LongSupplier clock, EventLoopGroup loop, boolean tcpNoDelay,
                                       long connectTimeoutMs, SslContext tls, SocketAddress address, ChannelHandler... extra) {
        return new UpstreamLink(owner, clock, loop, tcpNoDelay, connectTimeoutMs, tls, address, extra);
    }

    /**
     * The primary's address: an IP literal (what replicaof names most often) already resolved, so
     * each connect skips Netty's name resolver on the loop (a reconnect is timed from the kill to
     * the first applied command); a host name is resolved by each connect, following DNS changes.
     */
    public static InetSocketAddress address(String host, int port) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip != null) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(host, ip), port);
            } catch (UnknownHostException e) {
                // not for a 4- or 16-byte address; resolved by the connect below
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    public ReplState state() {
        return state;
    }

    public Channel channel() {
        return channel;
    }

    /** When bytes last came from upstream (reply lines, RDB payload, or what the owner reports). */
    public long lastIoMs() {
        return lastIoMs;
    }

    /** The stream moved: the owner's own reading counts as I/O too. */
    public void touch() {
        lastIoMs = clock.getAsLong();
    }

    private void onLine(String line) {
        if (closed) {
            return;
        }
        touch();
        if (state == ReplState.RECEIVE_PSYNC_REPLY) {
            owner.psyncReply(PsyncReply.parse(line));
            return;
        }
        Handshake.Step step = Handshake.onReply(state, line, owner.settings());
        owner.handshakeStep(step);
        if (step.abort()) {
            owner.handshakeFailed(step.log());
        } else {
            apply(step);
        }
    }

    private void apply(Handshake.Step step) {
        state = step.next();
        for (byte[][] argv : step.send()) {
            channel.write(RespEncoding.encode(channel.alloc(), argv));
        }
        channel.flush();
        if (state == ReplState.SEND_PSYNC) {
            channel.writeAndFlush(RespEncoding.encode(channel.alloc(), owner.psync()));
            state = ReplState.RECEIVE_PSYNC_REPLY;
            owner.psyncSent();
        }
    }

    /** Reply lines → RDB payload into {@code file} (after +FULLRESYNC, or after falling back to SYNC). */
    public void toTransfer(Path file, TransferDecoder.Listener listener) {
        toTransfer(new TransferDecoder(file, touching(listener)));
    }

    /** Reply lines → the RDB payload through {@code decoder}, whose listener {@link #touching} made. */
    public void toTransfer(TransferDecoder decoder) {
        state = ReplState.TRANSFER;
        channel.pipeline().addAfter(LINES, TRANSFER, decoder);
        channel.pipeline().remove(LINES);
    }

    /** {@code listener}, whose payload bytes also count as this link's I/O (a transfer keeps the link alive). */
    public TransferDecoder.Listener touching(TransferDecoder.Listener listener) {
        return new TransferDecoder.Touching(listener, this::touch);
    }

    /** Reply lines → a handler that holds the stream (a dual-channel sync's main channel while the RDB loads). */
    public void toHold(ChannelHandler hold) {
        state = ReplState.TRANSFER;
        channel.pipeline().addAfter(LINES, HOLD, hold);
        channel.pipeline().remove(LINES);
    }

    /** Reply lines (after +CONTINUE) or the RDB payload (after loading) → the command stream. */
    public void toStream(StreamApplier stream) {
        toStream(stream, null, () -> { });
    }

    /**
     * As {@link #toStream(StreamApplier)}; a held stream ({@link #toHold}) goes to the new handlers a
     * slice per loop turn, and {@code applied} runs once it all went (at once when nothing was held);
     * {@code gate}, when given, sits between the decoder and the applier (a replica's CLIENT PAUSE).
     */
    public void toStream(StreamApplier stream, ChannelHandler gate, Runnable applied) {
        ChannelPipeline p = channel.pipeline();
        String current = p.get(HOLD) != null ? HOLD : state == ReplState.TRANSFER ? TRANSFER : LINES;
        state = ReplState.CONNECTED;
        p.addAfter(current, "tap", stream.tap());
        p.addAfter("tap", "resp", RespDecoder.trusting());
        p.addAfter("resp", "apply", stream.applier());
        if (gate != null) {
            p.addBefore("apply", "pause", gate);
        }
        if (p.get(current) instanceof StreamBuffer held) {
            held.drain(applied);
        } else {
            p.remove(current);
            applied.run();
        }
    }

    /** Closes the connection; the owner hears nothing more from this link. */
    public void close() {
        closed = true;
        channel.close();
    }
}
