package dev.syncer.app.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * What INFO replication says about one server, typed: its role, replication IDs and offsets, its
 * backlog, and either its primary link (as a replica) or its replicas (as a primary, or a replica
 * with sub-replicas).
 */
public record ReplicationState(
        boolean primary,
        String replid,
        String replid2,
        long masterReplOffset,
        long secondReplOffset,
        boolean backlogActive,
        long backlogSize,
        long backlogFirstByteOffset,
        long backlogHistlen,
        String masterHost,
        int masterPort,
        String linkStatus,
        long lastIoSecondsAgo,
        boolean syncInProgress,
        long syncTotalBytes,
        long syncReadBytes,
        long replicaOffset,
        String failoverState,
        List<Replica> replicas) {

    /** One slaveN line: a replica as its primary sees it. */
    public record Replica(String ip, int port, String state, long offset, long lagSeconds) {
    }

    public static ReplicationState from(InfoFields info) {
        boolean primary = !"slave".equals(info.get("role"));
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; info.has("slave" + i); i++) {
            InfoFields p = InfoFields.parts(info.get("slave" + i));
            replicas.add(new Replica(p.get("ip", "?"), (int) p.getLong("port", 0), p.get("state", "?"),
                    p.getLong("offset", 0), p.getLong("lag", 0)));
        }
        return new ReplicationState(
                primary,
                info.get("master_replid", ""),
                info.get("master_replid2", ""),
                info.getLong("master_repl_offset", 0),
                info.getLong("second_repl_offset", -1),
                info.getLong("repl_backlog_active", 0) == 1,
                info.getLong("repl_backlog_size", 0),
                info.getLong("repl_backlog_first_byte_offset", 0),
                info.getLong("repl_backlog_histlen", 0),
                info.get("master_host"),
                (int) info.getLong("master_port", 0),
                info.get("master_link_status", primary ? "" : "down"),
                info.getLong("master_last_io_seconds_ago", -1),
                info.getLong("master_sync_in_progress", 0) == 1,
                info.getLong("master_sync_total_bytes", -1),
                info.getLong("master_sync_read_bytes", 0),
                info.getLong("slave_repl_offset", -1),
                info.get("master_failover_state", "no-failover"),
                List.copyOf(replicas));
    }

    /** The last offset the backlog holds (first byte + histlen - 1), or -1 without a backlog. */
    public long backlogLastOffset() {
        return backlogActive ? backlogFirstByteOffset + backlogHistlen - 1 : -1;
    }
}
