package dev.syncer.views.model.prediction;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.port.UpstreamLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A shard's backlog as a runway: the bar {@code [first_byte_offset … master_repl_offset]} with the
 * position of every replica and syncer that reads from it, and how far each can still fall behind
 * before a partial sync becomes impossible.
 *
 * <p>A reader at offset {@code o} resumes with {@code PSYNC replid o+1}, accepted while
 * {@code o+1 >= first_byte_offset}. Once the backlog is full its first byte is
 * {@code master_repl_offset + 1 - size}, so a reader lagging {@code lag} bytes can take
 * {@code size - lag} more bytes of writes; at the current write rate that is its time left.
 *
 * @param first          {@code repl_backlog_first_byte_offset}
 * @param last           {@code master_repl_offset}
 * @param size           {@code repl_backlog_size}
 * @param writeRate      stream bytes per second now (the rate {@code master_repl_offset} grows)
 * @param markers        readers, most endangered first
 */
public record Runway(String shardName, boolean active, long first, long last, long size, double writeRate,
                     List<Marker> markers) {

    /** Below this share of the backlog left, a reader is shown as in danger. */
    public static final double DANGER_SHARE = 0.2;

    /** One reader on the runway. */
    public record Marker(String id, String label, Kind kind, long offset, long headroomBytes, double headroomSeconds,
                         Health health, String note) {

        public enum Kind { REPLICA, SYNCER }

        /** {@code DISCONNECTED}: inside the backlog but not reading now (link down, shard not answering). */
        public enum Health { SAFE, DANGER, LOST, DISCONNECTED }
    }

    /** The runway of {@code shard}, whose {@code master_repl_offset} grows by {@code writeRate} bytes/s. */
    public static Runway of(TopologySnapshot snapshot, ShardInfo shard, double writeRate) {
        BacklogInfo b = shard.replication().backlog();
        long last = shard.replication().masterReplOffset();
        List<Marker> markers = new ArrayList<>();
        for (ShardInfo r : snapshot.replicasOf(shard)) {
            boolean sameHistory = r.replication().replid().equalsIgnoreCase(shard.replication().replid());
            Marker m = marker(r.id(), r.name(), Marker.Kind.REPLICA, r.processedOffset(), sameHistory, b, last, writeRate);
            boolean reading = r.state().isUp() && r.replication().upstream().map(UpstreamLink::linkUp).orElse(false);
            markers.add(reading || m.health() == Marker.Health.LOST ? m : disconnected(m));
        }
        if (shard.isPrimary()) {
            for (SyncerInfo s : snapshot.syncers()) {
                if (s.databaseId().equals(shard.databaseId()) && s.sourceClusterId().equals(shard.clusterId())) {
                    markers.add(syncerMarker(snapshot, s, shard, b, last, writeRate));
                }
            }
        }
        markers.sort(Comparator.comparingLong(Marker::headroomBytes));
        return new Runway(shard.name(), b.active(), b.active() ? b.firstByteOffset() : last + 1, last, b.size(),
                writeRate, List.copyOf(markers));
    }

    private static Marker syncerMarker(TopologySnapshot snapshot, SyncerInfo s, ShardInfo shard, BacklogInfo b,
                                       long last, double writeRate) {
        String label = SyncPredictor.syncerLabel(snapshot, s);
        // The newest checkpoint in this shard's history is where the syncer would resume.
        for (int i = s.checkpoints().size() - 1; i >= 0; i--) {
            Checkpoint c = s.checkpoints().get(i);
            boolean current = c.replid().equalsIgnoreCase(shard.replication().replid());
            boolean previous = c.replid().equalsIgnoreCase(shard.replication().replid2())
                    && c.psyncOffset() <= shard.replication().secondReplOffset();
            if (current || previous) {
                return marker(s.id(), label, Marker.Kind.SYNCER, c.offset(), true, b, last, writeRate);
            }
        }
        return marker(s.id(), label, Marker.Kind.SYNCER, s.position().map(Checkpoint::offset).orElse(0L), false,
                b, last, writeRate);
    }

    /** A reader that is not reading: its place still counts, but it must come back before the runway ends. */
    private static Marker disconnected(Marker m) {
        return new Marker(m.id(), m.label(), m.kind(), m.offset(), m.headroomBytes(), m.headroomSeconds(),
                Marker.Health.DISCONNECTED, "link down: resumes partially if back within "
                + Format.seconds(m.headroomSeconds()) + "; " + m.note());
    }

    private static Marker marker(String id, String label, Marker.Kind kind, long offset, boolean sameHistory,
                                 BacklogInfo b, long last, double writeRate) {
        if (!sameHistory) {
            return new Marker(id, label, kind, offset, 0, 0, Marker.Health.LOST, "other history: needs a full sync");
        }
        // A reader polled after its primary can be ahead of the primary's sampled offset: that is
        // the snapshot's skew, not a reader outside the backlog; it is at the head.
        long at = Math.min(offset, last);
        if (!b.covers(at + 1)) {
            String why = b.active() ? "left the backlog: needs a full sync" : "no backlog: needs a full sync";
            return new Marker(id, label, kind, offset, 0, 0, Marker.Health.LOST, why);
        }
        long lag = last - at;
        // Bytes still to be written before offset+1 falls out: the free space, then the bytes ahead of it.
        long headroom = b.size() - lag;
        double seconds = writeRate > 0 ? headroom / writeRate : Double.POSITIVE_INFINITY;
        Marker.Health health = headroom < b.size() * DANGER_SHARE ? Marker.Health.DANGER : Marker.Health.SAFE;
        String note = Format.bytes(lag) + " behind, " + Format.bytes(headroom) + " to go ("
                + Format.seconds(seconds) + ")";
        return new Marker(id, label, kind, offset, headroom, seconds, health, note);
    }

    /** Where {@code offset} sits on the bar, 0 (first byte) … 1 (current offset). */
    public double position(long offset) {
        if (last <= first) {
            return 1;
        }
        return Math.max(0, Math.min(1, (double) (offset - first) / (last - first)));
    }

    /** How full the backlog is, 0…1. */
    public double fill() {
        return size <= 0 ? 0 : Math.min(1, (double) (last - first + 1) / size);
    }
}
