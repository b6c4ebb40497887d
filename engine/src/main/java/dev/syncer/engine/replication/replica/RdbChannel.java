package dev.syncer.engine.replication.replica;

import dev.syncer.engine.server.Config;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.server.Outbound;
import dev.syncer.engine.server.OutputBufferLimit;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The replica's half of Valkey 8's dual-channel full sync, after the primary answered
 * {@code +DUALCHANNELSYNC} on the main channel (Valkey's fullSyncWithPrimary and setupMainConnForPsync):
 *
 * <pre>
 * rdb:  [AUTH], REPLCONF capa eof rdb-only 1 rdb-channel 1 listening-port &lt;port&gt; -&gt; +OK; SYNC
 *                                     -&gt; $ENDOFF:&lt;offset&gt; &lt;replid&gt; &lt;dbid&gt; &lt;client-id&gt;, then the RDB
 * main: REPLCONF set-rdb-client-id &lt;client-id&gt; -&gt; +OK; PSYNC &lt;replid&gt; &lt;offset+1&gt; -&gt; +CONTINUE
 *       then the stream, held in a {@link StreamBuffer} until the RDB is loaded, applied after it
 * </pre>
 * The RDB is loaded as it arrives, as a single-channel sync's ({@link FullSyncLoad}), while the main channel holds.
 * Either channel failing abandons the attempt (the owner retries, as Valkey aborts the session).
 * The RDB may finish loading before the main channel's +CONTINUE: the swap then waits for it.
 * Loop-confined; a closed RdbChannel reports nothing more.
 */
final class RdbChannel {

    private static final Logger log = LoggerFactory.getLogger(RdbChannel.class);

    private enum Main { IDLE, SET_ID_REPLY, PSYNC_REPLY, HOLDING }

    /** The owner's side of the RDB: told the full sync's position at $ENDOFF, it returns what decodes the transfer. */
    interface Transfer {
        /** @param rdbChannel the connection the RDB arrives on (a lagging load stops its reads) */
        TransferDecoder begin(ReplicationId replid, long offset, Channel rdbChannel);
    }

    private final Handshake.Settings settings;
    private final Transfer transfer;
    private final Consumer<String> onFail;
    private final UpstreamLink main;
    private final SyncProgress progress;
    private final LongSupplier clock;
    private final long bufferLimit;
    private final Channel channel;
    private String rdbState;
    private Main mainState = Main.IDLE;
    private ReplicationId replid;
    private long offset;
    private StreamBuffer buffer;
    private Runnable afterContinue; // the loaded RDB's swap, when it was ready first
    private TransferDecoder decoder;
    private boolean closed;

    /**
     * Opens the rdb channel to host:port.
     *
     * @param main       the main channel, answered +DUALCHANNELSYNC
     * @param transfer   told the full sync's position at $ENDOFF; returns the RDB's decoder
     * @param onFail     abandons the sync (both channels close)
     */
    RdbChannel(ReplicationContext repl, UpstreamLink main, SyncProgress progress, String host, int port,
               Handshake.Settings settings, Transfer transfer, Consumer<String> onFail) {
        this.main = main;
        this.progress = progress;
        this.clock = repl::now;
        this.settings = settings;
        this.transfer = transfer;
        this.onFail = onFail;
        Config config = repl.shard().config();
        this.bufferLimit = OutputBufferLimit.replicaClass(config.get("client-output-buffer-limit")).hard();
        log.info("PSYNC is not possible, initialize RDB channel.");
        progress.phase("rdb-channel", clock.getAsLong());
        // repl-disable-tcp-nodelay is the primary's choice for its side (SyncCommands), as for the main link
        ChannelFuture f = Outbound.bootstrap(repl.shard().loop(), true,
                repl.config().timeoutMillis(), ch -> ch.pipeline()
                .addLast(UpstreamLink.LINES, new ReplyLineDecoder(this::onLine))
                .addLast("errors", Outbound.closeOnError(e -> log.info("Error on the rdb channel: {}", e.toString()))))
                .connect(UpstreamLink.address(host, port));
        channel = f.channel();
        f.addListener(done -> {
            if (closed) {
                channel.close();
            } else if (!done.isSuccess()) {
                fail("Unable to connect the rdb channel: " + done.cause().getMessage());
            } else {
                handshake();
            }
        });
        main.channel().closeFuture().addListener(done -> close()); // the attempt ended
        channel.closeFuture().addListener(done -> {
            if (!closed && (decoder == null || !decoder.finished())) { // the primary closes it after the RDB
                fail("I/O error on the rdb channel: connection lost");
            }
        });
    }

    private void handshake() {
        Handshake.Settings s = settings;
        for (byte[][] auth : s.authCommand()) {
            channel.write(RespEncoding.encode(channel.alloc(), auth));
        }
        channel.writeAndFlush(RespEncoding.encode(channel.alloc(), RespEncoding.argv("REPLCONF", "capa", "eof",
                "rdb-only", "1", "rdb-channel", "1", "listening-port", Integer.toString(s.listeningPort()))));
        rdbState = s.auth() ? "auth" : "replconf";
    }

    private void onLine(String line) {
        if (closed) {
            return;
        }
        main.touch(); // the sync moves, even while the main channel is quiet
        switch (rdbState) {
            case "auth" -> {
                if (line.startsWith("-")) {
                    fail("Unable to AUTH to MASTER on the rdb channel: " + line);
                } else {
                    rdbState = "replconf";
                }
            }
            case "replconf" -> {
                if (line.startsWith("-")) {
                    fail("Server does not support sync with offset, dual channel sync approach cannot be used: " + line);
                } else {
                    channel.writeAndFlush(Unpooled.copiedBuffer("SYNC\r\n", StandardCharsets.US_ASCII));
                    rdbState = "endoff";
                }
            }
            case "endoff" -> {
                if (!line.isEmpty()) { // empty: a keepalive while the snapshot is prepared
                    endOffset(line);
                }
            }
            default -> fail("Unexpected line on the rdb channel: " + line);
        }
    }

    /** {@code $ENDOFF:<offset> <replid> <dbid> <client-id>}: PSYNC the main channel from there; the RDB follows here. */
    private void endOffset(String line) {
        String[] parts = line.startsWith("$ENDOFF:") ? line.substring(8).split(" ") : new String[0];
        long clientId;
        try {
            offset = Long.parseLong(parts[0]);
            replid = ReplicationId.parse(parts[1]);
            Integer.parseInt(parts[2]);
            clientId = Long.parseLong(parts[3]);
        } catch (RuntimeException e) {
            replid = null;
            clientId = -1;
        }
        if (parts.length != 4 || replid == null) {
            fail("Received unexpected $ENDOFF response: " + line);
            return;
        }
        log.info("Dual channel sync: RDB end offset {} under {}, rdb client id {}", offset, replid, clientId);
        rdbState = "rdb";
        log.info("Full resync from master: {}:{} (dual channel)", replid, offset);
        decoder = transfer.begin(replid, offset, channel);
        channel.pipeline().addAfter(UpstreamLink.LINES, UpstreamLink.TRANSFER, decoder);
        channel.pipeline().remove(UpstreamLink.LINES);
        mainState = Main.SET_ID_REPLY;
        send(RespEncoding.argv("REPLCONF", "set-rdb-client-id", Long.toString(clientId)));
    }

    private void send(byte[][] argv) {
        main.channel().writeAndFlush(RespEncoding.encode(main.channel().alloc(), argv));
    }

    /** A reply line on the main channel, which stays in its PSYNC-reply state until +CONTINUE; always taken. */
    boolean mainReply(PsyncReply reply) {
        if (!closed && reply.kind() != PsyncReply.Kind.WAIT) {
            onMainReply(reply);
        }
        return true;
    }

    private void onMainReply(PsyncReply reply) {
        switch (mainState) {
            case SET_ID_REPLY -> {
                if (reply.text().startsWith("-")) {
                    fail("Primary does not understand REPLCONF set-rdb-client-id: " + reply.text());
                    return;
                }
                mainState = Main.PSYNC_REPLY;
                log.info("Trying a partial resynchronization using main channel (request {}:{}).", replid, offset + 1);
                send(Handshake.psync(replid.hex(), offset, false));
            }
            case PSYNC_REPLY -> {
                if (reply.kind() != PsyncReply.Kind.CONTINUE) {
                    fail("Aborting dual channel sync. Main channel psync answered " + reply.text());
                    return;
                }
                log.info("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization, RDB load in background.");
                mainState = Main.HOLDING;
                buffer = new StreamBuffer(bufferLimit, n -> main.touch());
                main.toHold(buffer);
                if (afterContinue != null) {
                    Runnable swap = afterContinue;
                    afterContinue = null;
                    swap.run();
                }
            }
            default -> fail("Unexpected reply on the main channel during dual channel sync: " + reply.text());
        }
    }

    /** The RDB is loaded: a plain sync swaps it in now, a dual-channel one when the main channel streams. */
    static void install(RdbChannel dual, Runnable swap) {
        if (dual == null) {
            swap.run();
        } else {
            dual.loaded(swap);
        }
    }

    /**
     * The RDB is loaded: {@code swap} installs it and starts the stream handlers, which take
     * what the main channel held; it waits for +CONTINUE when that has not come yet.
     */
    void loaded(Runnable swap) {
        if (closed) {
            return;
        }
        progress.phase("apply-buffered", clock.getAsLong());
        if (mainState == Main.HOLDING) {
            String held = "dual-channel: " + (buffer == null ? 0 : buffer.peak()) + " stream bytes buffered";
            progress.detail(held); // before the swap ends the sync
            log.info("Applying the stream held while loading ({})", held);
            swap.run();
            close(); // the primary closes its side too once the RDB went out
        } else {
            afterContinue = swap;
        }
    }

    private void fail(String reason) {
        if (!closed) {
            log.warn(reason);
            close();
            onFail.accept(reason);
        }
    }

    /** Closes the rdb channel; nothing more is reported. */
    void close() {
        closed = true;
        afterContinue = null;
        channel.close();
    }
}
