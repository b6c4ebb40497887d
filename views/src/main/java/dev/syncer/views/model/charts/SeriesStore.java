package dev.syncer.views.model.charts;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.Runway;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live history of every shard and syncer: one {@link RingSeries} per (subject, metric), fed
 * from snapshots. Memory is bounded twice: each ring has a fixed capacity, and samples closer than
 * {@link #MIN_SPACING_MS} to the previous one are dropped, so the longest window always fits.
 * Series of subjects that left the topology are dropped with them.
 */
public final class SeriesStore {

    /** Samples are kept at most twice a second. */
    public static final long MIN_SPACING_MS = 500;
    /** Enough for the longest window at the densest spacing. */
    public static final int CAPACITY = (int) (TimeWindow.longest().length().toMillis() / MIN_SPACING_MS) + 1;

    private record Key(String subjectId, Metric metric) {
    }

    private final Map<Key, RingSeries> series = new HashMap<>();
    private final Map<String, double[]> previousCounter = new HashMap<>();

    /** Samples every shard and syncer of {@code snapshot} at its {@code takenAt}. */
    public void record(TopologySnapshot snapshot) {
        long t = snapshot.takenAt().toEpochMilli();
        Set<String> alive = new HashSet<>();
        for (ShardInfo s : snapshot.shards()) {
            alive.add(s.id());
            if (!s.state().isUp()) {
                continue;
            }
            var r = s.replication();
            add(s.id(), Metric.OFFSET, t, r.masterReplOffset());
            add(s.id(), Metric.OPS_PER_SEC, t, s.stats().opsPerSec());
            rate(s.id(), t, r.masterReplOffset());
            if (r.backlog().active() && r.backlog().size() > 0) {
                add(s.id(), Metric.BACKLOG_USED, t, r.backlog().histlen());
                add(s.id(), Metric.BACKLOG_RUNWAY, t, runwaySeconds(snapshot, s));
            }
            snapshot.upstreamOf(s).ifPresent(u -> {
                add(s.id(), Metric.LAG_BYTES, t, Math.max(0, u.replication().masterReplOffset() - s.processedOffset()));
                // the same count as the link's "ack N s" label
                add(s.id(), Metric.LAG_MS, t, snapshot.ackLagSeconds(u, s) * 1000.0);
            });
        }
        for (SyncerInfo s : snapshot.syncers()) {
            alive.add(s.id());
            add(s.id(), Metric.LAG_MS, t, s.lagMillis());
            add(s.id(), Metric.LAG_BYTES, t, s.lagBytes());
            s.position().map(Checkpoint::offset).ifPresent(o -> add(s.id(), Metric.OFFSET, t, o));
            rate(s.id(), t, s.ingressBytes());
        }
        series.keySet().removeIf(k -> !alive.contains(k.subjectId()));
        previousCounter.keySet().retainAll(alive);
    }

    /** The thinnest runway on {@code s}'s backlog in seconds of writes, capped. */
    private double runwaySeconds(TopologySnapshot snapshot, ShardInfo s) {
        double rate = writeRate(s.id());
        Runway runway = Runway.of(snapshot, s, rate);
        double seconds = runway.markers().isEmpty()
                ? (rate > 0 ? s.replication().backlog().size() / rate : Double.POSITIVE_INFINITY)
                : runway.markers().stream().mapToDouble(Runway.Marker::headroomSeconds).min().orElse(0);
        return Math.max(0, Math.min(Metric.RUNWAY_CAP_SECONDS, seconds));
    }

    /** Bytes per second from a growing counter (an offset, ingress bytes); restarts count as zero. */
    private void rate(String id, long t, double counter) {
        double[] prev = previousCounter.get(id);
        if (prev == null || t - (long) prev[0] >= MIN_SPACING_MS) {
            if (prev != null && t > prev[0]) {
                double r = Math.max(0, counter - prev[1]) * 1000.0 / (t - prev[0]);
                add(id, Metric.STREAM_BYTES_PER_SEC, t, r);
            }
            previousCounter.put(id, new double[] {t, counter});
        }
    }

    private void add(String id, Metric metric, long t, double value) {
        RingSeries ring = series.computeIfAbsent(new Key(id, metric), k -> new RingSeries(CAPACITY));
        RingSeries.Point last = ring.last();
        if (last == null || t - last.time() >= MIN_SPACING_MS) {
            ring.add(t, value);
        }
    }

    /** The series of {@code subjectId}'s {@code metric}, if it has one. */
    public Optional<RingSeries> get(String subjectId, Metric metric) {
        return Optional.ofNullable(series.get(new Key(subjectId, metric)));
    }

    /** The current stream rate in bytes/s of a shard's {@code master_repl_offset}, 0 when unknown. */
    public double writeRate(String shardId) {
        return get(shardId, Metric.STREAM_BYTES_PER_SEC).map(RingSeries::last).map(RingSeries.Point::value).orElse(0.0);
    }

    /** How many series it holds: for tests of the memory bound. */
    public int seriesCount() {
        return series.size();
    }
}
