package dev.syncer.app.export;

import dev.syncer.engine.testing.Json;
import dev.syncer.views.model.charts.SeriesStore;
import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.ClusterInfo;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.ShardStats;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.timeline.SyncExpectation;
import dev.syncer.views.model.timeline.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A post-mortem of one tree or all: the rows and series it keeps, as CSV and JSON. */
class PostMortemTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static ShardInfo shard(String port, String tree, long offset) {
        return new ShardInfo("127.0.0.1:" + port, ":" + port, "sentinel", "127.0.0.1", tree, "127.0.0.1:" + port,
                ShardState.RUNNING, new ReplicationInfo(Role.PRIMARY, "a".repeat(40), ReplicationInfo.NO_REPLID, offset, -1,
                new BacklogInfo(true, 1_000_000, 1, offset), List.of(), Optional.empty(), "no-failover"),
                ShardStats.NONE, Optional.empty());
    }

    private static TopologySnapshot snapshot(Instant at, long offset) {
        return new TopologySnapshot(at, List.of(new ClusterInfo("sentinel", "Sentinel")), List.of(),
                List.of(new DatabaseInfo("orders", "orders", false, List.of(), 0),
                        new DatabaseInfo("carts", "carts", false, List.of(), 0)),
                List.of(shard("7001", "orders", offset), shard("7101", "carts", 2 * offset)), List.of(), List.of());
    }

    private static final TimelineEntry FAILOVER = new TimelineEntry("op:op-1", T0.plusSeconds(2), TimelineEntry.Kind.OPERATION,
            Set.of(":7001"), "Failover orders", "Failover", "", "succeeded: 127.0.0.1:7002 is primary, \"graceful\"", "",
            "2 of 2 predictions held", TimelineEntry.Verdict.HELD,
            new SyncExpectation.Judgement(SyncExpectation.NOT_A_SYNC, ""), "details");
    private static final TimelineEntry SYNC = new TimelineEntry("sync:1", T0.plusSeconds(3), TimelineEntry.Kind.PARTIAL_SYNC,
            Set.of(":7001", ":7002"), ":7001", "manual-replicaof", "requested 100, backlog 1..200",
            "partial · 12 B from :7002", "Failover orders", "predicted partial", TimelineEntry.Verdict.HELD,
            new SyncExpectation.Judgement(SyncExpectation.EXPECTED, "a partial sync"), "");
    private static final TimelineEntry OTHER_TREE = new TimelineEntry("sync:2", T0.plusSeconds(1),
            TimelineEntry.Kind.FULL_SYNC, Set.of(":7101"), ":7101", "new-replica", "", "full · 1 MB", "", "",
            TimelineEntry.Verdict.NONE, new SyncExpectation.Judgement(SyncExpectation.EXPECTED, "a new replica"), "");

    private static PostMortem postMortem(String scope) {
        SeriesStore store = new SeriesStore();
        store.record(snapshot(T0, 100));
        store.record(snapshot(T0.plusSeconds(1), 300));
        return PostMortem.of(scope, List.of(SYNC, OTHER_TREE, FAILOVER), store, snapshot(T0.plusSeconds(1), 300));
    }

    @Test
    void oneTreeKeepsItsRowsOldestFirstAndOnlyItsShardsSeries() {
        PostMortem p = postMortem("orders");

        assertThat(p.rows()).containsExactly(FAILOVER, SYNC);
        assertThat(p.series()).isNotEmpty().allSatisfy(s -> assertThat(s.subjectId()).isEqualTo("127.0.0.1:7001"));
        assertThat(postMortem(PostMortem.ALL).rows()).containsExactly(OTHER_TREE, FAILOVER, SYNC);
        assertThat(postMortem(PostMortem.ALL).series()).extracting(PostMortem.Series::tree).contains("orders", "carts");
        assertThat(PostMortem.scopes(snapshot(T0, 1))).containsExactly("all", "orders", "carts");
    }

    @Test
    void timelineCsvHasAHeaderAndOneQuotedRowPerEntryWithPredictionAndVerdict() {
        String csv = PostMortemFiles.timelineCsv(postMortem("orders"));

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).isEqualTo(String.join(",", PostMortemFiles.TIMELINE_COLUMNS));
        assertThat(lines.get(1)).isEqualTo("2026-12-06T10:00:02Z,op:op-1,operation,Failover orders,Failover,,"
                + "\"succeeded: 127.0.0.1:7002 is primary, \"\"graceful\"\"\",,2 of 2 predictions held,held,not-a-sync,,:7001");
        assertThat(lines.get(2)).contains("partial_sync", "\"requested 100, backlog 1..200\"", "predicted partial,held,expected,a partial sync",
                ":7001 :7002");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonDocumentsCarryTheScopeRowsAndPoints() {
        PostMortem p = postMortem("orders");

        Map<String, Object> timeline = (Map<String, Object>) Json.parse(PostMortemFiles.timelineJson(p).strip());
        assertThat(timeline).containsEntry("scope", "orders").containsEntry("taken_at", "2026-12-06T10:00:01Z");
        assertThat((List<Map<String, Object>>) timeline.get("rows")).extracting(r -> r.get("verdict"))
                .containsExactly("held", "held");
        Map<String, Object> series = (Map<String, Object>) Json.parse(PostMortemFiles.seriesJson(p).strip());
        Map<String, Object> offset = ((List<Map<String, Object>>) series.get("series")).stream()
                .filter(s -> "offset".equals(s.get("metric"))).findFirst().orElseThrow();
        assertThat((List<List<Number>>) offset.get("points")).extracting(pt -> pt.get(1).longValue())
                .containsExactly(100L, 300L);
    }

    @Test
    void seriesCsvHasOneLinePerSample() {
        String csv = PostMortemFiles.seriesCsv(postMortem("orders"));

        assertThat(csv.lines()).filteredOn(l -> l.contains(",offset,")).containsExactly(
                "127.0.0.1:7001,:7001,orders,offset,bytes,2026-12-06T10:00:00Z," + T0.toEpochMilli() + ",100",
                "127.0.0.1:7001,:7001,orders,offset,bytes,2026-12-06T10:00:01Z," + (T0.toEpochMilli() + 1000) + ",300");
    }

    @Test
    void writesBothFilesNamedByScopeAndTime(@TempDir Path dir) throws Exception {
        List<Path> files = PostMortemFiles.write(postMortem("orders"), PostMortemFiles.Format.JSON, dir);

        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactly("syncer-orders-20261206-100001-timeline.json", "syncer-orders-20261206-100001-series.json");
        assertThat(files).allSatisfy(f -> assertThat(Files.readString(f)).startsWith("{\"scope\":\"orders\""));
    }
}
