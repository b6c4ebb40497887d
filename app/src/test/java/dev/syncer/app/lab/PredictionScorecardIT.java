package dev.syncer.app.lab;

import dev.syncer.engine.lab.Topology;
import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.ConsolePorts;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.NodeInfo;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.SyncerState;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.PredictionScore;
import dev.syncer.views.model.prediction.SyncPrediction;
import dev.syncer.views.model.prediction.SyncPredictor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The prediction scorecard: every operation the lab offers, in a scripted order under a light write
 * load, on a real embedded lab. Each operation is predicted from the snapshot the console sees just
 * before it, then the syncs it caused are read back the way the console reads them (SYNCEVENTS over
 * RESP) and scored. An operation that only breaks something (crash, stop, cut) is scored together
 * with the one that repairs it: what it predicts is what happens when the shard or link comes back.
 */
class PredictionScorecardIT {

    private static final String TOPOLOGY = """
            cluster east nodes=3
            cluster west nodes=2
            database shop active-active east west replicas=1
            database cache plain east replicas=2 chained=1
            """;
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String P = "east/cache/1";
    private static final String R = "east/cache/2";
    private static final String CHAINED = "east/cache/3";

    private static LabConsole console;
    private static ConsolePorts ports;
    private static final AtomicReference<TopologySnapshot> latest = new AtomicReference<>();
    private static final List<SyncReport> reports = new CopyOnWriteArrayList<>();
    private static final List<Row> rows = new ArrayList<>();
    private static int requests;

    /** One scored line of the table. */
    private record Row(String operation, PredictionScore score, List<SyncReport> seen) {
    }

    @BeforeAll
    static void startLab() throws Exception {
        console = LabConsole.start(Topology.parse(TOPOLOGY), true);
        ports = console.ports();
        ports.topology().subscribe(latest::set);
        ports.events().subscribe((ConsoleEvent e) -> {
            if (e instanceof SyncReport r) {
                reports.add(r);
            }
        });
    }

    @AfterAll
    static void stopLab() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void predictionsHoldForEveryOperationOfTheLab() throws Exception {
        settle();
        step("resize backlog (grow)", s -> new Operation.ResizeBacklog(P, 4 << 20));
        step("delay link", s -> new Operation.LinkChange(LinkRef.replication(R), OperationKind.DELAY_LINK, Duration.ofMillis(50)));
        step("heal delayed link", s -> heal(LinkRef.replication(R)));
        pair("cut link → heal", s -> new Operation.LinkChange(LinkRef.replication(CHAINED), OperationKind.CUT_LINK, Duration.ZERO),
                s -> heal(LinkRef.replication(CHAINED)));
        pair("crash chain middle → restart", s -> lifecycle(R, OperationKind.CRASH_SHARD),
                s -> lifecycle(R, OperationKind.START_SHARD));
        pair("stop replica → start", s -> lifecycle(CHAINED, OperationKind.STOP_SHARD),
                s -> lifecycle(CHAINED, OperationKind.START_SHARD));
        step("restart primary", s -> lifecycle(P, OperationKind.RESTART_SHARD));
        pair("crash primary → restart", s -> lifecycle(P, OperationKind.CRASH_SHARD),
                s -> lifecycle(P, OperationKind.START_SHARD));
        step("failover", s -> new Operation.Failover(P, R, false));
        step("forced failover", s -> new Operation.Failover(R, P, true));
        step("migrate replica", s -> new Operation.MigrateReplica(CHAINED, otherNode(s, CHAINED)));
        step("migrate primary as replica", s -> new Operation.MigratePrimary(P, otherNode(s, P), false, null));
        step("migrate primary, keep roles", s -> new Operation.MigratePrimary(primaryOf(s, "cache"),
                otherNode(s, primaryOf(s, "cache")), true, null));
        step("add replica", s -> new Operation.AddReplica(primaryOf(s, "cache"), otherNode(s, primaryOf(s, "cache"))));
        step("resize backlog (shrink)", s -> new Operation.ResizeBacklog(primaryOf(s, "cache"), 64 << 10));
        pair("cut syncer link → heal", s -> new Operation.LinkChange(LinkRef.syncer(syncer(s).id()), OperationKind.CUT_LINK,
                Duration.ZERO), s -> heal(LinkRef.syncer(syncer(s).id())));
        step("failover under a syncer", s -> new Operation.Failover("east/shop/1", "east/shop/2", false));
        step("tune write load", s -> new Operation.WriteLoad("shop", OperationKind.TUNE_WRITE_LOAD, 80, 32));
        step("stop write load", s -> new Operation.WriteLoad("shop", OperationKind.STOP_WRITE_LOAD, 0, 0));
        step("start write load", s -> new Operation.WriteLoad("shop", OperationKind.START_WRITE_LOAD, 50, 32));

        long held = rows.stream().mapToLong(r -> r.score().held()).sum();
        long missed = rows.stream().mapToLong(r -> r.score().missed()).sum();
        System.out.println(table());
        assertThat(rows).hasSizeGreaterThanOrEqualTo(OperationKind.values().length - 1);
        assertThat(held + missed).as("syncs predicted or seen").isGreaterThan(20);
        assertThat(100.0 * held / (held + missed)).as("%% of predictions held\n%s", table()).isGreaterThanOrEqualTo(95.0);
    }

    // ---- the script ----

    private static Operation heal(LinkRef link) {
        return new Operation.LinkChange(link, OperationKind.HEAL_LINK, Duration.ZERO);
    }

    private static Operation lifecycle(String shard, OperationKind kind) {
        return new Operation.Lifecycle(shard, kind);
    }

    private static String primaryOf(TopologySnapshot s, String database) {
        return s.shards().stream().filter(x -> x.databaseId().equals(database) && x.isPrimary()).findFirst()
                .orElseThrow().id();
    }

    private static String otherNode(TopologySnapshot s, String shardId) {
        ShardInfo shard = s.shard(shardId).orElseThrow();
        return s.nodes().stream().filter(n -> n.clusterId().equals(shard.clusterId()) && !n.id().equals(shard.nodeId()))
                .map(NodeInfo::id).findFirst().orElseThrow();
    }

    private static SyncerInfo syncer(TopologySnapshot s) {
        return s.syncers().stream().filter(x -> x.sourceClusterId().equals("east")).findFirst().orElseThrow();
    }

    /** An operation carried out: what was predicted from the snapshot before it, and where its syncs start. */
    private record Acted(Operation operation, TopologySnapshot before, List<SyncPrediction> predictions, int from) {

        PredictionScore score(int upTo) {
            return PredictionScore.score(predictions, List.copyOf(reports.subList(from, upTo)), ids(before));
        }
    }

    /** Predicts from a settled snapshot, runs the operation, and waits until the lab settles again. */
    private static Acted act(Function<TopologySnapshot, Operation> operation) throws Exception {
        TopologySnapshot before = settle();
        Operation op = operation.apply(before);
        Acted acted = new Acted(op, before, SyncPredictor.predict(before, op), reports.size());
        OperationRequest request = new OperationRequest("score-" + (++requests), op, Instant.now());
        ports.operations().submit(request, p -> { }).get(90, TimeUnit.SECONDS);
        return acted;
    }

    /** Predicts, runs and scores one operation. */
    private void step(String label, Function<TopologySnapshot, Operation> operation) throws Exception {
        Acted acted = act(operation);
        settle();
        int upTo = reports.size();
        rows.add(new Row(label, acted.score(upTo), List.copyOf(reports.subList(acted.from(), upTo))));
    }

    /**
     * Breaks something, then repairs it: the first operation's predictions (about the return) and
     * the second's are each scored against the syncs the repair caused.
     */
    private void pair(String label, Function<TopologySnapshot, Operation> breaking,
                      Function<TopologySnapshot, Operation> repairing) throws Exception {
        Acted first = act(breaking);
        Acted second = act(repairing);
        settle();
        int upTo = reports.size();
        List<SyncReport> seen = List.copyOf(reports.subList(first.from(), upTo));
        rows.add(new Row(label + " (predicted at " + first.operation().kind().label().toLowerCase() + ")",
                first.score(upTo), seen));
        rows.add(new Row(label + " (predicted at " + second.operation().kind().label().toLowerCase() + ")",
                second.score(upTo), seen));
    }

    private static Set<String> ids(TopologySnapshot s) {
        Set<String> ids = new HashSet<>();
        s.shards().forEach(x -> {
            ids.add(x.id());
            ids.add(x.endpoint());
        });
        s.syncers().forEach(x -> ids.add(x.id()));
        return ids;
    }

    /**
     * Waits until a snapshot taken now shows every running, uncut replica of a running upstream linked and caught up and
     * every uncut syncer in sync, and no sync was reported for a second; returns that snapshot.
     */
    private static TopologySnapshot settle() {
        Instant asked = Instant.now();
        AtomicReference<TopologySnapshot> settled = new AtomicReference<>();
        int[] count = {reports.size()};
        Instant[] quietSince = {Instant.now()};
        await("the lab settles").atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (reports.size() != count[0]) {
                count[0] = reports.size();
                quietSince[0] = Instant.now();
                return false;
            }
            TopologySnapshot s = latest.get();
            if (s == null || s.takenAt().isBefore(asked) || !calm(s)
                    || Duration.between(quietSince[0], Instant.now()).toMillis() < 1000) {
                return false;
            }
            settled.set(s);
            return true;
        });
        return settled.get();
    }

    private static boolean calm(TopologySnapshot s) {
        for (ShardInfo x : s.shards()) {
            boolean cut = s.fault(LinkRef.replication(x.id())).map(f -> f.kind() == LinkFaultInfo.Kind.CUT).orElse(false);
            boolean upstreamUp = s.upstreamOf(x).map(u -> u.state().isUp()).orElse(false);
            if (x.state().isUp() && x.isReplica() && !cut && upstreamUp && !x.replication().upstream()
                    .map(u -> u.linkUp() && !u.syncInProgress()).orElse(false)) {
                return false;
            }
        }
        return s.syncers().stream().allMatch(y -> y.state() == SyncerState.IN_SYNC
                || s.fault(LinkRef.syncer(y.id())).map(f -> f.kind() == LinkFaultInfo.Kind.CUT).orElse(false));
    }

    /** The scorecard as the README shows it, then every line that missed. */
    private static String table() {
        StringBuilder sb = new StringBuilder("| Operation | Predicted | Seen (partial / full) | Held | Missed | Likely |\n")
                .append("|---|---|---|---|---|---|\n");
        long[] total = new long[6];
        for (Row r : rows) {
            PredictionScore s = r.score();
            long predicted = s.lines().stream().filter(l -> l.prediction().isPresent()).count();
            long[] v = {predicted, s.partialSeen(), s.fullSeen(), s.held(), s.missed(), s.likely()};
            sb.append("| ").append(r.operation()).append(" | ").append(v[0]).append(" | ").append(v[1]).append(" / ")
                    .append(v[2]).append(" | ").append(v[3]).append(" | ").append(v[4]).append(" | ").append(v[5]).append(" |\n");
            for (int i = 0; i < v.length; i++) {
                total[i] += v[i];
            }
        }
        sb.append("| **All** | ").append(total[0]).append(" | ").append(total[1]).append(" / ").append(total[2])
                .append(" | ").append(total[3]).append(" | ").append(total[4]).append(" | ").append(total[5]).append(" |\n");
        sb.append(String.format("%nHeld: %.1f %%%n", 100.0 * total[3] / Math.max(1, total[3] + total[4])));
        for (Row r : rows) {
            r.score().lines().stream().filter(l -> !l.held())
                    .forEach(l -> sb.append("missed, ").append(r.operation()).append(": ").append(l.describe()).append('\n'));
            if (r.score().missed() > 0) {
                r.seen().forEach(e -> sb.append("    seen: ").append(e.reporterId()).append(' ').append(e.side()).append(' ')
                        .append(e.type()).append(' ').append(e.cause().wire()).append(" [").append(e.detail()).append("] peer ")
                        .append(e.peer()).append(" offset ").append(e.offset()).append(' ').append(e.outcome()).append('\n'));
            }
        }
        return sb.toString();
    }
}
