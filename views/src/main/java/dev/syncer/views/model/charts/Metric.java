package dev.syncer.views.model.charts;

/** What a live chart can plot, per shard and per syncer. */
public enum Metric {
    /** {@code master_repl_offset} (a syncer: its checkpoint offset). */
    OFFSET("Replication offset", "bytes"),
    /** How far behind its upstream a replica or syncer is, in bytes. */
    LAG_BYTES("Lag (bytes)", "bytes"),
    /**
     * How far behind in time: for a replica, seconds since its last ACK as its upstream counts
     * them (the link's "ack N s"); a syncer's own lag.
     */
    LAG_MS("Lag (ms)", "ms"),
    /** {@code instantaneous_ops_per_sec}. */
    OPS_PER_SEC("Operations / s", "ops/s"),
    /** How fast the replication stream grows (a syncer: how fast it reads). */
    STREAM_BYTES_PER_SEC("Stream bytes / s", "bytes/s"),
    /** {@code repl_backlog_histlen}: bytes the backlog holds (it stops growing at its size). */
    BACKLOG_USED("Backlog used", "bytes"),
    /**
     * Seconds of writes at the current rate before the most lagging reader's offset leaves the
     * backlog (with no reader: before the oldest byte it holds now is dropped), capped at
     * {@link #RUNWAY_CAP_SECONDS} — a % of the size saturates at 100 once the backlog is full.
     */
    BACKLOG_RUNWAY("Backlog runway", "s");

    /** Runways longer than this are drawn at it: an idle shard's is infinite. */
    public static final double RUNWAY_CAP_SECONDS = 3600;

    private final String label;
    private final String unit;

    Metric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    @Override
    public String toString() {
        return label;
    }
}
