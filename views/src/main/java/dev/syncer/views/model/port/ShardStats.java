package dev.syncer.views.model.port;

/**
 * Headline figures from INFO stats, memory and keyspace.
 *
 * @param opsPerSec      {@code instantaneous_ops_per_sec}
 * @param inputKbps      {@code instantaneous_input_kbps}
 * @param outputKbps     {@code instantaneous_output_kbps}
 * @param syncFull       {@code sync_full}: full syncs this shard served
 * @param syncPartialOk  {@code sync_partial_ok}
 * @param syncPartialErr {@code sync_partial_err}
 * @param usedMemory     {@code used_memory} in bytes
 * @param keys           total {@code keys=} over the keyspace lines
 * @param refused        Active-Active effects it refused
 */
public record ShardStats(double opsPerSec, double inputKbps, double outputKbps, long syncFull,
                         long syncPartialOk, long syncPartialErr, long usedMemory, long keys, RefusedEffects refused) {

    public static final ShardStats NONE = new ShardStats(0, 0, 0, 0, 0, 0, 0, 0);

    /** A shard that refused no effect (outside Active-Active, or none so far). */
    public ShardStats(double opsPerSec, double inputKbps, double outputKbps, long syncFull,
                      long syncPartialOk, long syncPartialErr, long usedMemory, long keys) {
        this(opsPerSec, inputKbps, outputKbps, syncFull, syncPartialOk, syncPartialErr, usedMemory, keys, RefusedEffects.NONE);
    }
}
