package dev.syncer.engine.server;

/**
 * Counters for INFO stats, touched only on the event loop. The instantaneous rates are sampled by
 * the cron as Redis's {@code trackInstantaneousMetric} does: a ring of recent samples, averaged.
 */
public final class Stats {

    public long commandsProcessed;
    public long connectionsReceived;
    public long rejectedConnections;
    public long netInputBytes;
    public long netOutputBytes;
    public long keyspaceHits;
    public long keyspaceMisses;
    public long expiredKeys;
    public long evictedKeys;
    public long evictedClients;
    public long errorReplies;
    /** Errors replied to the primary's stream: commands a replica could not apply (Redis's unexpected_error_replies). */
    public long unexpectedErrorReplies;
    /** Changes to the dataset since start (Redis's server.dirty); save rules count from it. Never reset. */
    public long dirty;

    private static final int SAMPLES = 16;
    private final long[] opsSamples = new long[SAMPLES];
    private final long[] inSamples = new long[SAMPLES];
    private final long[] outSamples = new long[SAMPLES];
    private int sampleIndex;
    private long lastSampleMillis;
    private long lastCommands;
    private long lastIn;
    private long lastOut;

    /** Called by the cron; records per-second rates since the previous call. */
    public void sample(long nowMillis) {
        if (lastSampleMillis != 0) {
            long dt = Math.max(1, nowMillis - lastSampleMillis);
            opsSamples[sampleIndex] = (commandsProcessed - lastCommands) * 1000 / dt;
            inSamples[sampleIndex] = (netInputBytes - lastIn) * 1000 / dt;
            outSamples[sampleIndex] = (netOutputBytes - lastOut) * 1000 / dt;
            sampleIndex = (sampleIndex + 1) % SAMPLES;
        }
        lastSampleMillis = nowMillis;
        lastCommands = commandsProcessed;
        lastIn = netInputBytes;
        lastOut = netOutputBytes;
    }

    public long instantaneousOpsPerSec() {
        return average(opsSamples);
    }

    public long instantaneousInputBytesPerSec() {
        return average(inSamples);
    }

    public long instantaneousOutputBytesPerSec() {
        return average(outSamples);
    }

    private static long average(long[] samples) {
        long sum = 0;
        for (long s : samples) {
            sum += s;
        }
        return sum / samples.length;
    }

    private final java.util.List<Runnable> onReset = new java.util.ArrayList<>();

    /** Counters a component keeps elsewhere (replication's sync counters) are reset with these. */
    public void onReset(Runnable reset) {
        onReset.add(reset);
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        onReset.forEach(Runnable::run);
        commandsProcessed = 0;
        connectionsReceived = 0;
        rejectedConnections = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
        expiredKeys = 0;
        evictedKeys = 0;
        evictedClients = 0;
        errorReplies = 0;
        unexpectedErrorReplies = 0;
    }
}
