package dev.syncer.engine.syncer;

import dev.syncer.engine.activeactive.SnapshotStates;
import dev.syncer.engine.server.Outbound;
import dev.syncer.engine.replication.SyncCause;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.replication.replica.Handshake;
import dev.syncer.engine.replication.replica.UpstreamLink;
import dev.syncer.engine.replication.replica.PsyncReply;
import dev.syncer.engine.replication.replica.ReplState;
import dev.syncer.engine.replication.replica.StreamApplier;
import dev.syncer.engine.replication.replica.TransferDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Active-Active syncer: it brings one source cluster's writes of a database into the local
 * (target) cluster's instance. It is a replica of the source as far as the source can tell — it
 * connects to the source's primary ({@link SyncerSpec#sourceAddress()}), handshakes (PING, AUTH,
 * REPLCONF capa eof capa psync2), asks {@code PSYNC <replid> <offset+1>} from its
 * {@link Checkpoints} (or {@code PSYNC ? -1} the first time), acknowledges with REPLCONF ACK every
 * second and on GETACK — and a client of the local primary: it forwards, pipelined, only the
 * {@code CRDT.APPLY}s whose origin is the source cluster
 * (deltas the source got from other clusters, echoed in its stream, are skipped: nothing circulates
 * around the ring), and on a full sync joins every key's state from the source's RDB with
 * {@code CRDT.MERGE}.
 *
 * <p>Every stream byte (SELECT, ping, MULTI/EXEC, GETACK...) counts in the offset, which moves —
 * and is acknowledged and checkpointed — only once the local primary answered every forwarded
 * command before it. Any failure (source link, local primary, a refused command) drops both
 * connections; the syncer reconnects with backoff and resumes from its checkpoint (re-applying a
 * delta is harmless: the join is idempotent). Everything runs on one event loop.
 */
public final class Syncer implements AutoCloseable {

    /** What a syncer announces as its ip-address (REPLCONF ip-address) to the source, before its id. */
    public static final String ANNOUNCE_PREFIX = "syncer:";

    private static final Logger log = LoggerFactory.getLogger(Syncer.class);
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final long STREAM_TIMEOUT_MS = 60_000;
    private static final long MAX_BACKOFF_MS = 2_000;

    /** Where finished syncs go (the lab: the local primary's SYNCEVENTS log, side syncer). */
    @FunctionalInterface
    public interface EventSink {
        void record(SyncProgress progress, String outcome, long nowMs);
    }

    private final SyncerSpec spec;
    private final EventLoop loop;
    private final Executor background;
    private final EventSink events;
    private final Clock clock;
    private final Checkpoints checkpoints;

    private boolean running;
    private long attempt;
    private SyncerPhase phase = SyncerPhase.STOPPED;
    private UpstreamLink source;
    private Attempt live; // the attempt the source link belongs to
    private LocalSink sink;
    private SyncProgress progress;
    private SyncCause cause;
    private long phaseSinceMs;
    private long backoffMs = 100;
    private ScheduledFuture<?> cron;
    private ScheduledFuture<?> reconnect;
    private long cronTicks;

    private SourceStream stream; // while syncing

    private final SyncerTally tally = new SyncerTally();
    private volatile SyncerStatus status;

    public Syncer(SyncerSpec spec, EventLoop loop, Executor background, EventSink events) {
        this.spec = spec;
        this.loop = loop;
        this.background = background;
        this.events = events;
        this.clock = Clock.systemUTC();
        this.checkpoints = new Checkpoints(spec.checkpointFile());
        publish();
    }

    public SyncerSpec spec() {
        return spec;
    }

    /** The latest status, readable from any thread. */
    public SyncerStatus status() {
        return status;
    }

    /** Starts syncing (resuming from the checkpoint file if there is one). Any thread. */
    public void start() {
        loop.submit(() -> {
            if (running) {
                return;
            }
            running = true;
            cause = checkpoints.latest() == null ? SyncCause.STARTUP : SyncCause.RESTART;
            cron = loop.scheduleAtFixedRate(this::cron, 100, 100, TimeUnit.MILLISECONDS);
            connect();
        }).syncUninterruptibly();
    }

    /** Stops syncing, keeping the checkpoint (a later start resumes). Any thread. */
    public void stop() {
        if (loop.isShuttingDown()) {
            return;
        }
        loop.submit(() -> {
            if (!running) {
                return;
            }
            running = false;
            teardown("stopped");
            if (cron != null) {
                cron.cancel(false);
            }
            phase = SyncerPhase.STOPPED;
            saveCheckpoints();
            publish();
        }).syncUninterruptibly();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- connecting and the handshake -------------------------------------------------------

    private long now() {
        return clock.millis();
    }

    /** Runs what a callback of attempt {@code id} does, unless a newer attempt replaced it. */
    private void whenCurrent(long id, Runnable action) {
        if (id == attempt) {
            action.run();
        }
    }

    private void phase(SyncerPhase p) {
        phase = p;
        phaseSinceMs = now();
        publish();
    }

    private void connect() {
        reconnect = null;
        if (!running) {
            return;
        }
        long id = ++attempt;
        phase(SyncerPhase.CONNECTING);
        progress = new SyncProgress("syncer", cause, spec.sourceAddress().getHostString() + ":"
                + spec.sourceAddress().getPort() + " (" + spec.source() + ")", now());
        progress.phase("connect", now());
        LocalSink.connect(loop, spec.localAddress(), spec.localUser(), spec.localPassword(), reason -> { if (id == attempt) fail(reason, SyncCause.LOCAL_FAILOVER); },
                s -> {
                    if (id != attempt) {
                        if (s != null) {
                            s.close();
                        }
                    } else if (s == null) {
                        fail("cannot connect to the local primary", cause);
                    } else {
                        sink = s;
                        connectSource(id);
                    }
                });
    }

    private void connectSource(long id) {
        live = new Attempt(id);
        source = UpstreamLink.connect(live, this::now, loop, true, Outbound.CONNECT_TIMEOUT_MS, spec.sourceTls(),
                spec.sourceAddress(), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        if (sink != null && id == attempt) {
                            sink.flush(); // one flush per read: the pipelined writes go out together
                        }
                        ctx.fireChannelReadComplete();
                    }
                });
    }

    /**
     * One connection attempt, as the source link, the RDB transfer and the stream see it: what this
     * syncer asks of the source and makes of its answers, as a replica would.
     */
    private final class Attempt implements UpstreamLink.Owner, TransferDecoder.Listener, SourceStream.Owner {
        private final long id;
        private ReplicationId replid; // a full sync's, from +FULLRESYNC
        private long offset;

        Attempt(long id) {
            this.id = id;
        }

        /** +FULLRESYNC: the RDB that follows starts the history {@code replid} at {@code offset}. */
        Attempt fullSync(ReplicationId replid, long offset) {
            this.replid = replid;
            this.offset = offset;
            return this;
        }

        @Override
        public Handshake.Settings settings() {
            // Announced as "syncer:<id>" (port 0: it listens nowhere), so the source's INFO
            // replication and sync log tell a syncer apart from a replica.
            return new Handshake.Settings(spec.sourceAuth(), null, 0, ANNOUNCE_PREFIX + spec.id());
        }

        @Override
        public byte[][] psync() {
            Checkpoints.Checkpoint cp = checkpoints.latest();
            return Handshake.psync(cp == null ? null : cp.replid(), cp == null ? 0 : cp.offset(), false);
        }

        @Override
        public void opened() {
            phase(SyncerPhase.HANDSHAKE);
            progress.phase("handshake", now());
        }

        @Override
        public void psyncSent() {
            progress.phase("psync", now());
        }

        @Override
        public void psyncReply(PsyncReply reply) {
            Syncer.this.psyncReply(id, reply);
        }

        @Override
        public void connectFailed(String message) {
            fail("cannot connect to the source: " + message, cause);
        }

        @Override
        public void handshakeFailed(String reason) {
            fail(reason, cause);
        }

        @Override
        public void ioError(Throwable error) {
            log.info("Syncer {}: error on the link with the source: {}", spec.id(), error.toString());
        }

        @Override
        public void closed() {
            fail("connection to the source lost", phase == SyncerPhase.STREAMING ? SyncCause.LINK_DROP : cause);
        }

        @Override
        public void io(long payloadBytes) {
            tally.ingress(payloadBytes);
            progress.addBytes(payloadBytes);
        }

        @Override
        public void header(long size) {
            progress.bytesTotal(size);
        }

        @Override
        public void complete(Path file, long size, boolean eofMark) {
            if (id != attempt) {
                return;
            }
            source.channel().config().setAutoRead(false); // the stream waits until the states are merged
            phase(SyncerPhase.MERGING);
            progress.phase("load", now());
            SnapshotRead.inBackground(file, clock, background, loop,
                    loaded -> whenCurrent(id, () -> merge(id, loaded, replid, offset, eofMark)),
                    e -> whenCurrent(id, () -> fail("cannot read the source's RDB: " + e.getMessage(), cause)));
        }

        @Override
        public void failed(String reason) {
            whenCurrent(id, () -> fail(reason, cause));
        }

        @Override
        public boolean current(long id) {
            return id == attempt;
        }

        @Override
        public void ingress(int bytes) {
            tally.ingress(bytes);
            source.touch();
        }

        @Override
        public void sendAck(long offset) {
            Syncer.this.sendAck(offset);
        }

        @Override
        public void refused(String error) {
            fail("local primary refused CRDT.APPLY: " + error, SyncCause.LOCAL_FAILOVER);
        }

        @Override
        public void applied(long sourceMillis) {
            tally.applied(now(), sourceMillis);
        }

        @Override
        public Channel source() {
            return source.channel();
        }

        @Override
        public LocalSink sink() {
            return sink;
        }
    }

    private void psyncReply(long id, PsyncReply reply) {
        Checkpoints.Checkpoint cp = checkpoints.latest();
        switch (reply.kind()) {
            case WAIT -> { } // keepalive newline before the reply
            case CONTINUE -> {
                String replid = cp.replid();
                if (reply.replid() != null && !reply.replid().matches(cp.replid())) {
                    replid = reply.replid().hex();
                    checkpoints.append(replid, cp.offset()); // the source failed over: a new history
                    if (cause != SyncCause.RESTART) {
                        cause = SyncCause.FAILOVER;
                    }
                    progress.cause(cause);
                }
                log.info("Syncer {}: partial sync from {} at offset {}", spec.id(), replid, cp.offset() + 1);
                progress.type("partial");
                progress.target(replid, cp.offset() + 1);
                startStream(cp.offset());
                synced("partial");
            }
            case FULLRESYNC -> {
                if (reply.malformed()) {
                    fail("malformed +FULLRESYNC", cause);
                    return;
                }
                if (cp != null) {
                    progress.cause(SyncCause.PARTIAL_REFUSED);
                    progress.detail("after " + cause.wire());
                    cause = SyncCause.PARTIAL_REFUSED;
                }
                log.info("Syncer {}: full sync from {}:{}", spec.id(), reply.replid(), reply.offset());
                progress.type("full");
                progress.target(reply.replid().hex(), reply.offset());
                progress.phase("transfer", now());
                phase(SyncerPhase.RECEIVING_RDB);
                Path file = spec.tempDir().resolve("syncer-" + spec.id().replaceAll("[^A-Za-z0-9.-]", "_")
                        + "-" + id + ".rdb");
                source.toTransfer(file, live.fullSync(reply.replid(), reply.offset()));
            }
            default -> fail("source answered PSYNC with " + reply.text(), cause);
        }
    }

    // ---- full sync: the RDB and its states ---------------------------------------------------

    /** Joins every key's state (and tombstone) into the local primary, then follows the stream. */
    private void merge(long id, SnapshotStates.Content content, ReplicationId replid, long offset, boolean eofMark) {
        progress.phase("merge", now());
        List<SnapshotStates.Entry> all = content.entries();
        Runnable done = () -> {
            checkpoints.append(replid.hex(), offset);
            saveCheckpoints();
            startStream(offset);
            if (eofMark) {
                sendAck(offset); // a diskless source streams only after the first ACK
            }
            source.channel().config().setAutoRead(true);
            synced("full");
        };
        if (all.isEmpty()) {
            done.run();
            return;
        }
        sink.mergeAll(all, () -> whenCurrent(id, done),
                error -> whenCurrent(id, () -> fail("local primary refused CRDT.MERGE: " + error, cause)));
    }

    // ---- the stream ---------------------------------------------------------------------------

    private void startStream(long offset) {
        stream = new SourceStream(live, attempt, spec.source(), spec.id(), offset);
        source.toStream(new StreamApplier(stream, source.channel().alloc(), offset));
    }

    private void synced(String type) {
        progress.phase("stream", now());
        events.record(progress, "ok", now());
        progress = null;
        tally.synced(type, cause);
        cause = SyncCause.LINK_DROP;
        backoffMs = 100;
        phase(SyncerPhase.STREAMING);
    }

    private void sendAck(long offset) {
        if (source != null && source.channel().isActive()) {
            Channel ch = source.channel();
            ch.writeAndFlush(RespEncoding.encode(ch.alloc(), RespEncoding.argv("REPLCONF", "ACK", Long.toString(offset))));
        }
    }

    // ---- failures, timers, status ---------------------------------------------------------------

    /** Abandons this attempt; both connections close and the syncer reconnects after a backoff. */
    private void fail(String reason, SyncCause nextCause) {
        if (!running) {
            return;
        }
        log.info("Syncer {}: {}; reconnecting", spec.id(), reason);
        teardown("failed: " + reason);
        cause = nextCause;
        phase(SyncerPhase.WAITING);
        reconnect = loop.schedule(this::connect, backoffMs, TimeUnit.MILLISECONDS);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }

    private void teardown(String outcome) {
        attempt++;
        if (phase == SyncerPhase.STREAMING && stream != null) {
            checkpoints.advance(stream.ackedOffset());
        }
        if (progress != null) {
            if (source != null && source.state().ordinal() >= ReplState.RECEIVE_PSYNC_REPLY.ordinal()) {
                events.record(progress, outcome, now());
            }
            progress = null;
        }
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
        if (source != null) {
            source.close();
            source = null;
        }
        if (sink != null) {
            sink.close();
            sink = null;
        }
        stream = null;
        saveCheckpoints();
    }

    /** Every 100 ms: status; every second: ACK, checkpoint file, timeouts (as a replica's cron). */
    private void cron() {
        if (phase == SyncerPhase.STREAMING && stream != null) {
            checkpoints.advance(stream.ackedOffset());
        }
        if (++cronTicks % 10 == 0) {
            long now = now();
            if (phase == SyncerPhase.STREAMING && stream != null) {
                sendAck(stream.ackedOffset());
                if (now - source.lastIoMs() > STREAM_TIMEOUT_MS) {
                    fail("no data from the source for " + STREAM_TIMEOUT_MS / 1000 + " s", SyncCause.LINK_DROP);
                }
            } else if ((phase == SyncerPhase.CONNECTING || phase == SyncerPhase.HANDSHAKE || phase == SyncerPhase.RECEIVING_RDB)
                    && source != null && now - source.lastIoMs() > HANDSHAKE_TIMEOUT_MS) {
                fail("timeout in phase " + phase.label(), cause);
            }
            saveCheckpoints();
        }
        publish();
    }

    private void saveCheckpoints() {
        checkpoints.saveOrWarn(spec.id());
    }

    private void publish() {
        status = tally.status(spec, phase, now() - phaseSinceMs, stream, checkpoints, now());
    }
}
