package dev.syncer.engine.syncer;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbReader;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.RespEncoding;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.replication.replica.Handshake;
import dev.syncer.engine.replication.replica.LinkPipeline;
import dev.syncer.engine.replication.replica.PsyncReply;
import dev.syncer.engine.replication.replica.ReplState;
import dev.syncer.engine.replication.replica.ReplyLineDecoder;
import dev.syncer.engine.replication.replica.StreamApplier;
import dev.syncer.engine.replication.replica.TransferDecoder;
import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.syncer.crdt.Hlc;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Active-Active syncer: it brings one source cluster's writes of a database into the local
 * (target) cluster's instance. It is a replica of the source as far as the source can tell — it
 * connects to the source's database proxy, handshakes (PING, AUTH, REPLCONF capa eof capa psync2),
 * asks {@code PSYNC <replid> <offset+1>} from its {@link Checkpoints} (or {@code PSYNC ? -1} the
 * first time), acknowledges with REPLCONF ACK every second and on GETACK — and a client of the local
 * primary: it forwards, pipelined, only the {@code CRDT.APPLY}s whose origin is the source cluster
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
    private static final int PAUSE_SOURCE_ABOVE = 20_000;

    /**
     * What a syncer connects: {@code sourceAddress} reaches the source cluster's database proxy
     * (the lab puts a fault-injecting link proxy in between), {@code localAddress} the local one.
     */
    public record Spec(String database, String source, String target, InetSocketAddress sourceAddress,
                       InetSocketAddress localAddress, String sourceAuth, Path checkpointFile, Path tempDir) {
        /** "database:source->target". */
        public String id() {
            return database + ":" + source + "->" + target;
        }
    }

    /** Where finished syncs go (the lab: the local primary's SYNCEVENTS log, side syncer). */
    @FunctionalInterface
    public interface EventSink {
        void record(SyncProgress progress, String outcome, long nowMs);
    }

    /** Operator-facing phases. */
    public enum Phase {
        CONNECTING("connecting"), HANDSHAKE("hand shaking"), RECEIVING_RDB("receiving rdb"),
        MERGING("merging snapshot"), STREAMING("syncing stream"), WAITING("waiting to reconnect"),
        STOPPED("stopped");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Spec spec;
    private final EventLoop loop;
    private final Executor background;
    private final EventSink events;
    private final Clock clock;
    private final Checkpoints checkpoints;

    private boolean running;
    private long attempt;
    private Phase phase = Phase.STOPPED;
    private ReplState handshake = ReplState.NONE;
    private Channel source;
    private LocalSink sink;
    private SyncProgress progress;
    private String cause;
    private long phaseSinceMs;
    private long lastIoMs;
    private long backoffMs = 100;
    private ScheduledFuture<?> cron;
    private ScheduledFuture<?> reconnect;
    private long cronTicks;

    // the stream, while syncing
    private int streamDb;
    private long readOffset;    // bytes of the stream received
    private long streamOffset;  // bytes of the stream parsed and dispatched
    private long ackedOffset;   // bytes whose effects the local primary acknowledged
    private int inFlight;       // forwarded commands without a reply yet
    private byte[][] forward;   // the command being dispatched, if it is to be forwarded
    private boolean sourcePaused;

    // what the status shows
    private long ingressBytes;
    private long lastLagMs;
    private long lastReplyMs;
    private String lastSync = "none";
    private String lastCause = "";
    private long fullSyncs;
    private long partialSyncs;
    private volatile SyncerStatus status;

    public Syncer(Spec spec, EventLoop loop, Executor background, EventSink events) {
        this(spec, loop, background, events, Clock.systemUTC());
    }

    public Syncer(Spec spec, EventLoop loop, Executor background, EventSink events, Clock clock) {
        this.spec = spec;
        this.loop = loop;
        this.background = background;
        this.events = events;
        this.clock = clock;
        this.checkpoints = new Checkpoints(spec.checkpointFile());
        publish();
    }

    public Spec spec() {
        return spec;
    }

    public String id() {
        return spec.id();
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
            cause = checkpoints.latest() == null ? "startup" : "restart";
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
            phase = Phase.STOPPED;
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

    private void phase(Phase p) {
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
        phase(Phase.CONNECTING);
        lastIoMs = now();
        progress = new SyncProgress("syncer", cause, spec.sourceAddress().getHostString() + ":"
                + spec.sourceAddress().getPort() + " (" + spec.source() + ")", now());
        progress.phase("connect", now());
        LocalSink.connect(loop, spec.localAddress(), reason -> { if (id == attempt) fail(reason, "local-failover"); },
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
        ChannelFuture f = new Bootstrap().group(loop).channel(Shard.socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(LinkPipeline.LINES, new ReplyLineDecoder(line -> onLine(id, line)));
                        ch.pipeline().addLast("flush", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelReadComplete(ChannelHandlerContext ctx) {
                                if (sink != null && id == attempt) {
                                    sink.flush(); // one flush per read: the pipelined writes go out together
                                }
                                ctx.fireChannelReadComplete();
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                log.warn("Syncer {}: error on the link with the source: {}", spec.id(), cause.toString());
                                ctx.close();
                            }
                        });
                    }
                })
                .connect(spec.sourceAddress());
        source = f.channel();
        f.channel().closeFuture().addListener(c -> {
            if (id == attempt) {
                fail("connection to the source lost", phase == Phase.STREAMING ? "link-drop" : cause);
            }
        });
        f.addListener(done -> {
            if (id != attempt) {
                return;
            }
            if (!done.isSuccess()) {
                fail("cannot connect to the source: " + done.cause().getMessage(), cause);
                return;
            }
            phase(Phase.HANDSHAKE);
            progress.phase("handshake", now());
            Handshake.Step step = Handshake.connected();
            send(step);
        });
    }

    private void send(Handshake.Step step) {
        handshake = step.next();
        for (byte[][] argv : step.send()) {
            source.write(RespEncoding.encode(source.alloc(), argv));
        }
        source.flush();
        if (handshake == ReplState.SEND_PSYNC) {
            Checkpoints.Checkpoint cp = checkpoints.latest();
            byte[][] psync = Handshake.psync(cp == null ? null : cp.replid(), cp == null ? 0 : cp.offset(), false);
            source.writeAndFlush(RespEncoding.encode(source.alloc(), psync));
            handshake = ReplState.RECEIVE_PSYNC_REPLY;
            progress.phase("psync", now());
        }
    }

    private void onLine(long id, String line) {
        if (id != attempt) {
            return;
        }
        lastIoMs = now();
        if (handshake == ReplState.RECEIVE_PSYNC_REPLY) {
            psyncReply(id, PsyncReply.parse(line));
            return;
        }
        Handshake.Step step = Handshake.onReply(handshake, line,
                // Announced as "syncer:<id>" (port 0: it listens nowhere), so the source's INFO
                // replication and sync log tell a syncer apart from a replica.
                new Handshake.Settings(spec.sourceAuth(), null, 0, ANNOUNCE_PREFIX + id()));
        if (step.abort()) {
            fail(step.log(), cause);
        } else {
            send(step);
        }
    }

    private void psyncReply(long id, PsyncReply reply) {
        Checkpoints.Checkpoint cp = checkpoints.latest();
        switch (reply.kind()) {
            case WAIT -> {
                // keepalive newline before the reply
            }
            case CONTINUE -> {
                String replid = cp.replid();
                if (reply.replid() != null && !reply.replid().matches(cp.replid())) {
                    replid = reply.replid().hex();
                    checkpoints.append(replid, cp.offset()); // the source failed over: a new history
                    if (!"restart".equals(cause)) {
                        cause = "failover";
                    }
                    progress.cause(cause);
                }
                log.info("Syncer {}: partial sync from {} at offset {}", spec.id(), replid, cp.offset() + 1);
                progress.type("partial");
                progress.target(replid, cp.offset() + 1);
                startStream(LinkPipeline.LINES, cp.offset());
                synced("partial");
            }
            case FULLRESYNC -> {
                if (reply.malformed()) {
                    fail("malformed +FULLRESYNC", cause);
                    return;
                }
                if (cp != null) {
                    progress.cause("partial-refused (" + cause + ")");
                    cause = "partial-refused";
                }
                log.info("Syncer {}: full sync from {}:{}", spec.id(), reply.replid(), reply.offset());
                progress.type("full");
                progress.target(reply.replid().hex(), reply.offset());
                progress.phase("transfer", now());
                phase(Phase.RECEIVING_RDB);
                Path file = spec.tempDir().resolve("syncer-" + spec.id().replaceAll("[^A-Za-z0-9.-]", "_")
                        + "-" + id + ".rdb");
                LinkPipeline.toTransfer(source, new TransferDecoder(file, new Transfer(id, reply.replid(), reply.offset())));
            }
            default -> fail("source answered PSYNC with " + reply.text(), cause);
        }
    }

    // ---- full sync: the RDB and its states ---------------------------------------------------

    /** The RDB transfer of one attempt. */
    private final class Transfer implements TransferDecoder.Listener {
        private final long id;
        private final ReplicationId replid;
        private final long offset;

        Transfer(long id, ReplicationId replid, long offset) {
            this.id = id;
            this.replid = replid;
            this.offset = offset;
        }

        @Override
        public void io(long payloadBytes) {
            lastIoMs = now();
            ingressBytes += payloadBytes;
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
            source.config().setAutoRead(false); // the stream waits until the states are merged
            phase(Phase.MERGING);
            progress.phase("load", now());
            background.execute(() -> {
                SnapshotStates.Content content = null;
                Exception failure = null;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    content = SnapshotStates.read(new RdbReader(in, true).read(new Keyspace(16, clock), false));
                } catch (Exception e) {
                    failure = e;
                } finally {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // a stale temporary file is harmless
                    }
                }
                SnapshotStates.Content loaded = content;
                Exception failed = failure;
                loop.execute(() -> {
                    if (id != attempt) {
                        return;
                    }
                    if (failed != null) {
                        fail("cannot read the source's RDB: " + failed.getMessage(), cause);
                    } else {
                        merge(id, loaded, replid, offset, eofMark);
                    }
                });
            });
        }

        @Override
        public void failed(String reason) {
            if (id == attempt) {
                fail(reason, cause);
            }
        }
    }

    /** Joins every key's state (and tombstone) into the local primary, then follows the stream. */
    private void merge(long id, SnapshotStates.Content content, ReplicationId replid, long offset, boolean eofMark) {
        progress.phase("merge", now());
        List<SnapshotStates.Entry> all = new java.util.ArrayList<>(content.states());
        all.addAll(content.tombstones());
        Runnable done = () -> {
            checkpoints.append(replid.hex(), offset);
            saveCheckpoints();
            startStream(LinkPipeline.TRANSFER, offset);
            if (eofMark) {
                sendAck(offset); // a diskless source streams only after the first ACK
            }
            source.config().setAutoRead(true);
            synced("full");
        };
        if (all.isEmpty()) {
            done.run();
            return;
        }
        int[] left = {all.size()};
        for (SnapshotStates.Entry e : all) {
            byte[][] argv = {ApplyCommands.MERGE.getBytes(StandardCharsets.US_ASCII), e.key().bytes(), e.state()};
            sink.send(e.db(), argv, reply -> {
                if (id != attempt) {
                    return;
                }
                if (reply instanceof RespReplyParser.Error err) {
                    fail("local primary refused CRDT.MERGE: " + err.message(), cause);
                } else if (--left[0] == 0) {
                    done.run();
                }
            });
        }
        sink.flush();
    }

    // ---- the stream ---------------------------------------------------------------------------

    private void startStream(String currentPhase, long offset) {
        readOffset = offset;
        streamOffset = offset;
        ackedOffset = offset;
        inFlight = 0;
        streamDb = 0;
        forward = null;
        sourcePaused = false;
        LinkPipeline.toStream(source, currentPhase, new StreamApplier(new StreamTarget(attempt), source.alloc(), offset));
    }

    private void synced(String type) {
        progress.phase("stream", now());
        events.record(progress, "ok", now());
        progress = null;
        lastSync = type;
        lastCause = cause;
        if ("full".equals(type)) {
            fullSyncs++;
        } else {
            partialSyncs++;
        }
        cause = "link-drop";
        backoffMs = 100;
        phase(Phase.STREAMING);
    }

    /** What the stream's commands do here. */
    private final class StreamTarget implements StreamApplier.Target {
        private final long id;

        StreamTarget(long id) {
            this.id = id;
        }

        @Override
        public void read(int bytes) {
            ingressBytes += bytes;
            readOffset += bytes;
            lastIoMs = now();
        }

        @Override
        public boolean apply(byte[][] argv, long offsetBefore) {
            forward = null;
            if (argv.length >= 2 && is(argv[0], "REPLCONF") && is(argv[1], "GETACK")) {
                sendAck(ackedOffset);
            } else if (argv.length == 2 && is(argv[0], "SELECT")) {
                streamDb = Integer.parseInt(new String(argv[1], StandardCharsets.US_ASCII));
            } else if (spec.source().equals(ActiveActive.originOf(argv))) {
                forward = argv;
            }
            return false; // never hold bytes for a MULTI block: each delta stands on its own
        }

        @Override
        public void applied(ByteBuf bytes) {
            if (id != attempt) {
                return;
            }
            long end = streamOffset + bytes.readableBytes();
            streamOffset = end;
            if (forward == null) {
                if (inFlight == 0) {
                    ackedOffset = end;
                }
                return;
            }
            long ts = Long.parseLong(new String(forward[2], StandardCharsets.US_ASCII));
            byte[][] argv = forward;
            forward = null;
            inFlight++;
            sink.send(streamDb, argv, reply -> replied(id, end, ts, reply));
            if (inFlight > PAUSE_SOURCE_ABOVE && !sourcePaused) {
                sourcePaused = true;
                source.config().setAutoRead(false);
            }
        }

        @Override
        public void protocolError(String reason) {
            log.warn("Syncer {}: protocol error from the source: {}", spec.id(), reason);
            source.close();
        }
    }

    private void replied(long id, long end, long ts, Object reply) {
        if (id != attempt) {
            return;
        }
        if (reply instanceof RespReplyParser.Error err) {
            fail("local primary refused CRDT.APPLY: " + err.message(), "local-failover");
            return;
        }
        inFlight--;
        ackedOffset = inFlight == 0 ? streamOffset : end;
        lastReplyMs = now();
        lastLagMs = Math.max(0, lastReplyMs - Hlc.millisOf(ts));
        if (sourcePaused && inFlight < PAUSE_SOURCE_ABOVE / 4) {
            sourcePaused = false;
            source.config().setAutoRead(true);
        }
    }

    private void sendAck(long offset) {
        if (source != null && source.isActive()) {
            source.writeAndFlush(RespEncoding.encode(source.alloc(), RespEncoding.argv("REPLCONF", "ACK", Long.toString(offset))));
        }
    }

    private static boolean is(byte[] arg, String word) {
        return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
    }

    // ---- failures, timers, status ---------------------------------------------------------------

    /** Abandons this attempt; both connections close and the syncer reconnects after a backoff. */
    private void fail(String reason, String nextCause) {
        if (!running) {
            return;
        }
        log.info("Syncer {}: {}; reconnecting", spec.id(), reason);
        teardown("failed: " + reason);
        cause = nextCause;
        phase(Phase.WAITING);
        reconnect = loop.schedule(this::connect, backoffMs, TimeUnit.MILLISECONDS);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }

    private void teardown(String outcome) {
        attempt++;
        if (phase == Phase.STREAMING) {
            checkpoints.advance(ackedOffset);
        }
        if (progress != null) {
            if (handshake == ReplState.RECEIVE_PSYNC_REPLY || phase == Phase.RECEIVING_RDB || phase == Phase.MERGING) {
                events.record(progress, outcome, now());
            }
            progress = null;
        }
        handshake = ReplState.NONE;
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
        inFlight = 0;
        saveCheckpoints();
    }

    /** Every 100 ms: status; every second: ACK, checkpoint file, timeouts (as a replica's cron). */
    private void cron() {
        if (phase == Phase.STREAMING) {
            checkpoints.advance(ackedOffset);
        }
        if (++cronTicks % 10 == 0) {
            long now = now();
            if (phase == Phase.STREAMING) {
                sendAck(ackedOffset);
                if (now - lastIoMs > STREAM_TIMEOUT_MS) {
                    fail("no data from the source for " + STREAM_TIMEOUT_MS / 1000 + " s", "link-drop");
                }
            } else if ((phase == Phase.CONNECTING || phase == Phase.HANDSHAKE || phase == Phase.RECEIVING_RDB)
                    && now - lastIoMs > HANDSHAKE_TIMEOUT_MS) {
                fail("timeout in phase " + phase.label(), cause);
            }
            saveCheckpoints();
        }
        publish();
    }

    private void saveCheckpoints() {
        try {
            checkpoints.save();
        } catch (IOException e) {
            log.warn("Syncer {}: cannot write its checkpoint file: {}", spec.id(), e.toString());
        }
    }

    private void publish() {
        long now = now();
        long lagBytes = phase == Phase.STREAMING ? readOffset - ackedOffset : -1;
        long lagMs = inFlight > 0 ? Math.max(lastLagMs, now - lastReplyMs) : lastLagMs;
        String state;
        if (phase == Phase.STREAMING) {
            state = lagMs < 1000 && inFlight < PAUSE_SOURCE_ABOVE ? "in-sync" : "syncing";
        } else if (phase == Phase.RECEIVING_RDB || phase == Phase.MERGING) {
            state = "syncing";
        } else {
            state = "out-of-sync";
        }
        Checkpoints.Checkpoint cp = checkpoints.latest();
        status = new SyncerStatus(spec.id(), spec.database(), spec.source(), spec.target(), state, phase.label(),
                now - phaseSinceMs, lagMs, lagBytes, ingressBytes, phase == Phase.STREAMING ? ackedOffset : cp == null ? -1 : cp.offset(),
                lastSync, lastCause, fullSyncs, partialSyncs, checkpoints.describe());
    }
}
