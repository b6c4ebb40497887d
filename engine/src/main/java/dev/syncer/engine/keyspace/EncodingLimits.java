package dev.syncer.engine.keyspace;

/**
 * The thresholds up to which redis-server keeps a value in its compact encoding (the
 * {@code *-max-listpack-*} and {@code set-max-intset-entries} settings).
 */
public record EncodingLimits(long hashMaxListpackEntries, long hashMaxListpackValue, long setMaxIntsetEntries,
                             long zsetMaxListpackEntries, long zsetMaxListpackValue) {

    /** Redis 7.0's defaults. */
    public static final EncodingLimits DEFAULTS = new EncodingLimits(512, 64, 512, 128, 64);
}
