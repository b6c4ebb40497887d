package dev.syncer.engine.replication.primary;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.replication.ReplBufReference;
import dev.syncer.engine.replication.SyncProgress;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The primary's half of Valkey 8's dual-channel full sync:
 *
 * <pre>
 * main: PSYNC ? -1                          -&gt; +DUALCHANNELSYNC
 * rdb:  REPLCONF capa eof rdb-only 1 rdb-channel 1 ..., SYNC
 *                                           -&gt; $ENDOFF:&lt;offset&gt; &lt;replid&gt; &lt;dbid&gt; &lt;client-id&gt;, then the RDB ($EOF: framing)
 * main: REPLCONF set-rdb-client-id &lt;id&gt;, PSYNC &lt;replid&gt; &lt;offset+1&gt;
 *                                           -&gt; +CONTINUE &lt;replid&gt; and the stream at once (state bg_transfer)
 * main: REPLCONF ACK (the replica loaded and applied what it buffered) -&gt; online
 * </pre>
 * The rdb channel holds the stream from its snapshot's instant until its main channel claims it
 * (Valkey keeps its backlog blocks referenced for the same reason), so a slow PSYNC never misses
 * bytes; after that the stream leaves at once and the replica buffers it, not this primary. The
 * rdb channel stays open until claimed, as Valkey's protected rdb client. Loop-confined.
 */
final class RdbChannelSync {

    private static final Logger log = LoggerFactory.getLogger(RdbChannelSync.class);

    private final PrimaryContext repl;
    /** Main channels answered +DUALCHANNELSYNC, by replica name, until their rdb channel syncs. */
    private final Map<String, ReplicaLink> mainWaiting = new HashMap<>();
    /** Rdb channels sent $ENDOFF, by client id, until their main channel PSYNCs. */
    private final Map<Long, Waiting> psyncWaiting = new HashMap<>();

    /** An rdb channel waiting for its main channel: the snapshot's offset, since when, whether its RDB went out. */
    private static final class Waiting {
        final ReplicaLink rdb;
        final long offset;
        final long sinceMs;
        boolean transferred;

        Waiting(ReplicaLink rdb, long offset, long sinceMs) {
            this.rdb = rdb;
            this.offset = offset;
            this.sinceMs = sinceMs;
        }
    }

    RdbChannelSync(PrimaryContext repl) {
        this.repl = repl;
    }

    /** REPLCONF capa dual-channel: only a diskless primary with dual-channel on takes it, as Valkey. */
    boolean accepts() {
        return repl.config().dualChannel() && repl.config().disklessSync();
    }

    /** PSYNC cannot continue and the replica can take a dual-channel sync: +DUALCHANNELSYNC. */
    void offer(CommandContext ctx, ReplicaLink main) {
        log.info("Replica {} is capable of dual channel synchronization, and partial sync isn't possible. "
                + "Full sync will continue with dedicated RDB channel.", main.name());
        SyncProgress p = main.progress();
        if (p != null) {
            p.phase("rdb-channel", repl.now());
        }
        ReplicaLink before = mainWaiting.put(main.name(), main);
        if (before != null && before != main) {
            abandonMain(before, "replaced");
        }
        main.channel().closeFuture().addListener(f -> {
            if (mainWaiting.get(main.name()) == main) {
                abandonMain(main, "failed: main channel closed");
            }
        });
        ctx.reply().simple("DUALCHANNELSYNC");
    }

    private void abandonMain(ReplicaLink main, String outcome) {
        mainWaiting.remove(main.name());
        repl.events().finish(main.progress(), outcome, repl.now());
        main.progress(null);
    }

    /** The rdb channel's SYNC continues the sync its main channel started, when one waits under its name. */
    SyncProgress progressFor(ReplicaLink rdb) {
        ReplicaLink main = mainWaiting.remove(rdb.name());
        if (main == null || main.progress() == null) {
            return null;
        }
        SyncProgress p = main.progress();
        main.progress(null);
        return p;
    }

    /** The snapshot starts: $ENDOFF instead of +FULLRESYNC; the stream from here waits for the main channel. */
    void endOffset(ReplicaLink rdb, long offset) {
        long id = rdb.session().id();
        String line = "$ENDOFF:" + offset + " " + repl.stream().history().current() + " " + repl.replStreamDb() + " "
                + id + "\r\n";
        log.info("Sending to replica {} RDB end offset {} and client-id {}", rdb.name(), offset, id);
        Channel ch = rdb.channel();
        ch.writeAndFlush(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII), ch.voidPromise());
        rdb.holdsForMain(true);
        psyncWaiting.put(id, new Waiting(rdb, offset, repl.now()));
    }

    /** REPLCONF set-rdb-client-id: names a waiting rdb channel, else Valkey's error. */
    void associate(ReplicaLink main, long id) {
        if (!psyncWaiting.containsKey(id)) {
            throw new CommandError("ERR Unrecognized RDB client id " + id);
        }
        main.rdbClientId(id);
    }

    /**
     * PSYNC on a main channel that named its rdb channel: +CONTINUE with what the rdb channel held,
     * then the live stream. False when the request does not match (the usual PSYNC answer follows).
     */
    boolean continueOnMain(CommandContext ctx, ReplicaLink main, String replid, long offset) {
        Waiting w = psyncWaiting.get(main.rdbClientId());
        if (w == null || !repl.stream().history().current().matches(replid) || w.offset + 1 != offset) {
            return false;
        }
        psyncWaiting.remove(main.rdbClientId());
        if (mainWaiting.remove(main.name(), main)) { // its rdb channel came under another name: one event, the rdb's
            repl.events().discard(main.progress());
            main.progress(null);
        }
        ReplicaLink rdb = w.rdb;
        ReplBufReference held = rdb.takeReference();
        repl.replicas().attach(main);
        main.state(ReplicaLink.State.BG_RDB_LOAD);
        main.ack(main.ackOffset(), repl.now());
        ctx.reply().simple("CONTINUE " + repl.stream().history().current().hex());
        long sent = held == null ? 0 : held.pendingBytes();
        main.reference(held);
        main.startStreamAfterReply(); // the replica buffers the stream while it loads
        log.info("Partial resynchronization request from {} accepted. Sending {} bytes of backlog starting from "
                + "offset {}.", main.name(), sent, offset);
        SyncProgress p = rdb.progress();
        if (p != null) {
            rdb.progress(null);
            main.progress(p);
            p.addBytes(sent);
            if (w.transferred) {
                p.phase("wait-ack", repl.now());
            }
        }
        if (w.transferred) {
            rdb.channel().close();
        }
        repl.stats().syncPartialOk++;
        return true;
    }

    /**
     * The RDB went out on an rdb channel. Claimed: it closes now; unclaimed: it stays open (and
     * keeps the stream) until its main channel PSYNCs or repl-timeout passes.
     */
    void transferred(ReplicaLink rdb) {
        long id = rdb.session().id();
        Waiting w = psyncWaiting.get(id);
        if (w != null) {
            w.transferred = true;
            return;
        }
        log.info("RDB transfer completed, rdb only replica ({}) should be disconnected asap", rdb.name());
        rdb.channel().close();
        for (ReplicaLink main : repl.replicas().all()) {
            if (main.rdbClientId() == id && main.state() == ReplicaLink.State.BG_RDB_LOAD && main.progress() != null) {
                main.progress().phase("wait-ack", repl.now());
            }
        }
    }

    /** A main channel in bg_transfer ACKed: the replica has loaded and applied its buffer; online. */
    void acked(ReplicaLink main) {
        if (main.state() != ReplicaLink.State.BG_RDB_LOAD) {
            return;
        }
        main.state(ReplicaLink.State.ONLINE);
        log.info("Synchronization with replica {} succeeded", main.name());
        repl.events().finish(main.progress(), "ok", repl.now());
        main.progress(null);
    }

    /** Every second: an rdb channel whose main channel never came is dropped after repl-timeout. */
    void cron() {
        long now = repl.now();
        for (Waiting w : List.copyOf(psyncWaiting.values())) {
            if (now - w.sinceMs > repl.config().timeoutMillis()) {
                log.warn("Dual channel sync: no PSYNC from the main channel of {}; closing its rdb channel", w.rdb.name());
                w.rdb.channel().close();
            }
        }
    }

    /** A replica connection closed. */
    void gone(ReplicaLink link) {
        long id = link.session().id();
        if (psyncWaiting.get(id) != null && psyncWaiting.get(id).rdb == link) {
            psyncWaiting.remove(id);
            repl.events().finish(link.progress(), "failed: rdb channel closed before the main channel's PSYNC",
                    repl.now());
            link.progress(null);
        }
    }
}
