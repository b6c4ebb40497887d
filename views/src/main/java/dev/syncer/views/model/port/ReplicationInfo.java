package dev.syncer.views.model.port;

import java.util.List;
import java.util.Optional;

/**
 * The fields of {@code INFO replication}.
 *
 * @param role              {@code role}
 * @param replid            {@code master_replid}: the current history
 * @param replid2           {@code master_replid2}: the history before the last promotion, forty
 *                          zeros when none
 * @param masterReplOffset  {@code master_repl_offset}
 * @param secondReplOffset  {@code second_repl_offset}: {@code replid2} is valid up to this offset;
 *                          -1 when there is no {@code replid2}
 * @param backlog           {@code repl_backlog_*}
 * @param replicas          {@code slave0 … slaveN} (connected replicas in any state)
 * @param upstream          for a replica, the {@code master_*} fields; empty on a primary
 * @param failoverState     {@code master_failover_state}: {@code no-failover},
 *                          {@code waiting-for-sync} or {@code failover-in-progress}
 */
public record ReplicationInfo(Role role,
                             String replid,
                             String replid2,
                             long masterReplOffset,
                             long secondReplOffset,
                             BacklogInfo backlog,
                             List<ConnectedReplica> replicas,
                             Optional<UpstreamLink> upstream,
                             String failoverState) {

    /** INFO's value of {@code master_replid2} when there is no previous history. */
    public static final String NO_REPLID = "0000000000000000000000000000000000000000";

    public ReplicationInfo {
        replicas = List.copyOf(replicas);
    }

    /** Whether {@code replid2} names a real previous history. */
    public boolean hasReplid2() {
        return replid2 != null && !replid2.equals(NO_REPLID) && secondReplOffset >= 0;
    }
}
