package dev.syncer.engine.replication;

import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.OutputBufferLimit;

import java.util.Locale;

/**
 * The replication settings, by Redis 7.0's names and defaults (old "slave" names are aliases),
 * with typed accessors. Values are read when used, so CONFIG SET applies live.
 */
public final class ReplicationConfig {

    private final Config config;
    // Read on every command or every propagated write: parsed once per change, not per use.
    private OutputBufferLimit replicaOutputLimit;
    private int minReplicasToWrite;
    private long minReplicasMaxLag;
    private boolean serveStaleData;

    public ReplicationConfig(Config config) {
        this.config = config;
        config.watch("client-output-buffer-limit", v -> replicaOutputLimit = OutputBufferLimit.replicaClass(v));
        config.watch("min-replicas-to-write", v -> minReplicasToWrite = Integer.parseInt(v));
        config.watch("min-replicas-max-lag", v -> minReplicasMaxLag = Long.parseLong(v));
        config.watch("replica-serve-stale-data", v -> serveStaleData = "yes".equals(v));
    }

    /** Adds every replication parameter to a configuration. */
    public static void define(Config c) {
        c.define("replicaof", "", ReplicationConfig::replicaOf, false);
        c.alias("slaveof", "replicaof");
        c.define("repl-diskless-sync", "yes", Config::yesNo, true);
        c.define("repl-diskless-sync-delay", "5", ReplicationConfig::nonNegative, true);
        c.define("repl-diskless-sync-max-replicas", "0", ReplicationConfig::nonNegative, true);
        c.define("repl-diskless-load", "disabled", ReplicationConfig::disklessLoad, true);
        c.define("dual-channel-replication-enabled", "no", Config::yesNo, true); // Valkey 8
        c.define("repl-ping-replica-period", "10", ReplicationConfig::positive, true);
        c.alias("repl-ping-slave-period", "repl-ping-replica-period");
        c.define("repl-timeout", "60", ReplicationConfig::positive, true);
        c.define("repl-backlog-size", "1mb", s -> Long.toString(Math.max(Backlog.MIN_SIZE, Config.parseMemory(s))), true);
        c.define("repl-backlog-ttl", "3600", ReplicationConfig::nonNegative, true);
        // Redis waits up to this many seconds at SHUTDOWN for lagging replicas; a shard's
        // SHUTDOWN does not wait (as Redis with 0), so the value is only kept
        c.define("shutdown-timeout", "10", ReplicationConfig::nonNegative, true);
        c.define("min-replicas-to-write", "0", ReplicationConfig::nonNegative, true);
        c.alias("min-slaves-to-write", "min-replicas-to-write");
        c.define("min-replicas-max-lag", "10", ReplicationConfig::nonNegative, true);
        c.alias("min-slaves-max-lag", "min-replicas-max-lag");
        c.define("replica-read-only", "yes", Config::yesNo, true);
        c.alias("slave-read-only", "replica-read-only");
        c.define("replica-serve-stale-data", "yes", Config::yesNo, true);
        c.alias("slave-serve-stale-data", "replica-serve-stale-data");
        c.define("replica-priority", "100", ReplicationConfig::nonNegative, true);
        c.alias("slave-priority", "replica-priority");
        c.define("replica-announced", "yes", Config::yesNo, true);
        c.define("replica-announce-ip", "", s -> s.trim(), true);
        c.alias("slave-announce-ip", "replica-announce-ip");
        c.define("replica-announce-port", "0", ReplicationConfig::nonNegative, true);
        c.alias("slave-announce-port", "replica-announce-port");
        c.define("repl-disable-tcp-nodelay", "no", Config::yesNo, true);
        // Redis's values, and "stop" (this project's default): a command the replica cannot apply
        // ends the link, so nothing downstream believes it is in sync (Redis's default is ignore)
        c.define("propagation-error-behavior", "stop", ReplicationConfig::propagationErrorBehavior, true);
        c.define("client-output-buffer-limit", OutputBufferLimit.DEFAULT, OutputBufferLimit::normalise, true);
    }

    public boolean disklessSync() {
        return config.getBoolean("repl-diskless-sync");
    }

    /** Valkey 8's dual-channel full sync: the RDB on a second connection while the stream flows. */
    public boolean dualChannel() {
        return config.getBoolean("dual-channel-replication-enabled");
    }

    public long disklessSyncDelayMillis() {
        return config.getLong("repl-diskless-sync-delay") * 1000;
    }

    public int disklessSyncMaxReplicas() {
        return (int) config.getLong("repl-diskless-sync-max-replicas");
    }

    public long pingPeriodSeconds() {
        return config.getLong("repl-ping-replica-period");
    }

    public long timeoutMillis() {
        return config.getLong("repl-timeout") * 1000;
    }

    public int backlogSize() {
        return (int) Math.min(Integer.MAX_VALUE - 8, config.getLong("repl-backlog-size"));
    }

    public long backlogTtlMillis() {
        return config.getLong("repl-backlog-ttl") * 1000;
    }

    public int minReplicasToWrite() {
        return minReplicasToWrite;
    }

    public long minReplicasMaxLagSeconds() {
        return minReplicasMaxLag;
    }

    public boolean readOnly() {
        return config.getBoolean("replica-read-only");
    }

    public boolean serveStaleData() {
        return serveStaleData;
    }

    public String priority() {
        return config.get("replica-priority");
    }

    public boolean announced() {
        return config.getBoolean("replica-announced");
    }

    public String announceIp() {
        return config.get("replica-announce-ip");
    }

    public int announcePort() {
        return (int) config.getLong("replica-announce-port");
    }

    public String masterAuth() {
        return config.get("masterauth");
    }

    public String masterUser() {
        return config.get("masteruser");
    }

    public OutputBufferLimit replicaOutputLimit() {
        return replicaOutputLimit;
    }

    /** "host port" given at start-up (--replicaof), or null. */
    public String[] replicaOf() {
        String v = config.get("replicaof").trim();
        return v.isEmpty() ? null : v.split("\\s+");
    }

    public String dir() {
        return config.get("dir");
    }

    public int databases() {
        return (int) config.getLong("databases");
    }

    private static String replicaOf(String s) {
        String v = s.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("no one")) {
            return "";
        }
        String[] parts = v.split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("replicaof needs a host and a port");
        }
        // as Redis's config loader: any port 0-65535 (REPLICAOF host 0 is accepted; the link then fails)
        long port;
        try {
            port = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid master port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid master port");
        }
        return parts[0] + " " + port;
    }

    private static String propagationErrorBehavior(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("stop") && !v.equals("ignore") && !v.equals("panic") && !v.equals("panic-on-replicas")) {
            throw new IllegalArgumentException("argument(s) must be one of the following: stop, ignore, panic, panic-on-replicas");
        }
        return v;
    }

    private static String disklessLoad(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("disabled") && !v.equals("on-empty-db") && !v.equals("swapdb")) {
            throw new IllegalArgumentException("argument(s) must be one of the following: disabled, on-empty-db, swapdb");
        }
        return v;
    }

    static String positive(String s) {
        String v = Config.integer(s);
        if (Long.parseLong(v) <= 0) {
            throw new IllegalArgumentException("argument must be between 1 and 9223372036854775807 inclusive");
        }
        return v;
    }

    static String nonNegative(String s) {
        String v = Config.integer(s);
        if (Long.parseLong(v) < 0) {
            throw new IllegalArgumentException("argument must be between 0 and 9223372036854775807 inclusive");
        }
        return v;
    }
}
