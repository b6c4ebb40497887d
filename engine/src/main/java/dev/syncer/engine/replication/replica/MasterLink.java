package dev.syncer.engine.replication.replica;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.rdb.RdbReader;
import dev.syncer.engine.replication.Replication;
import dev.syncer.engine.replication.ReplicationConfig;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.RespEncoding;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespDecoder;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A replica's link to its primary: connects, walks the handshake ({@link Handshake}), asks for a
 * partial or full sync, receives and loads the RDB, then applies the command stream — Redis's
 * connectWithMaster / syncWithMaster / readSyncBulkPayload, with the pipeline swapped per phase:
 *
 * <pre>
 * reply lines (ReplyLineDecoder) -&gt; RDB payload (TransferDecoder) -&gt; stream (tap, RespDecoder, applier)
 * </pre>
 * Each connection attempt has a number; events from an older attempt are ignored. While the link
 * is down the cron reconnects every second. Loop-confined.
 */
public final class MasterLink implements TransferDecoder.Listener, StreamApplier.Target {

    private static final Logger log = LoggerFactory.getLogger(MasterLink.class);

    private final Replication repl;
    private final Shard shard;
    private final Reply discarded = new Reply(Unpooled.buffer(256)); // replies to the primary are suppressed

    private String host; // null: not a replica
    private int port;
    private ReplState state = ReplState.NONE;
    private long attempt;
    private Channel channel;
    private ClientSession master;
    private CachedMaster cached;
    private ReplicationId masterReplid;
    private long initialOffset;
    private boolean legacySync;
    private long reploff;
    private long readReploff;
    private long lastIoMs;
    private long downSinceMs; // 0: never up since REPLICAOF
    private long transferSize = -1;
    private long transferRead;
    private boolean loading;
    private boolean protocolError;
    private String cause = "manual-replicaof";
    private SyncProgress progress;
    private long fileSeq;

    public MasterLink(Replication repl) {
        this.repl = repl;
        this.shard = repl.shard();
    }

    // ---- what INFO and ROLE read ------------------------------------------------------------

    /** True while this shard is configured as a replica (Redis's server.masterhost != NULL). */
    public boolean active() {
        return host != null;
    }

    public boolean connected() {
        return state == ReplState.CONNECTED;
    }

    public ReplState state() {
        return state;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** slave_repl_offset: applied bytes (1 with neither a primary nor a cached one, as Redis). */
    public long reploff() {
        return master != null ? reploff : cached != null ? cached.offset() : 1;
    }

    /** slave_read_repl_offset: bytes read. */
    public long readReploff() {
        return master != null ? readReploff : cached != null ? cached.offset() : 1;
    }

    /** ROLE's offset: -1 without a live primary client. */
    public long roleOffset() {
        return master != null ? reploff : -1;
    }

    public long lastIoSecondsAgo() {
        return master == null ? -1 : (repl.now() - lastIoMs) / 1000;
    }

    public long transferIoSecondsAgo() {
        return (repl.now() - lastIoMs) / 1000;
    }

    /** master_sync_total_bytes: -1 before the header, 0 under EOF framing. */
    public long transferSize() {
        return transferSize;
    }

    public long transferRead() {
        return transferRead;
    }

    public long downSinceSeconds() {
        return downSinceMs == 0 ? -1 : (repl.now() - downSinceMs) / 1000;
    }

    /** The database the primary's stream has selected (repl-stream-db for our sub-replicas). */
    public int streamDb() {
        return master != null ? master.db() : cached != null ? cached.db() : 0;
    }

    public SyncProgress progress() {
        return progress;
    }

    // ---- configuration changes --------------------------------------------------------------

    /** Points the link at a primary (REPLICAOF host port); connects on the next cron tick. */
    public void follow(String host, int port, String cause) {
        this.host = host;
        this.port = port;
        this.cause = cause;
        this.downSinceMs = 0;
        state = ReplState.CONNECT;
    }

    /** Drops the connection; with cacheIfConnected, a live primary's position is kept for PSYNC. */
    public void detach(boolean cacheIfConnected) {
        attempt++;
        if (state == ReplState.CONNECTED && cacheIfConnected && !protocolError) {
            cache();
        }
        closeConnection("link reset");
        state = host == null ? ReplState.NONE : ReplState.CONNECT;
    }

    /** Stops being a replica (REPLICAOF NO ONE): the link and the cached primary go. */
    public void stop() {
        host = null;
        detach(false);
        cached = null;
        state = ReplState.NONE;
    }

    /** Redis's replicationCacheMasterUsingMyself: a primary turning replica offers its own history. */
    public void cacheUsingMyself(ReplicationId replid, long offset) {
        log.info("Before turning into a replica, using my own master parameters to synthesize a cached master: "
                + "I may be able to synchronize with the new master with just a partial transfer.");
        cached = new CachedMaster(replid, offset, 0);
    }

    /** A restart from an RDB that recorded where this replica was (repl-id, repl-offset, repl-stream-db). */
    public void cacheFromRdb(ReplicationId replid, long offset, int db) {
        cached = new CachedMaster(replid, offset, db);
        cause = "restart-from-rdb";
    }

    public void discardCached() {
        if (cached != null) {
            log.info("Discarding previously cached master state.");
            cached = null;
        }
    }

    // ---- the connection ---------------------------------------------------------------------

    /** Once a second: timeouts, reconnects, ACKs (Redis's replicationCron, replica half). */
    public void cron() {
        long now = repl.now();
        long timeout = repl.config().timeoutMillis();
        if ((state == ReplState.CONNECTING || state.inHandshake()) && now - lastIoMs > timeout) {
            log.warn("Timeout connecting to the MASTER...");
            fail("timeout connecting");
        } else if (state == ReplState.TRANSFER && !loading && now - lastIoMs > timeout) {
            log.warn("Timeout receiving bulk data from MASTER... If the problem persists try to set the "
                    + "'repl-timeout' parameter in redis.conf to a larger value.");
            fail("timeout receiving the RDB");
        } else if (state == ReplState.CONNECTED && now - lastIoMs > timeout) {
            log.warn("MASTER timeout: no data nor PING received...");
            channel.close();
        }
        if (state == ReplState.CONNECT && host != null) {
            log.info("Connecting to MASTER {}:{}", host, port);
            connect();
        }
        if (state == ReplState.CONNECTED && !legacySync) {
            sendAck(reploff);
        }
        if (state == ReplState.TRANSFER && loading && channel != null) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'\n'})); // alive while loading
        }
    }

    private void connect() {
        long id = ++attempt;
        state = ReplState.CONNECTING;
        lastIoMs = repl.now();
        protocolError = false;
        progress = repl.events().start("replica", cause, host + ":" + port, repl.now());
        progress.phase("connect", repl.now());
        Bootstrap bootstrap = new Bootstrap().group(shard.loop()).channel(Shard.socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, !shard.config().getBoolean("repl-disable-tcp-nodelay"))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, repl.config().timeoutMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("lines", new ReplyLineDecoder(line -> onLine(id, line)));
                        ch.pipeline().addLast("errors", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                log.warn("Error on the link with MASTER: {}", cause.toString());
                                ctx.close();
                            }
                        });
                    }
                });
        ChannelFuture f = bootstrap.connect(host, port);
        channel = f.channel();
        log.info("MASTER <-> REPLICA sync started");
        f.addListener(done -> {
            if (id != attempt) {
                f.channel().close();
            } else if (!done.isSuccess()) {
                log.warn("Error condition on socket for SYNC: {}", done.cause().getMessage());
                fail("connect: " + done.cause().getMessage());
            } else {
                Handshake.Step step = Handshake.connected();
                log.info(step.log());
                progress.phase("handshake", repl.now());
                apply(step);
            }
        });
        f.channel().closeFuture().addListener(done -> onClosed(id));
    }

    private void onLine(long id, String line) {
        if (id != attempt) {
            return;
        }
        lastIoMs = repl.now();
        if (state == ReplState.RECEIVE_PSYNC_REPLY) {
            psyncReply(PsyncReply.parse(line));
            return;
        }
        Handshake.Step step = Handshake.onReply(state, line, settings());
        if (step.log() != null) {
            if (step.abort()) {
                log.warn(step.log());
            } else {
                log.info(step.log());
            }
        }
        if (step.abort()) {
            fail(step.log());
            return;
        }
        apply(step);
    }

    private void apply(Handshake.Step step) {
        state = step.next();
        for (byte[][] argv : step.send()) {
            channel.write(RespEncoding.encode(channel.alloc(), argv));
        }
        channel.flush();
        if (state == ReplState.SEND_PSYNC) {
            sendPsync();
        }
    }

    private Handshake.Settings settings() {
        ReplicationConfig c = repl.config();
        int announcePort = c.announcePort() != 0 ? c.announcePort() : shard.port();
        return new Handshake.Settings(c.masterAuth(), c.masterUser(), announcePort, c.announceIp());
    }

    /** Redis's slaveTryPartialResynchronization, first half. */
    private void sendPsync() {
        boolean failover = repl.failover().inProgress();
        byte[][] psync = Handshake.psync(cached == null ? null : cached.replid().hex(),
                cached == null ? 0 : cached.offset(), failover);
        if (cached != null) {
            log.info("Trying a partial resynchronization (request {}:{}).", cached.replid(), cached.offset() + 1);
        } else {
            log.info("Partial resynchronization not possible (no cached master)");
        }
        channel.writeAndFlush(RespEncoding.encode(channel.alloc(), psync));
        state = ReplState.RECEIVE_PSYNC_REPLY;
        progress.phase("psync", repl.now());
    }

    /** Redis's slaveTryPartialResynchronization, second half, and syncWithMaster's follow-up. */
    private void psyncReply(PsyncReply reply) {
        if (reply.kind() == PsyncReply.Kind.WAIT) {
            return; // keepalive newline before the reply
        }
        if (repl.failover().inProgress()) {
            if (reply.kind() == PsyncReply.Kind.CONTINUE || reply.kind() == PsyncReply.Kind.FULLRESYNC) {
                repl.failover().completed();
            } else {
                repl.failover().abort("Failover target rejected psync request");
                return;
            }
        }
        switch (reply.kind()) {
            case CONTINUE -> continueSync(reply.replid());
            case FULLRESYNC -> {
                if (reply.malformed()) {
                    log.warn("Master replied with wrong +FULLRESYNC syntax.");
                } else {
                    log.info("Full resync from master: {}:{}", reply.replid(), reply.offset());
                }
                beginTransfer(reply.replid(), reply.offset(), false);
            }
            case TRY_LATER -> {
                log.info("Master is currently unable to PSYNC but should be in the future: {}", reply.text());
                fail("primary answered " + reply.text());
            }
            default -> {
                log.info("Master does not support PSYNC or is in error state (reply: {})", reply.text());
                log.info("Retrying with SYNC...");
                channel.writeAndFlush(Unpooled.copiedBuffer("SYNC\r\n", StandardCharsets.US_ASCII));
                beginTransfer(null, 0, true);
            }
        }
    }

    private void continueSync(ReplicationId newId) {
        log.info("Successful partial resynchronization with master.");
        CachedMaster c = cached;
        cached = null;
        if (newId != null && !newId.equals(c.replid())) {
            log.warn("Master replication ID changed to {}", newId);
            repl.stream().history().continueAs(newId, repl.stream().masterReplOffset());
            repl.replicas().dropAll("Master replication ID changed");
        }
        repl.stream().createBacklog(repl.config().backlogSize());
        progress.type("partial");
        progress.target(repl.stream().history().current().hex(), c.offset() + 1);
        becomeConnected(c.offset(), c.db(), false);
        log.info("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
    }

    private void beginTransfer(ReplicationId replid, long offset, boolean legacy) {
        masterReplid = replid;
        initialOffset = replid == null ? 0 : offset;
        legacySync = legacy;
        transferSize = -1;
        transferRead = 0;
        loading = false;
        state = ReplState.TRANSFER;
        progress.type("full");
        progress.target(replid == null ? "" : replid.hex(), initialOffset);
        progress.phase("transfer", repl.now());
        Path file = Path.of(repl.config().dir(), "temp-sync-" + shard.port() + "-" + (++fileSeq) + ".rdb");
        channel.pipeline().addAfter("lines", "transfer", new TransferDecoder(file, this));
        channel.pipeline().remove("lines");
    }

    // ---- TransferDecoder.Listener --------------------------------------------------------------

    @Override
    public void io(long payloadBytes) {
        lastIoMs = repl.now();
        transferRead += payloadBytes;
        progress.addBytes(payloadBytes);
    }

    @Override
    public void header(long size) {
        transferSize = size < 0 ? 0 : size;
        progress.bytesTotal(size);
        log.info("MASTER <-> REPLICA sync: receiving {} from master to disk",
                size < 0 ? "streamed RDB" : size + " bytes");
    }

    @Override
    public void complete(Path file, long size, boolean eofMark) {
        long id = attempt;
        loading = true;
        channel.config().setAutoRead(false); // the stream waits until the data is in place
        progress.phase("load", repl.now());
        log.info("MASTER <-> REPLICA sync: Loading DB in memory");
        repl.background().execute(() -> {
            Keyspace fresh = new Keyspace(repl.config().databases(), shard.clock());
            fresh.setReplica(true);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                RdbFile rdb = new RdbReader(in).read(fresh, false);
                shard.execute(() -> loaded(id, file, fresh, rdb, eofMark));
            } catch (Exception e) {
                shard.execute(() -> loadFailed(id, file, e));
            }
        });
    }

    @Override
    public void failed(String reason) {
        log.warn(reason);
        fail(reason);
    }

    private void loadFailed(long id, Path file, Exception e) {
        deleteQuietly(file);
        if (id != attempt) {
            return;
        }
        log.warn("Failed trying to load the MASTER synchronization DB from disk: {}", e.getMessage());
        fail("load: " + e.getMessage()); // the old data stays; the next attempt starts over
    }

    /** The RDB loaded: swap it in, take the primary's history, and start applying the stream. */
    private void loaded(long id, Path file, Keyspace fresh, RdbFile rdb, boolean eofMark) {
        if (id != attempt) {
            deleteQuietly(file);
            return;
        }
        discardCached(); // Redis's replicationAttachToNewMaster
        repl.replicas().dropAll("Full resync from master");
        repl.stream().freeBacklog();
        shard.keyspace().replaceWith(fresh);
        repl.stream().history().reset(masterReplid != null ? masterReplid : ReplicationId.random());
        repl.stream().masterReplOffset(initialOffset);
        repl.stream().createBacklog(repl.config().backlogSize());
        String streamDb = rdb.aux().get("repl-stream-db");
        int db = streamDb == null ? 0 : Math.max(0, Integer.parseInt(streamDb));
        becomeConnected(initialOffset, db, true);
        keepAsDumpFile(file);
        if (eofMark) {
            sendAck(reploff); // a diskless primary streams only after this first ACK
        }
        log.info("MASTER <-> REPLICA sync: Finished with success");
    }

    private void becomeConnected(long offset, int db, boolean afterTransfer) {
        reploff = offset;
        readReploff = offset;
        master = shard.internalClient(ClientSession.Kind.MASTER, channel);
        master.select(db);
        shard.registerClient(master);
        state = ReplState.CONNECTED;
        downSinceMs = 0;
        loading = false;
        cause = "link-drop"; // what the next sync will be about, unless told otherwise
        repl.events().finish(progress, "ok", repl.now());
        progress = null;
        installStream(afterTransfer ? "transfer" : "lines");
        channel.config().setAutoRead(true);
    }

    /** Swaps the current phase's decoder for the stream handlers; its leftover bytes flow into them. */
    private void installStream(String current) {
        ChannelPipeline p = channel.pipeline();
        StreamApplier stream = new StreamApplier(this, channel.alloc(), reploff);
        p.addAfter(current, "tap", stream.tap());
        p.addAfter("tap", "resp", RespDecoder.trusting());
        p.addAfter("resp", "apply", stream.applier());
        p.remove(current);
    }

    // ---- StreamApplier.Target ---------------------------------------------------------------

    @Override
    public void read(int bytes) {
        readReploff += bytes;
        lastIoMs = repl.now();
    }

    @Override
    public boolean apply(byte[][] argv, long offsetBefore) {
        if (argv.length >= 2 && eq(argv[0], "REPLCONF") && eq(argv[1], "GETACK")) {
            sendAck(offsetBefore); // the offset before this GETACK, as Redis answers
            return false;
        }
        shard.dispatcher().execute(master, argv, discarded);
        discarded.buffer().clear();
        return master.inMulti();
    }

    @Override
    public void applied(ByteBuf bytes) {
        reploff += bytes.readableBytes();
        repl.stream().relay(bytes);
    }

    @Override
    public void protocolError(String reason) {
        log.warn("Protocol error from MASTER: {}; dropping the link and the cached master", reason);
        protocolError = true;
        channel.close();
    }

    // ---- endings -----------------------------------------------------------------------------

    /** REPLCONF ACK &lt;offset&gt; to the primary. */
    private void sendAck(long offset) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(RespEncoding.encode(channel.alloc(), RespEncoding.argv("REPLCONF", "ACK", Long.toString(offset))));
        }
    }

    /** REPLCONF GETACK received by us as a primary: report to our own primary now. */
    public void sendAckNow() {
        if (state == ReplState.CONNECTED && !legacySync) {
            sendAck(reploff);
        }
    }

    private void onClosed(long id) {
        if (id != attempt) {
            return;
        }
        if (state == ReplState.CONNECTED) {
            log.warn("Connection with master lost.");
            if (!protocolError) {
                cache();
            } else {
                cached = null;
            }
            closeConnection("link lost");
            state = ReplState.CONNECT;
            downSinceMs = repl.now();
            cause = "link-drop";
            log.info("Reconnecting to MASTER {}:{}", host, port);
            connect(); // at once, as Redis's replicationHandleMasterDisconnection
        } else if (state != ReplState.CONNECT && state != ReplState.NONE) {
            if (state == ReplState.TRANSFER) {
                log.warn("I/O error trying to sync with MASTER: connection lost");
            }
            fail("connection closed");
        }
    }

    /** Redis's replicationCacheMaster: remember where we were, to PSYNC from there. */
    private void cache() {
        log.info("Caching the disconnected master state.");
        cached = new CachedMaster(repl.stream().history().current(), reploff, master == null ? 0 : master.db());
    }

    /** Abandons this attempt (Redis's cancelReplicationHandshake); the cron retries in a second. */
    private void fail(String reason) {
        attempt++;
        closeConnection("failed: " + reason);
        state = host == null ? ReplState.NONE : ReplState.CONNECT;
    }

    private void closeConnection(String outcome) {
        if (progress != null) {
            if (state.ordinal() >= ReplState.RECEIVE_PSYNC_REPLY.ordinal()) {
                repl.events().finish(progress, outcome, repl.now());
            } else {
                repl.events().discard(progress); // never reached PSYNC: no sync happened
            }
            progress = null;
        }
        if (master != null) {
            shard.unregisterClient(master);
            master = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        loading = false;
    }

    private void keepAsDumpFile(Path file) {
        try {
            Files.move(file, Path.of(repl.config().dir(), shard.config().get("dbfilename")),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            log.warn("Failed trying to rename the temp DB into {}: {}", shard.config().get("dbfilename"), e.toString());
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (Exception ignored) {
            // best effort
        }
    }

    private static boolean eq(byte[] arg, String word) {
        return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
    }
}
