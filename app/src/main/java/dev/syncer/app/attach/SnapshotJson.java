package dev.syncer.app.attach;

import dev.syncer.views.model.prediction.Runway;
import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.TopologySnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the console shows, as JSON-ready maps: every tree with its nodes, roles, replid/replid2,
 * offsets, link states and backlog runway (the window's own {@link Runway}), and timeline rows.
 */
public final class SnapshotJson {

    private SnapshotJson() {
    }

    /**
     * One document for one snapshot.
     *
     * @param deployment what discovery found, for the trees' facts and the sentinels; null over the lab
     */
    public static Map<String, Object> document(String target, TopologySnapshot s, Deployment deployment) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", target);
        doc.put("kind", deployment == null ? "lab" : deployment.kind().word());
        doc.put("takenAt", s.takenAt().toString());
        List<Object> trees = new ArrayList<>();
        for (DatabaseInfo db : s.databases()) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("name", db.id());
            if (deployment != null) {
                deployment.trees().stream().filter(t -> t.name().equals(db.id())).findFirst()
                        .ifPresent(t -> tree.put("facts", new java.util.TreeMap<>(t.facts())));
            }
            tree.put("nodes", s.shards().stream().filter(sh -> sh.databaseId().equals(db.id()))
                    .map(sh -> node(s, sh)).toList());
            trees.add(tree);
        }
        doc.put("trees", trees);
        if (deployment != null && !deployment.sentinels().isEmpty()) {
            doc.put("sentinels", deployment.sentinels().stream().map(m -> Map.of("address", m.target().id(),
                    "flags", m.facts().getOrDefault("flags", ""))).toList());
        }
        return doc;
    }

    private static Map<String, Object> node(TopologySnapshot s, ShardInfo sh) {
        ReplicationInfo r = sh.replication();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", sh.id());
        n.put("endpoint", sh.endpoint());
        n.put("state", sh.state().word());
        n.put("role", sh.isPrimary() ? "primary" : "replica");
        n.put("replid", r.replid());
        n.put("replid2", r.hasReplid2() ? r.replid2() : null);
        n.put("secondReplOffset", r.secondReplOffset());
        n.put("masterReplOffset", r.masterReplOffset());
        n.put("processedOffset", sh.processedOffset());
        r.upstream().ifPresent(u -> {
            Map<String, Object> up = new LinkedHashMap<>();
            up.put("endpoint", u.endpoint());
            up.put("link", u.linkUp() ? "up" : "down");
            up.put("syncInProgress", u.syncInProgress());
            up.put("syncReadBytes", u.syncReadBytes());
            up.put("syncTotalBytes", u.syncTotalBytes());
            n.put("upstream", up);
        });
        n.put("replicas", r.replicas().stream().map(l -> Map.of("endpoint", l.ip() + ":" + l.port(), "state", l.state(),
                "offset", l.offset(), "lagSeconds", l.lagSeconds())).toList());
        n.put("backlog", Map.of("active", r.backlog().active(), "size", r.backlog().size(),
                "firstByteOffset", r.backlog().firstByteOffset(), "histlen", r.backlog().histlen()));
        Runway runway = Runway.of(s, sh, 0);
        n.put("runway", runway.markers().stream().map(m -> {
            Map<String, Object> marker = new LinkedHashMap<>();
            marker.put("reader", m.id());
            marker.put("offset", m.offset());
            marker.put("headroomBytes", m.headroomBytes());
            marker.put("health", m.health().name().toLowerCase(Locale.ROOT));
            marker.put("note", m.note());
            return marker;
        }).toList());
        n.put("syncs", Map.of("full", sh.stats().syncFull(), "partialOk", sh.stats().syncPartialOk(),
                "partialErr", sh.stats().syncPartialErr()));
        return n;
    }

    /** A timeline row: a sync or an operation (Sentinel's failovers, the cluster's, the console's). */
    public static Map<String, Object> row(ConsoleEvent e) {
        Map<String, Object> row = new LinkedHashMap<>();
        switch (e) {
            case SyncReport s -> {
                row.put("row", "sync");
                row.put("time", s.time().toString());
                row.put("type", s.type().word());
                row.put("receiver", s.receiverId());
                row.put("reporter", s.reporterId());
                row.put("side", s.side().name().toLowerCase(Locale.ROOT));
                row.put("peer", s.peer());
                row.put("cause", s.cause().wire());
                row.put("detail", s.detail());
                row.put("replid", s.replid());
                row.put("offset", s.offset());
                row.put("bytes", s.bytes());
                row.put("durationMs", s.duration().toMillis());
                row.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT));
            }
            case OperationEvent o -> {
                row.put("row", "operation");
                row.put("time", o.time().toString());
                row.put("id", o.operationId());
                row.put("kind", o.kind().label());
                row.put("status", o.status().name().toLowerCase(Locale.ROOT));
                row.put("summary", o.summary());
            }
        }
        return row;
    }

    /** A message a sentinel published, as a row. */
    public static Map<String, Object> row(SentinelEvents.Event e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("row", "sentinel");
        row.put("time", e.time().toString());
        row.put("sentinel", e.sentinel());
        row.put("event", e.type());
        row.put("message", e.message());
        return row;
    }
}
