package dev.syncer.engine.replication.primary;

import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.ReplicationConfig;
import dev.syncer.engine.replication.SyncProgress;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides when a snapshot starts for replicas that need a full sync, and takes them through it:
 * Redis's startBgsaveForReplication / replicationSetupSlaveForFullResync / updateSlavesWaitingBgsave.
 *
 * <ul>
 *   <li>Disk mode (repl-diskless-sync no, or a replica without {@code capa eof}) starts at once;
 *   replicas arriving while its file is written join that snapshot.</li>
 *   <li>Diskless mode waits repl-diskless-sync-delay seconds (or until
 *   repl-diskless-sync-max-replicas are waiting) so several replicas share one snapshot.</li>
 *   <li>One snapshot at a time, as Redis runs one child.</li>
 * </ul>
 * {@code +FULLRESYNC <replid> <offset>} is sent when the snapshot starts, with the offset recorded
 * in the same loop turn as the snapshot. Loop-confined.
 */
public final class FullSync implements Dump.Listener {

    private static final Logger log = LoggerFactory.getLogger(FullSync.class);

    private final PrimaryContext repl;
    private final RdbChannelSync rdbChannels;
    private Dump running;
    private long dumpSeq;

    public FullSync(PrimaryContext repl) {
        this.repl = repl;
        this.rdbChannels = new RdbChannelSync(repl);
    }

    /** Dual-channel syncs: rdb channels and the main channels that claim them. */
    RdbChannelSync rdbChannels() {
        return rdbChannels;
    }

    /** True while a disk snapshot is being written (its waiting replicas get keepalive newlines). */
    public boolean diskDumpRunning() {
        return running != null && !running.socket() && !running.finished();
    }

    /** True while a snapshot for replicas is being written: a BGSAVE child for Redis (rdb_bgsave_in_progress). */
    public boolean dumpRunning() {
        return running != null && !running.finished();
    }

    /** A replica needs a full sync (its state is WAIT_BGSAVE_START). */
    void request(ReplicaLink link) {
        ReplicationConfig cfg = repl.config();
        if (running != null && !running.finished()) {
            ReplicaLink peer = running.socket() ? null : running.targets.stream()
                    .filter(t -> t.state() == ReplicaLink.State.WAIT_BGSAVE_END).findFirst().orElse(null);
            if (peer != null && (!peer.capaEof() || link.capaEof())) {
                link.copyReferenceFrom(peer);
                setupForFullResync(link, running);
                log.info("Waiting for end of BGSAVE for SYNC");
            } else if (running.socket()) {
                log.info("Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC");
            } else {
                log.info("Can't attach the replica to the current BGSAVE. Waiting for next BGSAVE for SYNC");
            }
        } else if (cfg.disklessSync() && link.capaEof() && cfg.disklessSyncDelayMillis() > 0) {
            log.info("Delay next BGSAVE for diskless SYNC");
        } else {
            startDump();
        }
    }

    /** Every cron tick: start the snapshot replicas are waiting for, when it is time. */
    public void cron() {
        rdbChannels.cron();
        if (running == null && shouldStart()) {
            startDump();
        }
    }

    private boolean shouldStart() {
        ReplicationConfig cfg = repl.config();
        long now = repl.now();
        long maxIdle = -1;
        int waiting = 0;
        for (ReplicaLink link : repl.replicas().all()) {
            if (link.state() == ReplicaLink.State.WAIT_BGSAVE_START) {
                waiting++;
                maxIdle = Math.max(maxIdle, now - link.syncRequestedMs());
            }
        }
        return waiting > 0 && (!cfg.disklessSync()
                || (cfg.disklessSyncMaxReplicas() > 0 && waiting >= cfg.disklessSyncMaxReplicas())
                || maxIdle >= cfg.disklessSyncDelayMillis());
    }

    private void startDump() {
        List<ReplicaLink> waiting = repl.replicas().all().stream()
                .filter(l -> l.state() == ReplicaLink.State.WAIT_BGSAVE_START).toList();
        if (waiting.isEmpty()) {
            return;
        }
        boolean socket = repl.config().disklessSync() && waiting.stream().allMatch(ReplicaLink::capaEof);
        log.info("Starting BGSAVE for SYNC with target: {}", socket ? "replicas sockets" : "disk");
        if (socket) { // Redis's words; the dump is a thread of this process, not a child
            log.info("Background RDB transfer started by pid {}", ProcessHandle.current().pid());
        }
        long offset = repl.stream().masterReplOffset();
        Map<String, String> aux = new LinkedHashMap<>();
        aux.put("repl-stream-db", Integer.toString(repl.replStreamDb()));
        aux.put("repl-id", repl.stream().history().current().hex());
        aux.put("repl-offset", Long.toString(offset));
        Snapshot snapshot = repl.shard().keyspace().beginSnapshot(repl.shard().loop()); // same turn as offset
        Dump dump = socket
                ? new SocketDump(offset, snapshot, aux, repl.shard().loop(), this)
                : new DiskDump(offset, snapshot, aux, repl.shard().loop(), this,
                        Path.of(repl.config().dir(), "temp-repl-" + repl.shard().port() + "-" + (++dumpSeq) + ".rdb"),
                        this::sent);
        dump.extension = repl.rdbExtension(); // same turn as the snapshot: it captures that instant
        dump.functions = repl.rdbFunctions();
        Config config = repl.shard().config(); // the suite slows full syncs down with rdb-key-save-delay
        dump.keySaveDelayMicros = config.has("rdb-key-save-delay") ? config.getLong("rdb-key-save-delay") : 0;
        dump.compression = config.getBoolean("rdbcompression");
        running = dump;
        for (ReplicaLink link : waiting) {
            setupForFullResync(link, dump);
        }
        dump.start(repl.background());
    }

    /** Redis's replicationSetupSlaveForFullResync: +FULLRESYNC now, stream from this instant on. */
    private void setupForFullResync(ReplicaLink link, Dump dump) {
        link.state(ReplicaLink.State.WAIT_BGSAVE_END);
        dump.targets.add(link);
        repl.stream().forceSelect(); // the stream after a full sync starts with SELECT
        SyncProgress p = link.progress();
        if (p != null) {
            p.target(repl.stream().history().current().hex(), dump.offset);
            p.phase(dump.socket() ? "transfer" : "snapshot", repl.now());
        }
        if (link.rdbChannel()) {
            rdbChannels.endOffset(link, dump.offset);
        } else if (!link.legacySync()) {
            Channel ch = link.channel();
            String line = "+FULLRESYNC " + repl.stream().history().current() + " " + dump.offset + "\r\n";
            ch.writeAndFlush(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII), ch.voidPromise());
        }
    }

    @Override
    public void done(Dump dump) {
        running = null;
        if (dump.socket()) {
            // Redis's rdbPipeReadHandler words; here the dump thread, not a fork child, wrote the RDB
            log.info("Diskless rdb transfer, done reading from pipe, {} replicas still up.",
                    dump.targets.stream().filter(l -> l.channel().isActive()).count());
            for (ReplicaLink link : List.copyOf(dump.targets)) {
                log.info("Streamed RDB transfer with replica {} succeeded (socket). Waiting for REPLCONF ACK from "
                        + "slave to enable streaming", link.name());
                putOnline(link);
                link.streamOnAck(true);
                if (link.progress() != null && link.channel().isActive()) {
                    link.progress().phase("wait-ack", repl.now());
                }
            }
        }
        cron(); // replicas that arrived meanwhile may start the next snapshot now
    }

    @Override
    public void failed(Dump dump, Exception cause) {
        running = null;
        if (SocketDump.LAST_REPLICA_DROPPED.equals(cause.getMessage())) {
            log.warn("{}, killing fork child (the dump thread stops).", SocketDump.LAST_REPLICA_DROPPED);
        }
        log.warn("SYNC failed. BGSAVE child returned an error: {}", cause.toString());
        for (ReplicaLink link : List.copyOf(dump.targets)) {
            repl.events().finish(link.progress(), "failed: snapshot error: " + cause.getMessage(), repl.now());
            link.channel().close();
        }
    }

    /** A disk dump finished sending its file to one replica. */
    private void sent(ReplicaLink link, boolean ok) {
        if (ok && link.channel().isActive()) {
            putOnline(link);
            if (!link.rdbOnly()) {
                startStream(link);
            }
        }
    }

    /** Redis's replicaPutOnline; an rdb-only client is done once it has the snapshot. */
    private void putOnline(ReplicaLink link) {
        if (link.rdbChannel()) {
            rdbChannels.transferred(link);
            return;
        }
        if (link.rdbOnly()) {
            log.info("Close the connection with replica {} as RDB transfer is complete", link.name());
            repl.events().finish(link.progress(), "ok", repl.now());
            link.progress(null);
            link.channel().close();
            return;
        }
        link.state(ReplicaLink.State.ONLINE);
        link.ack(link.ackOffset(), repl.now());
        log.info("Synchronization with replica {} succeeded", link.name());
    }

    /** Redis's replicaStartCommandStream: the stream held back since the snapshot goes out. */
    void startStream(ReplicaLink link) {
        link.startStream();
        repl.events().finish(link.progress(), "ok", repl.now());
        link.progress(null);
    }

    /** A replica's connection closed. */
    public void gone(ReplicaLink link) {
        rdbChannels.gone(link);
        if (running != null) {
            running.gone(link);
            if (uselessDump(link)) {
                log.info("Killing the replicas' RDB dump: no replica waits for it any more");
                running.kill();
            }
        }
    }

    /**
     * Redis's freeClient: a disk dump the last waiting replica left is killed, unless save rules are set (then
     * the RDB is wanted anyway, and Redis's one child serves both).
     */
    private boolean uselessDump(ReplicaLink link) {
        return !running.socket() && !running.finished() && link.state() == ReplicaLink.State.WAIT_BGSAVE_END
                && repl.shard().config().get("save").isBlank()
                && running.targets.stream().noneMatch(t -> t.state() == ReplicaLink.State.WAIT_BGSAVE_END);
    }

    /** FLUSHALL: the dump being written is of data that is gone; Redis kills its RDB child, its replicas resync. */
    public void flushedAll() {
        if (running != null && !running.finished()) {
            running.kill();
        }
    }
}
