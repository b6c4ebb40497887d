package dev.syncer.engine.replication.replica;

import dev.syncer.engine.replication.SyncCause;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A replica's link to its primary: over an {@link UpstreamLink} (connect, handshake, PSYNC, the pipeline swapped per
 * phase) it decides what to ask — Redis's slaveTryPartialResynchronization from the cached primary —, receives and
 * loads the RDB (over a second, {@link RdbChannel} in a dual-channel sync), then applies the command stream, as Redis's
 * connectWithMaster / syncWithMaster / readSyncBulkPayload. A load the link abandoned ({@link FullSyncLoad}) is
 * dropped when it finishes. While the link is down the cron reconnects every second. Loop-confined.
 */
public final class PrimaryLink implements TransferDecoder.Listener, FullSyncLoad.Done, UpstreamLink.Owner,
        ReplicationContext.UpstreamConnection {

    private static final Logger log = LoggerFactory.getLogger(PrimaryLink.class);

    private final ReplicationContext repl;
    private final Shard shard;

    private String host; // null: not a replica
    private int port;
    private ReplState idle = ReplState.NONE; // NONE or CONNECT: while there is no upstream link
    private UpstreamLink link;
    private RdbChannel dual; // a dual-channel full sync's rdb channel, while it runs
    private FullSyncLoad load; // a full sync's RDB load, from its transfer until swapped in or abandoned
    private PrimaryClient primary; // while CONNECTED
    private CachedPrimary cached;
    private ReplicationId primaryReplid;
    private long initialOffset;
    private boolean legacySync;
    private long lastIoMs; // when the last link opened; the link and the primary client keep their own
    private long downSinceMs; // 0: never up since REPLICAOF
    private final TransferCount transfer = new TransferCount();
    private boolean loading;
    private SyncCause cause = SyncCause.MANUAL_REPLICAOF;
    private SyncProgress progress;
    private Divergence diverged; // why the link stopped, until the next REPLICAOF
    private long lastConnectMs = Long.MIN_VALUE / 2;

    public PrimaryLink(ReplicationContext repl) {
        this.repl = repl;
        this.shard = repl.shard();
    }

    // ---- what INFO and ROLE read ------------------------------------------------------------

    /** True while this shard is configured as a replica (Redis's server.masterhost != NULL). */
    public boolean active() {
        return host != null;
    }

    public boolean connected() {
        return state() == ReplState.CONNECTED;
    }

    public ReplState state() {
        return link != null ? link.state() : idle;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** slave_repl_offset: applied bytes (where it diverged; 1 with no primary nor cached one, as Redis). */
    public long reploff() {
        return primary != null ? primary.reploff() : cached != null ? cached.offset() : diverged != null ? diverged.offset() : 1;
    }

    /** slave_read_repl_offset: bytes read. */
    public long readReploff() {
        return primary != null ? primary.readReploff() : cached != null ? cached.offset() : 1;
    }

    /** ROLE's offset: -1 without a live primary client. */
    public long roleOffset() {
        return primary != null ? primary.reploff() : -1;
    }

    public long lastIoSecondsAgo() {
        return primary == null ? -1 : (repl.now() - primary.lastIoMs()) / 1000;
    }

    public long transferIoSecondsAgo() {
        return (repl.now() - (link != null ? link.lastIoMs() : lastIoMs)) / 1000;
    }

    public TransferCount transfer() {
        return transfer;
    }

    public long downSinceSeconds() {
        return downSinceMs == 0 ? -1 : (repl.now() - downSinceMs) / 1000;
    }

    /** The database the primary's stream has selected (repl-stream-db for our sub-replicas). */
    public int streamDb() {
        return primary != null ? primary.db() : cached != null ? cached.db() : 0;
    }

    public SyncProgress progress() {
        return progress;
    }

    // ---- configuration changes --------------------------------------------------------------

    /** Points the link at a primary (REPLICAOF host port); {@link #connectIfDue} then connects at once. */
    public void follow(String host, int port, SyncCause cause) {
        this.host = host;
        this.port = port;
        this.cause = cause;
        this.downSinceMs = 0;
        this.diverged = null;
        this.lastConnectMs = Long.MIN_VALUE / 2;
        idle = ReplState.CONNECT;
    }

    /** Drops the connection; with cacheIfConnected, a live primary's position is kept for PSYNC. */
    public void detach(boolean cacheIfConnected) {
        if (state() == ReplState.CONNECTED && cacheIfConnected && !primary.protocolError()) {
            cache();
        }
        closeConnection("link reset");
        idle = host == null ? ReplState.NONE : ReplState.CONNECT;
    }

    /** Stops being a replica (REPLICAOF NO ONE): the link and the cached primary go. */
    public void stop() {
        host = null;
        detach(false);
        cached = null;
        idle = ReplState.NONE;
    }

    /**
     * Where to PSYNC from next: our own history when a primary turns replica (Redis's
     * replicationCacheMasterUsingMyself), or where a restart's RDB recorded this replica was.
     */
    public void cacheFrom(CachedPrimary position, SyncCause nextCause) {
        cached = position;
        cause = nextCause;
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
        ReplState state = state();
        if ((state == ReplState.CONNECTING || state.inHandshake()) && now - link.lastIoMs() > timeout) {
            log.warn("Timeout connecting to the MASTER...");
            fail("timeout connecting");
        } else if (state == ReplState.TRANSFER && !loading && now - link.lastIoMs() > timeout) {
            log.warn("Timeout receiving bulk data from MASTER... If the problem persists try to set the "
                    + "'repl-timeout' parameter in redis.conf to a larger value.");
            fail("timeout receiving the RDB");
        } else if (state == ReplState.CONNECTED && now - primary.lastIoMs() > timeout) {
            log.warn("MASTER timeout: no data nor PING received...");
            link.channel().close();
        }
        if (state() == ReplState.CONNECTED) {
            primary.sendAck();
        }
        if (state() == ReplState.TRANSFER && loading) {
            link.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'\n'})); // alive while loading
        }
    }

    /** Every cron tick (100 ms): connect when told to, or a second after a failed attempt (Redis: at once, then 1 Hz). */
    public void connectIfDue() {
        if (state() == ReplState.CONNECT && host != null && repl.now() - lastConnectMs >= 1000) {
            log.info("Connecting to MASTER {}:{}", host, port);
            connect();
        }
    }

    private void connect() {
        lastConnectMs = repl.now();
        lastIoMs = repl.now();
        progress = repl.events().start("replica", cause, host + ":" + port, repl.now());
        progress.phase("connect", repl.now());
        io.netty.handler.ssl.SslContext tls;
        try {
            tls = shard.tls().replicationContext(); // tls-replication: the primary is reached on its TLS port
        } catch (IllegalArgumentException e) {
            log.warn("Unable to connect to MASTER over TLS: {}", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return; // retried by the cron, as a failed connect is
        }
        // repl-disable-tcp-nodelay is the primary's choice for its side of the link (SyncCommands), as in Redis
        link = UpstreamLink.connect(this, repl::now, shard.loop(), true,
                repl.config().timeoutMillis(), tls, UpstreamLink.address(host, port));
        log.info("MASTER <-> REPLICA sync started");
    }

    // ---- UpstreamLink.Owner: the handshake and PSYNC -----------------------------------------------

    @Override
    public void opened() {
        log.info("Non blocking connect for SYNC fired the event.");
        progress.phase("handshake", repl.now());
    }

    @Override
    public void connectFailed(String message) {
        log.warn("Error condition on socket for SYNC: {}", message);
        fail("connect: " + message);
    }

    @Override
    public void handshakeStep(Handshake.Step step) {
        step.logTo(log);
    }

    @Override
    public void handshakeFailed(String reason) {
        fail(reason);
    }

    @Override
    public void ioError(Throwable cause) {
        log.info("Error on the link with MASTER: {}", cause.toString());
    }

    @Override
    public Handshake.Settings settings() {
        return Handshake.Settings.of(repl.config(), shard.tls().replicationPort(shard.port()));
    }

    /** Redis's slaveTryPartialResynchronization, first half. */
    @Override
    public byte[][] psync() {
        log.info(cached != null ? "Trying a partial resynchronization (request " + cached.replid() + ":"
                + (cached.offset() + 1) + ")." : "Partial resynchronization not possible (no cached master)");
        return Handshake.psync(cached == null ? null : cached.replid().hex(), cached == null ? 0 : cached.offset(),
                repl.failover().inProgress());
    }

    @Override
    public void psyncSent() {
        progress.phase("psync", repl.now());
    }

    /** Redis's slaveTryPartialResynchronization, second half, and syncWithMaster's follow-up. */
    @Override
    public void psyncReply(PsyncReply reply) {
        if (reply.kind() == PsyncReply.Kind.WAIT || dual != null && dual.mainReply(reply)) {
            return; // a keepalive newline before the reply, or the main channel's during a dual-channel sync
        }
        if (repl.failover().inProgress()) {
            if (reply.syncs()) {
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
                link.toTransfer(beginTransfer(reply.replid(), reply.offset(), false, link.channel()));
            }
            case DUAL_CHANNEL -> dual = new RdbChannel(repl, link, progress, host, port, settings(),
                    (id, offset, rdbChannel) -> beginTransfer(id, offset, false, rdbChannel), this::fail);
            case TRY_LATER -> {
                log.info("Master is currently unable to PSYNC but should be in the future: {}", reply.text());
                fail("primary answered " + reply.text());
            }
            default -> {
                log.info("Master does not support PSYNC or is in error state (reply: {})", reply.text());
                log.info("Retrying with SYNC...");
                link.channel().writeAndFlush(Unpooled.copiedBuffer("SYNC\r\n", StandardCharsets.US_ASCII));
                link.toTransfer(beginTransfer(null, 0, true, link.channel()));
            }
        }
    }

    private void continueSync(ReplicationId newId) {
        log.info("Successful partial resynchronization with master.");
        CachedPrimary c = cached;
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

    /**
     * A full sync's RDB is coming on {@code from}: its position, its load, and the decoder that takes it to its
     * temporary file and the load (or to the diskless load).
     */
    private TransferDecoder beginTransfer(ReplicationId replid, long offset, boolean legacy, Channel from) {
        load = new FullSyncLoad(repl, from, this);
        primaryReplid = replid;
        initialOffset = replid == null ? 0 : offset;
        legacySync = legacy;
        transfer.restart();
        loading = false;
        progress.type("full");
        progress.target(replid == null ? "" : replid.hex(), initialOffset);
        progress.phase("transfer", repl.now());
        return load.decoder(link.touching(this));
    }

    // ---- TransferDecoder.Listener --------------------------------------------------------------

    @Override
    public void io(long payloadBytes) {
        transfer.add(payloadBytes);
        progress.addBytes(payloadBytes);
    }

    @Override
    public void header(long size) {
        transfer.header(size);
        progress.bytesTotal(size);
        if (load.header(size, primaryReplid)) {
            loading = true;
            progress.phase("load", repl.now());
        }
    }

    @Override
    public void complete(Path file, long size, boolean eofMark) {
        if (dual == null) { // a dual-channel sync's main channel reads on into its buffer, which paces it
            link.channel().config().setAutoRead(false); // the stream after the RDB waits for the load
        }
        if (load.transferred(file, eofMark)) {
            loading = true;
            progress.phase("load", repl.now());
        }
    }

    @Override
    public void loaded(Keyspace fresh, RdbFile rdb, boolean eofMark, ReceivedRdb received) {
        RdbChannel.install(dual, () -> swapIn(fresh, rdb, eofMark, received)); // a dual-channel sync: once its main channel streams
    }

    @Override
    public void failed(String reason) {
        log.warn(reason);
        fail(reason);
    }

    /** The RDB loaded: swap it in, take the primary's history, and start applying the stream. */
    private void swapIn(Keyspace fresh, RdbFile rdb, boolean eofMark, ReceivedRdb received) {
        load.abandon(); // done: no longer loading
        load = null;
        discardCached(); // Redis's replicationAttachToNewMaster
        repl.replicas().dropAll("Full resync from master");
        repl.stream().freeBacklog();
        shard.keyspace().replaceWith(fresh);
        repl.stream().history().reset(primaryReplid != null ? primaryReplid : ReplicationId.random());
        repl.stream().masterReplOffset(initialOffset);
        repl.stream().createBacklog(repl.config().backlogSize());
        repl.fullSyncLoaded(rdb); // Active-Active: attach key states, preload the backlog
        String streamDb = rdb.aux().get("repl-stream-db");
        int db = streamDb == null ? 0 : Math.max(0, Integer.parseInt(streamDb));
        becomeConnected(initialOffset, db, eofMark); // a diskless primary streams only after this first ACK
        if (received != null) { // a diskless load leaves the dump file alone
            received.keepAs(Path.of(repl.config().dir(), shard.config().get("dbfilename")));
        }
        log.info("MASTER <-> REPLICA sync: Finished with success");
    }

    private void becomeConnected(long offset, int db, boolean ack) {
        primary = new PrimaryClient(repl, link.channel(), offset, db, !legacySync);
        downSinceMs = 0;
        loading = false;
        cause = SyncCause.LINK_DROP; // what the next sync will be about, unless told otherwise
        link.toStream(primary.applier(), primary.pauseGate(), () -> { // after a dual-channel sync's held stream is applied
            repl.events().finish(progress, "ok", repl.now());
            progress = null;
            if (ack) {
                primary.sendAck();
            }
        });
        link.channel().config().setAutoRead(true);
    }

    // ---- endings -----------------------------------------------------------------------------

    /** REPLCONF GETACK received by us as a primary: report to our own primary now. */
    public void sendAckNow() {
        if (state() == ReplState.CONNECTED) {
            primary.sendAck();
        }
    }

    @Override
    public void closed() {
        ReplState state = state();
        if (state == ReplState.CONNECTED && primary.divergence() != null) {
            stopDiverged(primary.divergence());
        } else if (state == ReplState.CONNECTED) {
            log.warn("Connection with master lost.");
            cached = null;
            if (!primary.protocolError()) {
                cache();
            }
            closeConnection("link lost");
            idle = ReplState.CONNECT;
            downSinceMs = repl.now();
            cause = SyncCause.LINK_DROP;
            log.info("Reconnecting to MASTER {}:{}", host, port);
            connect(); // at once, as Redis's replicationHandleMasterDisconnection
        } else {
            if (state == ReplState.TRANSFER) {
                log.warn("I/O error trying to sync with MASTER: connection lost");
            }
            fail("connection closed");
        }
    }

    /** The replica stops where it could not apply a command; only a full sync can repair it. */
    private void stopDiverged(Divergence d) {
        diverged = d; // nothing is cached while connected: the next sync can only be a full one
        closeConnection("diverged");
        idle = ReplState.DIVERGED;
        downSinceMs = repl.now();
        d.record(repl.events(), host + ":" + port, repl.stream().history().current().hex(), repl.now());
    }

    /** The command the link stopped at, or null. */
    public Divergence divergence() {
        return diverged;
    }

    /** Redis's replicationCacheMaster: remember where we were, to PSYNC from there. */
    private void cache() {
        log.info("Caching the disconnected master state.");
        cached = new CachedPrimary(repl.stream().history().current(), primary.reploff(), primary.db());
    }

    /** Abandons this attempt (Redis's cancelReplicationHandshake); the cron retries in a second. */
    private void fail(String reason) {
        closeConnection("failed: " + reason);
        idle = host == null ? ReplState.NONE : ReplState.CONNECT;
    }

    private void closeConnection(String outcome) {
        if (progress != null) {
            if (state().ordinal() >= ReplState.RECEIVE_PSYNC_REPLY.ordinal()) {
                repl.events().finish(progress, outcome, repl.now());
            } else {
                repl.events().discard(progress); // never reached PSYNC: no sync happened
            }
            progress = null;
        }
        if (primary != null) {
            primary.close();
            primary = null;
        }
        if (link != null) {
            link.close();
            link = null;
        }
        dual = null; // it closes with the main channel
        if (load != null) {
            load.abandon();
            load = null;
        }
        loading = false;
    }
}
