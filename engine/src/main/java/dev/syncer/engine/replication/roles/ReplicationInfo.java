package dev.syncer.engine.replication.roles;

import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.replication.ReplicationConfig;
import dev.syncer.engine.replication.ReplicationStream;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.replication.primary.ReplicaLink;
import dev.syncer.engine.replication.replica.Divergence;
import dev.syncer.engine.replication.replica.PrimaryLink;
import dev.syncer.engine.replication.replica.ReplState;
import dev.syncer.engine.server.InfoSection;

import java.util.Locale;

/**
 * INFO's replication fields, exactly as Redis 7.0 prints them for either role, the sync counters
 * added to "# Stats", and a "# Sync" section (not in plain INFO) with the syncs in progress.
 */
final class ReplicationInfo {

    private ReplicationInfo() {
    }

    static void install(Replication repl) {
        repl.shard().addInfoSection(InfoSection.of("Replication", true, out -> replication(repl, out)));
        InfoSection stats = repl.shard().infoSections().get("stats");
        if (stats != null) {
            repl.shard().addInfoSection(InfoSection.of(stats.name(), stats.inDefault(), out -> {
                stats.write(out);
                out.field("sync_full", repl.stats().syncFull)
                        .field("sync_partial_ok", repl.stats().syncPartialOk)
                        .field("sync_partial_err", repl.stats().syncPartialErr);
            }));
        }
        repl.shard().addInfoSection(InfoSection.of("Sync", false, out -> sync(repl, out)));
    }

    /** Redis's genRedisInfoString "replication" part. */
    static void replication(Replication repl, InfoSection.InfoWriter out) {
        PrimaryLink link = repl.link();
        ReplicationConfig c = repl.config();
        if (!link.active()) {
            out.field("role", "master");
        } else {
            out.field("role", "slave")
                    .field("master_host", link.host())
                    .field("master_port", link.port())
                    .field("master_link_status", link.connected() ? "up" : "down")
                    .field("master_last_io_seconds_ago", link.lastIoSecondsAgo())
                    .field("master_sync_in_progress", link.state() == ReplState.TRANSFER ? 1 : 0)
                    .field("slave_read_repl_offset", link.readReploff())
                    .field("slave_repl_offset", link.reploff());
            if (link.state() == ReplState.TRANSFER) {
                long size = link.transfer().size();
                long read = link.transfer().read();
                out.field("master_sync_total_bytes", size)
                        .field("master_sync_read_bytes", read)
                        .field("master_sync_left_bytes", size - read)
                        .field("master_sync_perc", String.format(Locale.ROOT, "%.2f", size > 0 ? read * 100.0 / size : 0.0))
                        .field("master_sync_last_io_seconds_ago", link.transferIoSecondsAgo());
            }
            if (!link.connected()) {
                out.field("master_link_down_since_seconds", link.downSinceSeconds());
            }
            Divergence d = link.divergence();
            if (d != null) { // beyond Redis: only while it is so, so a healthy replica lists Redis's fields alone
                out.field("master_link_diverged", 1).field("master_link_diverged_command", d.command())
                        .field("master_link_diverged_offset", d.offset());
            }
            out.field("slave_priority", c.priority())
                    .field("slave_read_only", c.readOnly() ? 1 : 0)
                    .field("replica_announced", c.announced() ? 1 : 0);
        }
        out.field("connected_slaves", repl.replicas().size());
        if (c.minReplicasToWrite() > 0 && c.minReplicasMaxLagSeconds() > 0) {
            out.field("min_slaves_good_slaves", repl.replicas().goodReplicas(c.minReplicasMaxLagSeconds()));
        }
        int i = 0;
        long now = repl.now();
        for (ReplicaLink r : repl.replicas().all()) {
            if (r.ip().isEmpty()) {
                continue;
            }
            long lag = r.state() == ReplicaLink.State.ONLINE ? (now - r.ackTimeMs()) / 1000 : 0;
            out.field("slave" + i++, "ip=" + r.ip() + ",port=" + r.listeningPort() + ",state=" + r.state().info()
                    + ",offset=" + r.ackOffset() + ",lag=" + lag);
        }
        ReplicationStream s = repl.stream();
        Backlog b = s.backlog();
        out.field("master_failover_state", repl.failover().state().info())
                .field("master_replid", s.history().current())
                .field("master_replid2", s.history().replid2())
                .field("master_repl_offset", s.masterReplOffset())
                .field("second_repl_offset", s.history().secondReplOffset())
                .field("repl_backlog_active", b == null ? 0 : 1)
                .field("repl_backlog_size", c.backlogSize())
                .field("repl_backlog_first_byte_offset", b == null ? 0 : b.firstByteOffset())
                .field("repl_backlog_histlen", b == null ? 0 : b.histlen());
    }

    /** Our own section: the syncs in progress, in the console's words. */
    static void sync(Replication repl, InfoSection.InfoWriter out) {
        long now = repl.now();
        out.field("sync_in_progress", repl.events().running().size())
                .field("sync_events_last_seq", repl.events().lastSeq())
                .field("repl_state", repl.link().state().name().toLowerCase(Locale.ROOT));
        int i = 0;
        for (SyncProgress p : repl.events().running()) {
            long total = p.bytesTotal();
            out.field("sync" + i++, "side=" + p.side() + ",type=" + p.type() + ",peer=" + p.peer() + ",phase=" + p.phase()
                    + ",bytes=" + p.bytesDone() + ",total=" + total + ",perc="
                    + String.format(Locale.ROOT, "%.2f", total > 0 ? Math.min(100.0, p.bytesDone() * 100.0 / total) : 0.0)
                    + ",elapsed_ms=" + p.elapsedMs(now));
        }
    }
}
