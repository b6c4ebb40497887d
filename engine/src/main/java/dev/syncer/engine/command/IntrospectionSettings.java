package dev.syncer.engine.command;

import dev.syncer.engine.server.Config;

/**
 * The settings of client-side caching, the slow log, the latency monitor and latency tracking,
 * with Redis 7.0's defaults; defined before the launcher reads its options, so a redis.conf or
 * a command line may set them.
 */
public final class IntrospectionSettings {

    private IntrospectionSettings() {
    }

    /** Adds the settings a configuration lacks (a bare shard's dispatcher calls it too). */
    public static void define(Config c) {
        if (c.has(Tracking.MAX_KEYS)) {
            return;
        }
        c.define(Tracking.MAX_KEYS, "1000000", Config::integer, true);
        c.define(SlowLog.SLOWER_THAN, "10000", Config::integer, true);
        c.define(SlowLog.MAX_LEN, "128", IntrospectionSettings::atLeastZero, true);
        c.define(LatencyMonitor.THRESHOLD, "0", IntrospectionSettings::atLeastZero, true);
        c.define(CommandStats.TRACKING, "yes", Config::yesNo, true);
        c.define(CommandStats.PERCENTILES, "50 99 99.9", CommandStats::percentiles, true);
    }

    private static String atLeastZero(String value) {
        String v = Config.integer(value);
        if (Long.parseLong(v) < 0) {
            throw new IllegalArgumentException("argument must be between 0 and 9223372036854775807 inclusive");
        }
        return v;
    }
}
