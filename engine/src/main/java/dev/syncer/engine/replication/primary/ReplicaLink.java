package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.replication.ReplBufReference;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.server.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;

import java.net.InetSocketAddress;

/**
 * A replica connected to this shard, seen from the primary: what it announced in REPLCONF, where
 * its sync stands, and what it acknowledged. The fields of Redis's client struct that only
 * replicas use (replstate, repl_ack_off, slave_listening_port ...). Loop-confined.
 */
public final class ReplicaLink {

    /** Redis's SLAVE_STATE_*; INFO shows the first two as wait_bgsave. */
    public enum State {
        /** Waits for a snapshot to start (diskless delay, or another snapshot running). */
        WAIT_BGSAVE_START("wait_bgsave"),
        /** Waits for its snapshot to be written (disk) or streamed (diskless). */
        WAIT_BGSAVE_END("wait_bgsave"),
        /** Receives the RDB file written to disk. */
        SEND_BULK("send_bulk"),
        /** Dual-channel main channel: streams while the replica loads the RDB from its rdb channel. */
        BG_RDB_LOAD("bg_transfer"),
        /** Has its data; receives the command stream (after its first ACK, for diskless). */
        ONLINE("online");

        private final String info;

        State(String info) {
            this.info = info;
        }

        public String info() {
            return info;
        }
    }

    private final ClientSession session;
    private final Channel channel;
    private State state = State.WAIT_BGSAVE_START;
    private int listeningPort;
    private String announcedIp;
    private boolean capaEof;
    private boolean capaPsync2;
    private boolean legacySync;
    private boolean rdbOnly;
    private boolean capaDualChannel;
    private boolean rdbChannel;
    private boolean holdsForMain; // an rdb channel keeping the stream until its main channel PSYNCs
    private long rdbClientId = -1;
    private boolean streamOnAck;
    private long ackOffset;
    private long ackTimeMs;
    private long syncRequestedMs;
    private ReplBufReference reference; // where it stands in the shared replication buffer
    private boolean streaming;
    private long overSoftLimitSinceMs;
    private int dumpWritesPending;
    private long dumpWritesSinceMs;
    private SyncProgress progress;

    ReplicaLink(ClientSession session, long nowMs) {
        this.session = session;
        this.channel = session.channel();
        this.ackTimeMs = nowMs;
        session.heldOutput(this::bufferBytes);
    }

    public ClientSession session() {
        return session;
    }

    public Channel channel() {
        return channel;
    }

    public State state() {
        return state;
    }

    void state(State state) {
        this.state = state;
    }

    /** The address replicas announce (REPLCONF ip-address), else the peer's IP. */
    public String ip() {
        if (announcedIp != null) {
            return announcedIp;
        }
        return channel != null && channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : "";
    }

    /** REPLCONF listening-port, 0 if never sent. */
    public int listeningPort() {
        return listeningPort;
    }

    /** How Redis names a replica in its log: ip:port, or ip:&lt;unknown-replica-port&gt;. */
    public String name() {
        return listeningPort != 0 ? ip() + ":" + listeningPort : ip() + ":<unknown-replica-port>";
    }

    public long ackOffset() {
        return ackOffset;
    }

    public long ackTimeMs() {
        return ackTimeMs;
    }

    public boolean capaEof() {
        return capaEof;
    }

    boolean capaPsync2() {
        return capaPsync2;
    }

    boolean legacySync() {
        return legacySync;
    }

    void legacySync(boolean legacy) {
        this.legacySync = legacy;
    }

    /** REPLCONF rdb-only 1: the snapshot only, no stream after it (closed once delivered). */
    boolean rdbOnly() {
        return rdbOnly;
    }

    void rdbOnly(boolean value) {
        this.rdbOnly = value;
    }

    /** REPLCONF capa dual-channel, accepted only when this primary runs dual-channel syncs. */
    boolean capaDualChannel() {
        return capaDualChannel;
    }

    void capaDualChannel(boolean value) {
        this.capaDualChannel = value;
    }

    /** REPLCONF rdb-channel 1: the RDB half of a dual-channel sync. */
    boolean rdbChannel() {
        return rdbChannel;
    }

    void rdbChannel(boolean value) {
        this.rdbChannel = value;
    }

    void holdsForMain(boolean value) {
        this.holdsForMain = value;
    }

    /** REPLCONF set-rdb-client-id: the rdb channel this main channel belongs to, -1 if none. */
    long rdbClientId() {
        return rdbClientId;
    }

    void rdbClientId(long id) {
        this.rdbClientId = id;
    }

    void listeningPort(int port) {
        this.listeningPort = port;
    }

    void announcedIp(String ip) {
        this.announcedIp = ip;
    }

    void capa(String capa) {
        if (capa.equalsIgnoreCase("eof")) {
            capaEof = true;
        } else if (capa.equalsIgnoreCase("psync2")) {
            capaPsync2 = true;
        }
    }

    /** REPLCONF ACK: the highest offset wins; a lower ACK still refreshes the time. */
    void ack(long offset, long nowMs) {
        if (offset > ackOffset) {
            ackOffset = offset;
        }
        ackTimeMs = nowMs;
    }

    /** When it asked for a full sync (repl-diskless-sync-delay counts from here). */
    long syncRequestedMs() {
        return syncRequestedMs;
    }

    void syncRequestedMs(long ms) {
        this.syncRequestedMs = ms;
    }

    boolean streamOnAck() {
        return streamOnAck;
    }

    void streamOnAck(boolean value) {
        this.streamOnAck = value;
    }

    public SyncProgress progress() {
        return progress;
    }

    void progress(SyncProgress progress) {
        this.progress = progress;
    }

    /** Whether stream bytes are for this replica yet (canFeedReplicaReplBuffer): not before its snapshot's instant. */
    boolean wantsStream() {
        return state != State.WAIT_BGSAVE_START && (!rdbOnly || holdsForMain);
    }

    boolean streaming() {
        return streaming;
    }

    /** Whether it has its place in this backlog's buffer yet. */
    boolean hasReference(Backlog backlog) {
        return reference != null && reference.in(backlog);
    }

    /** Its place in the replication buffer, from which everything fed later is sent (may be null). */
    void reference(ReplBufReference ref) {
        if (reference != null) {
            reference.release();
        }
        reference = ref;
    }

    /**
     * Hands the socket what was fed since its place, as slices of the shared blocks, while the
     * socket takes more: a replica that stops reading keeps its place in the buffer (the backlog
     * grows, its output buffer counts) instead of queueing copies. True if anything was written;
     * no flush.
     */
    boolean writeStream() {
        if (!streaming || reference == null) {
            return false;
        }
        boolean wrote = false;
        while (channel.isWritable()) {
            ByteBuf slice = reference.next();
            if (slice == null) {
                break;
            }
            channel.write(slice, channel.voidPromise());
            wrote = true;
        }
        return wrote;
    }

    /** Starts the command stream: first what was fed since the snapshot's instant. */
    void startStream() {
        beginStreaming();
        writeStream();
        channel.flush();
    }

    /**
     * Starts the stream behind the reply being answered now (+CONTINUE): the first bytes go out
     * in a later task of this loop, after the command's reply was written.
     */
    void startStreamAfterReply() {
        beginStreaming();
        channel.eventLoop().execute(() -> {
            if (writeStream()) {
                channel.flush();
            }
        });
    }

    private void beginStreaming() {
        streaming = true;
        streamOnAck = false;
        if (channel.pipeline().get(WritableAgain.class) == null) {
            channel.pipeline().addFirst(new WritableAgain());
        }
    }

    /** Takes the place an rdb channel held since its snapshot's instant; null if none. */
    ReplBufReference takeReference() {
        ReplBufReference held = reference;
        reference = null;
        holdsForMain = false;
        return held;
    }

    /** Shares the place of another replica attached to the same snapshot (copyReplicaOutputBuffer). */
    void copyReferenceFrom(ReplicaLink other) {
        if (other.reference != null) {
            reference(other.reference.copy());
        }
    }

    /**
     * The replica's output buffer as Redis counts it: the shared blocks from its place on, plus
     * what the socket was handed and has not sent yet.
     */
    long outputBufferBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return (out == null ? 0 : out.totalPendingWriteBytes()) + bufferBytes();
    }

    /** Its share of the replication buffer (getClientOutputBufferMemoryUsage). */
    long bufferBytes() {
        return reference == null ? 0 : reference.memory();
    }

    /** Resumes the stream when the socket drained below its low water mark. */
    private final class WritableAgain extends ChannelInboundHandlerAdapter {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && writeStream()) {
                ctx.channel().flush();
            }
            ctx.fireChannelWritabilityChanged();
        }
    }

    /**
     * A diskless dump's writes to this replica: while some are unsent, since when (Redis's
     * repl_last_partial_write; 0 when every chunk went out).
     */
    long socketDumpStalledSinceMs() {
        return dumpWritesPending > 0 ? dumpWritesSinceMs : 0;
    }

    void socketDumpWrite(long nowMs) {
        if (dumpWritesPending++ == 0) {
            dumpWritesSinceMs = nowMs;
        }
    }

    void socketDumpWritten(long nowMs) {
        dumpWritesPending--;
        dumpWritesSinceMs = nowMs; // progress: the replica reads
    }

    long overSoftLimitSinceMs() {
        return overSoftLimitSinceMs;
    }

    void overSoftLimitSinceMs(long ms) {
        this.overSoftLimitSinceMs = ms;
    }

    /** Gives up its place in the buffer; the connection is closing. */
    void release() {
        reference(null);
    }
}
