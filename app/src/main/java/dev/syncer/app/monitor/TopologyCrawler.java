package dev.syncer.app.monitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Discovers a whole replication tree from one seed server: down through each server's replicas
 * (the slaveN lines of INFO replication) and up through master_host/master_port, as far as it
 * reaches, chained replicas included.
 */
public final class TopologyCrawler {

    /** A bound on what one crawl visits, so a misconfigured deployment cannot run it away. */
    public static final int MAX_SERVERS = 256;

    private TopologyCrawler() {
    }

    /** Every server reachable from the seed, with what the probe said about it (null when unreachable). */
    public static Map<Target, ReplicationState> crawl(Target seed, Function<Target, ReplicationState> probe) {
        Map<Target, ReplicationState> found = new LinkedHashMap<>();
        Deque<Target> queue = new ArrayDeque<>();
        queue.add(seed);
        while (!queue.isEmpty() && found.size() < MAX_SERVERS) {
            Target t = queue.poll();
            if (found.containsKey(t)) {
                continue;
            }
            ReplicationState state = probe.apply(t);
            found.put(t, state);
            if (state == null) {
                continue;
            }
            if (!state.primary() && state.masterHost() != null && state.masterPort() > 0) {
                queue.add(t.at(state.masterHost(), state.masterPort()));
            }
            for (ReplicationState.Replica r : state.replicas()) {
                if (r.port() > 0) {
                    queue.add(t.at(r.ip(), r.port()));
                }
            }
        }
        return found;
    }
}
