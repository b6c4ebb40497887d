package dev.syncer.engine.testing;

import dev.syncer.engine.server.InfoText;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Named waits on INFO fields for replication tests, after Redis's own test suite
 * (util.tcl wait_for_sync, wait_for_ofs_sync): they work the same against our shards and a real
 * redis-server, because they only speak RESP.
 */
public final class ReplicationWaits {

    private ReplicationWaits() {
    }

    /** INFO [section] as field → value ("# " headers dropped). */
    public static Map<String, String> info(int port, String... section) {
        try (RespClient c = RespClient.connect(port)) {
            String[] args = new String[section.length + 1];
            args[0] = "INFO";
            System.arraycopy(section, 0, args, 1, section.length);
            return InfoText.fields(RespClient.text(c.call(args)));
        }
    }

    public static String field(int port, String section, String field) {
        return info(port, section).get(field);
    }

    public static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25))
                .ignoreExceptions();
    }

    /** Waits until the INFO field satisfies the condition. */
    public static void awaitField(int port, String section, String field, Predicate<String> condition) {
        await(field + " on port " + port).until(() -> {
            String v = field(port, section, field);
            return v != null && condition.test(v);
        });
    }

    /** wait_for_sync: the replica's link is up (its full or partial sync finished). */
    public static void awaitLinkUp(int replicaPort) {
        awaitField(replicaPort, "replication", "master_link_status", "up"::equals);
    }

    /** wait_for_ofs_sync: the replica applied everything the primary produced so far. */
    public static void awaitInSync(int primaryPort, int replicaPort) {
        await("replica " + replicaPort + " in sync with " + primaryPort).until(() -> {
            Map<String, String> p = info(primaryPort, "replication");
            Map<String, String> r = info(replicaPort, "replication");
            return "up".equals(r.get("master_link_status"))
                    && p.get("master_repl_offset").equals(r.get("master_repl_offset"))
                    && p.get("master_replid").equals(r.get("master_replid"))
                    && onlineAt(p, replicaPort);
        });
    }

    /**
     * Whether the primary lists the replica on this port as online: after a diskless transfer a
     * primary puts it online only on its first ACK, and FAILOVER TO refuses a replica not yet online.
     */
    private static boolean onlineAt(Map<String, String> primaryInfo, int replicaPort) {
        for (Map.Entry<String, String> e : primaryInfo.entrySet()) {
            if (e.getKey().startsWith("slave") && e.getValue().contains("port=" + replicaPort + ",")) {
                return e.getValue().contains("state=online");
            }
        }
        return false;
    }

    /**
     * For a stream that keeps moving: the replica, under the primary's current replid, reached the
     * offset the primary has now (exact equality is rarely seen while writes continue).
     */
    public static void awaitCaughtUp(int primaryPort, int replicaPort) {
        Map<String, String> p = info(primaryPort, "replication");
        long target = Long.parseLong(p.get("master_repl_offset"));
        await("replica " + replicaPort + " caught up with " + primaryPort + " at " + target).until(() -> {
            Map<String, String> r = info(replicaPort, "replication");
            return "up".equals(r.get("master_link_status")) && p.get("master_replid").equals(r.get("master_replid"))
                    && Long.parseLong(r.get("master_repl_offset")) >= target;
        });
    }

    /** DEBUG DIGEST: equal on two servers exactly when they hold the same data (ours computes Redis's). */
    public static String digest(int port) {
        try (RespClient c = RespClient.connect(port)) {
            return RespClient.text(c.call("DEBUG", "DIGEST"));
        }
    }

    public static long statsField(int port, String field) {
        return Long.parseLong(field(port, "stats", field));
    }
}
