package dev.syncer.engine.server;

import dev.syncer.engine.resp.RespDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.Channel;

/** Sets up a client connection (TCP or unix socket): TLS on the TLS port, the RESP decoder, then the handler that runs commands. */
final class ClientInitializer extends ChannelInitializer<Channel> {

    private final Shard shard;
    private final boolean tlsPort;

    ClientInitializer(Shard shard, boolean tlsPort) {
        this.shard = shard;
        this.tlsPort = tlsPort;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (tlsPort) {
            // the one place TLS joins a client's pipeline: everything after it sees plain RESP
            ch.pipeline().addLast("tls", shard.tls().newServerHandler(ch.alloc()));
        }
        if (shard.clientCount() >= shard.config().getLong("maxclients")) {
            shard.stats().rejectedConnections++;
            ch.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer("-ERR max number of clients reached\r\n",
                    java.nio.charset.StandardCharsets.US_ASCII)).addListener(f -> ch.close());
            return;
        }
        ClientSession session = shard.connect(ch);
        if (UnixSocket.isUnix(ch.localAddress())) {
            session.unixSocket(shard.config().get("unixsocket"));
        }
        ch.pipeline()
                .addLast("activity", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        session.interacted(shard.clock().millis());
                        ctx.fireChannelRead(msg);
                    }
                })
                .addLast("resp", new RespDecoder(() -> shard.config().getLong("proto-max-bulk-len"), session::authenticated,
                        () -> session.kind() == ClientSession.Kind.MASTER ? 0 : shard.config().getLong("client-query-buffer-limit")))
                .addLast("client", new ClientHandler(shard, session));
    }
}
