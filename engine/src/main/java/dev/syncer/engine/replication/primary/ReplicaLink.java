package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.server.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
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
    private CompositeByteBuf pending; // stream bytes held back until the replica streams
    private ByteBuf turn; // stream bytes of this event-loop turn, written as one at its flush
    private boolean streaming;
    private long overSoftLimitSinceMs;
    private SyncProgress progress;

    ReplicaLink(ClientSession session, long nowMs) {
        this.session = session;
        this.channel = session.channel();
        this.ackTimeMs = nowMs;
        session.heldOutput(() -> streaming || pending == null ? 0 : pending.readableBytes());
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

    /** Whether stream bytes are for this replica yet: not before its snapshot's instant. */
    boolean wantsStream() {
        return state != State.WAIT_BGSAVE_START && (!rdbOnly || holdsForMain);
    }

    boolean streaming() {
        return streaming;
    }

    /**
     * Stream bytes (copied: the stream reuses its buffer): gathered into this turn's buffer if the
     * replica streams, else held until it does. One write per loop turn instead of one per
     * command keeps the socket's outbound queue to one entry per turn.
     */
    void send(ByteBuf bytes) {
        int n = bytes.readableBytes();
        if (streaming) {
            if (turn == null) {
                turn = channel.alloc().directBuffer(Math.max(TURN_INITIAL, n));
            }
            turn.writeBytes(bytes, bytes.readerIndex(), n);
        } else {
            if (pending == null) {
                pending = channel.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            pending.writeBytes(bytes, bytes.readerIndex(), n);
        }
    }

    private static final int TURN_INITIAL = 8 * 1024;

    /**
     * Writes this turn's stream bytes, in order behind everything written before; no flush. A
     * well-filled turn buffer is handed over as it is; a few bytes are copied into a buffer of
     * their size and the turn buffer kept for the next turn: a replica that stops reading queues
     * one buffer per turn, and near-empty 8 KB ones would hold hundreds of times the stream's size
     * (Redis appends to the last block of its replication buffer instead).
     */
    void writeTurn() {
        if (turn == null || !turn.isReadable()) {
            return;
        }
        ByteBuf out;
        if (turn.readableBytes() * 2 >= turn.capacity()) {
            out = turn;
            turn = null;
        } else {
            out = channel.alloc().directBuffer(turn.readableBytes());
            out.writeBytes(turn);
            turn.clear();
        }
        channel.write(out, channel.voidPromise());
    }

    /** Starts the command stream: first what was held back since the snapshot's instant. */
    void startStream() {
        writeTurn();
        streaming = true;
        streamOnAck = false;
        if (pending != null) {
            channel.write(pending, channel.voidPromise());
            pending = null;
        }
        channel.flush();
    }

    /** Takes the stream an rdb channel held since its snapshot's instant; null if none. */
    ByteBuf takePending() {
        ByteBuf held = pending;
        pending = null;
        holdsForMain = false;
        return held;
    }

    /** Copies the held-back stream of another replica attached to the same snapshot. */
    void copyPendingFrom(ReplicaLink other) {
        if (other.pending != null) {
            pending = channel.alloc().compositeBuffer(Integer.MAX_VALUE);
            pending.addComponent(true, other.pending.retainedDuplicate());
        }
    }

    /** Bytes of stream waiting for this replica: held back, or queued in the socket's buffer. */
    long outputBufferBytes() {
        if (!streaming) {
            return pending == null ? 0 : pending.readableBytes();
        }
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return (out == null ? 0 : out.totalPendingWriteBytes()) + (turn == null ? 0 : turn.readableBytes());
    }

    long overSoftLimitSinceMs() {
        return overSoftLimitSinceMs;
    }

    void overSoftLimitSinceMs(long ms) {
        this.overSoftLimitSinceMs = ms;
    }

    /** Frees what the link holds; the connection is closing. */
    void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (turn != null) {
            turn.release();
            turn = null;
        }
    }
}
