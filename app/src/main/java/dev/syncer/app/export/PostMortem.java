package dev.syncer.app.export;

import dev.syncer.views.model.charts.Metric;
import dev.syncer.views.model.charts.RingSeries;
import dev.syncer.views.model.charts.SeriesStore;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.timeline.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a post-mortem keeps of one tree (a database: a Sentinel master name, a cluster shard's
 * slots, a lab database) or of all of them: the timeline rows that concern it, with their
 * predictions and verdicts, oldest first, and every chart series of its shards and syncers.
 *
 * @param scope  the tree's id, or {@link #ALL}
 * @param takenAt when the snapshot the scope was read from was taken
 */
public record PostMortem(String scope, Instant takenAt, List<TimelineEntry> rows, List<Series> series) {

    /** The scope of every tree. */
    public static final String ALL = "all";

    /** One chart series: a subject's metric over the time the console kept. */
    public record Series(String subjectId, String subjectName, String tree, Metric metric, List<RingSeries.Point> points) {
    }

    public PostMortem {
        rows = List.copyOf(rows);
        series = List.copyOf(series);
    }

    /** The scopes to offer: {@link #ALL}, then each tree by id. */
    public static List<String> scopes(TopologySnapshot snapshot) {
        List<String> out = new ArrayList<>(List.of(ALL));
        snapshot.databases().stream().map(DatabaseInfo::id).forEach(out::add);
        return out;
    }

    /**
     * The post-mortem of {@code scope} from the timeline's rows (any order), the charts' store and
     * the snapshot that says which shards and syncers belong to which tree.
     */
    public static PostMortem of(String scope, List<TimelineEntry> timeline, SeriesStore store, TopologySnapshot snapshot) {
        boolean all = ALL.equals(scope);
        List<ShardInfo> shards = snapshot.shards().stream().filter(s -> all || s.databaseId().equals(scope)).toList();
        List<SyncerInfo> syncers = snapshot.syncers().stream().filter(s -> all || s.databaseId().equals(scope)).toList();
        Set<String> names = new HashSet<>();
        shards.forEach(s -> {
            names.add(s.id());
            names.add(s.name());
        });
        syncers.forEach(s -> names.add(s.id()));
        snapshot.database(scope).ifPresent(d -> names.add(d.name()));
        names.add(scope);
        List<TimelineEntry> rows = timeline.stream()
                .filter(e -> all || e.involved().stream().anyMatch(names::contains) || names.contains(e.subject()))
                .sorted(java.util.Comparator.comparing(TimelineEntry::time).thenComparing(TimelineEntry::key))
                .toList();
        List<Series> series = new ArrayList<>();
        for (ShardInfo s : shards) {
            add(series, store, s.id(), s.name(), s.databaseId());
        }
        for (SyncerInfo s : syncers) {
            add(series, store, s.id(), s.id(), s.databaseId());
        }
        return new PostMortem(scope, snapshot.takenAt(), rows, series);
    }

    private static void add(List<Series> out, SeriesStore store, String id, String name, String tree) {
        for (Metric m : Metric.values()) {
            Optional<RingSeries> ring = store.get(id, m);
            ring.filter(r -> r.size() > 0).ifPresent(r ->
                    out.add(new Series(id, name, tree, m, r.since(Long.MIN_VALUE, r.size()))));
        }
    }
}
