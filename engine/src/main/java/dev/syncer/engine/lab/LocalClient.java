package dev.syncer.engine.lab;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.InfoText;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs commands on an embedded shard as an internal client, through the same dispatcher a socket
 * client goes through, and parses the reply. The lab drives its shards this way: REPLICAOF,
 * INFO, SYNCEVENTS — the commands a console would send over RESP.
 */
public final class LocalClient {

    private LocalClient() {
    }

    /** Runs one command on the shard's loop and returns its parsed reply (see {@link RespReplyParser}). */
    public static Object call(Shard shard, String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return shard.call(() -> {
            ByteBuf out = Unpooled.buffer(256);
            try {
                ClientSession session = shard.internalClient(ClientSession.Kind.NORMAL);
                shard.dispatcher().execute(session, argv, new Reply(out));
                Object reply = RespReplyParser.parse(out);
                return reply == RespReplyParser.INCOMPLETE ? null : reply;
            } finally {
                out.release();
            }
        });
    }

    /** Runs a command that must succeed; an error reply becomes an exception naming the command. */
    public static Object callOk(Shard shard, String... args) {
        Object reply = call(shard, args);
        if (reply instanceof RespReplyParser.Error e) {
            throw new IllegalStateException(String.join(" ", args) + ": " + e.message());
        }
        return reply;
    }

    /** INFO [section] parsed into field → value. */
    public static Map<String, String> info(Shard shard, String section) {
        return InfoText.fields(RespReplyParser.text(call(shard, "INFO", section)));
    }
}
