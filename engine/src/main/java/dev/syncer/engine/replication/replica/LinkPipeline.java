package dev.syncer.engine.replication.replica;

import dev.syncer.engine.server.Outbound;
import dev.syncer.engine.resp.RespDecoder;
import dev.syncer.engine.server.Shard;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The handlers of a replica's connection to its primary, one set per phase, as Netty's
 * port-unification example swaps them: reply lines, then the RDB payload, then the command
 * stream. A handler being replaced hands the bytes it already holds to its successor.
 */
public final class LinkPipeline {

    private static final Logger log = LoggerFactory.getLogger(LinkPipeline.class);
    public static final String LINES = "lines";
    public static final String TRANSFER = "transfer";

    private LinkPipeline() {
    }

    /** An outgoing connection on the shard's own loop, starting in the reply-lines phase. */
    static Bootstrap bootstrap(Shard shard, long connectTimeoutMs, Consumer<String> onLine) {
        return Outbound.bootstrap(shard.loop(), !shard.config().getBoolean("repl-disable-tcp-nodelay"), connectTimeoutMs,
                ch -> ch.pipeline()
                        .addLast(LINES, new ReplyLineDecoder(onLine))
                        .addLast("errors", Outbound.closeOnError(e -> log.warn("Error on the link with MASTER: {}", e.toString()))));
    }

    /** Reply lines → RDB transfer (after +FULLRESYNC, or after falling back to SYNC). */
    public static void toTransfer(Channel channel, TransferDecoder transfer) {
        channel.pipeline().addAfter(LINES, TRANSFER, transfer);
        channel.pipeline().remove(LINES);
    }

    /** Reply lines (after +CONTINUE) or RDB transfer (after loading) → the command stream. */
    public static void toStream(Channel channel, String current, StreamApplier stream) {
        ChannelPipeline p = channel.pipeline();
        p.addAfter(current, "tap", stream.tap());
        p.addAfter("tap", "resp", RespDecoder.trusting());
        p.addAfter("resp", "apply", stream.applier());
        p.remove(current);
    }
}
