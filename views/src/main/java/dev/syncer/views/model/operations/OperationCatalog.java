package dev.syncer.views.model.operations;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.operations.OperationDraft.Choice;
import dev.syncer.views.model.operations.OperationDraft.NumberParameter;
import dev.syncer.views.model.port.DatabaseInfo;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.NodeInfo;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.SyncPredictor;
import dev.syncer.views.model.topology.ReplicationEdgeModel;
import dev.syncer.views.model.topology.Selectable;
import dev.syncer.views.model.topology.ShardModel;
import dev.syncer.views.model.topology.SyncerEdgeModel;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Decides, for each operation, whether the selection is a valid target — and if so builds its
 * draft (choices, number, predictions); if not, says in one sentence what to select instead.
 */
final class OperationCatalog {

    /** Either a draft, or why there is none. {@code explanation} is the action's tooltip either way. */
    record Assessment(Optional<OperationDraft> draft, String explanation) {
        static Assessment no(String why) {
            return new Assessment(Optional.empty(), why);
        }

        static Assessment yes(OperationDraft draft) {
            return new Assessment(Optional.of(draft), draft.title() + ": " + draft.subject());
        }
    }

    private final TopologySnapshot snapshot;
    private final Selectable selection;

    private OperationCatalog(TopologySnapshot snapshot, Selectable selection) {
        this.snapshot = snapshot;
        this.selection = selection;
    }

    static Assessment assess(OperationKind kind, TopologySnapshot snapshot, Selectable selection) {
        return new OperationCatalog(snapshot, selection).assess(kind);
    }

    private Assessment assess(OperationKind kind) {
        return switch (kind) {
            case FAILOVER, FORCED_FAILOVER -> failover(kind == OperationKind.FORCED_FAILOVER);
            case MIGRATE_REPLICA -> migrateReplica();
            case REPOINT_REPLICA -> repointReplica();
            case MIGRATE_PRIMARY_AS_REPLICA, MIGRATE_PRIMARY_PRESERVING_ROLES ->
                    migratePrimary(kind == OperationKind.MIGRATE_PRIMARY_PRESERVING_ROLES);
            case ADD_REPLICA -> addReplica();
            case CRASH_SHARD, STOP_SHARD, RESTART_SHARD, START_SHARD -> lifecycle(kind);
            case CUT_LINK, HEAL_LINK, DELAY_LINK -> link(kind);
            case START_WRITE_LOAD, STOP_WRITE_LOAD, TUNE_WRITE_LOAD -> writeLoad(kind);
            case RESIZE_BACKLOG -> resizeBacklog();
        };
    }

    // ---- by kind ----

    private Assessment failover(boolean forced) {
        Optional<ShardInfo> selected = selectedShard();
        if (selected.isEmpty()) {
            return Assessment.no("Select a primary, or the replica to promote");
        }
        ShardInfo s = selected.get();
        ShardInfo primary;
        List<ShardInfo> candidates;
        if (s.isPrimary()) {
            primary = s;
            candidates = snapshot.replicasOf(s).stream().filter(r -> r.state().isUp()).toList();
            if (candidates.isEmpty()) {
                return Assessment.no(s.name() + " has no running replica to promote");
            }
        } else {
            Optional<ShardInfo> up = snapshot.upstreamOf(s);
            if (up.isEmpty() || !up.get().isPrimary()) {
                return Assessment.no(s.name() + " replicates from a replica: promote a direct replica of the primary");
            }
            if (!s.state().isUp()) {
                return Assessment.no(s.name() + " is " + s.state().word() + ": it cannot be promoted");
            }
            primary = up.get();
            candidates = List.of(s);
        }
        if (!forced && !primary.state().isUp()) {
            return Assessment.no("FAILOVER needs the primary running; " + primary.name() + " is " + primary.state().word()
                    + ": use forced promotion");
        }
        List<Choice> choices = candidates.stream()
                .sorted(Comparator.comparingLong(ShardInfo::processedOffset).reversed())
                .map(r -> new Choice(r.id(), r.name() + " on " + nodeName(r.nodeId()) + " · offset "
                        + Format.offset(r.processedOffset())))
                .toList();
        String title = (forced ? "Forced promotion in " : "Failover ") + dbName(primary);
        String to = candidates.size() == 1 && s.isReplica() ? s.name() : "the replica you choose";
        String subject = "primary " + primary.name() + " on " + nodeName(primary.nodeId()) + " hands over to " + to
                + (forced ? " (REPLICAOF NO ONE)" : " (FAILOVER TO)");
        return Assessment.yes(draft(forced ? OperationKind.FORCED_FAILOVER : OperationKind.FAILOVER, title, subject,
                "Promote", choices, Optional.empty(), Set.of(primary.id()),
                (c, v) -> new Operation.Failover(primary.id(), c.id(), forced)));
    }

    private Assessment migrateReplica() {
        Optional<ShardInfo> selected = selectedShard();
        if (selected.isEmpty() || !selected.get().isReplica()) {
            return Assessment.no("Select a replica to migrate");
        }
        ShardInfo s = selected.get();
        List<Choice> nodes = otherNodes(s);
        if (nodes.isEmpty()) {
            return Assessment.no("No other running node in " + clusterName(s) + " to migrate " + s.name() + " to");
        }
        return Assessment.yes(draft(OperationKind.MIGRATE_REPLICA, "Migrate replica " + s.name(),
                s.name() + " stops with a SAVE on " + nodeName(s.nodeId()) + " and resumes on the target node from its saved offset",
                "Target node", nodes, Optional.empty(), Set.of(s.id()), (c, v) -> new Operation.MigrateReplica(s.id(), c.id())));
    }

    /**
     * The new upstream may be any running shard of the deployment but the replica's own upstream,
     * itself and the shards below it (a loop); Redis refuses the rest itself (a Redis Cluster
     * replicates only a primary), and its error is the operation's.
     */
    private Assessment repointReplica() {
        Optional<ShardInfo> selected = selectedShard();
        if (selected.isEmpty() || !selected.get().isReplica()) {
            return Assessment.no("Select a replica to point at another upstream");
        }
        ShardInfo s = selected.get();
        if (!s.state().isUp()) {
            return Assessment.no(s.name() + " is " + s.state().word() + ": REPLICAOF needs it running");
        }
        Set<String> below = new java.util.HashSet<>();
        collectBelow(s, below);
        String upstream = snapshot.upstreamOf(s).map(ShardInfo::id).orElse("");
        List<Choice> choices = snapshot.shards().stream()
                .filter(u -> u.clusterId().equals(s.clusterId()) && u.state().isUp() && !u.id().equals(s.id())
                        && !u.id().equals(upstream) && !below.contains(u.id()))
                .sorted(Comparator.comparing((ShardInfo u) -> !u.databaseId().equals(s.databaseId()))
                        .thenComparing(u -> !u.isPrimary()).thenComparing(ShardInfo::name))
                .map(u -> new Choice(u.id(), u.name() + " (" + (u.isPrimary() ? "primary" : "replica") + ", "
                        + dbName(u) + ") · offset " + Format.offset(u.processedOffset())))
                .toList();
        if (choices.isEmpty()) {
            return Assessment.no("No other running server for " + s.name() + " to replicate from");
        }
        return Assessment.yes(draft(OperationKind.REPOINT_REPLICA, "Point " + s.name() + " at another upstream",
                s.name() + " leaves " + snapshot.upstreamOf(s).map(ShardInfo::name).orElse("its upstream")
                        + " and asks the new one for PSYNC from where it is (REPLICAOF / CLUSTER REPLICATE)",
                "New upstream", choices, Optional.empty(), Set.of(s.id()),
                (c, v) -> new Operation.RepointReplica(s.id(), c.id())));
    }

    private void collectBelow(ShardInfo s, Set<String> below) {
        for (ShardInfo r : snapshot.replicasOf(s)) {
            if (below.add(r.id())) {
                collectBelow(r, below);
            }
        }
    }

    private Assessment migratePrimary(boolean preserveRoles) {
        Optional<ShardInfo> selected = selectedShard();
        if (selected.isEmpty() || !selected.get().isPrimary()) {
            return Assessment.no("Select a primary to migrate");
        }
        ShardInfo p = selected.get();
        if (!p.state().isUp()) {
            return Assessment.no(p.name() + " is " + p.state().word() + ": migrate needs it running");
        }
        List<Choice> nodes = otherNodes(p);
        if (nodes.isEmpty()) {
            return Assessment.no("No other running node in " + clusterName(p) + " to migrate " + p.name() + " to");
        }
        if (preserveRoles) {
            return Assessment.yes(draft(OperationKind.MIGRATE_PRIMARY_PRESERVING_ROLES, "Migrate primary " + p.name(),
                    "FAILOVER to a replica, " + p.name() + " moves to the target node as its replica, then FAILOVER back to "
                            + p.name(), "Target node", nodes,
                    Optional.empty(), Set.of(p.id()), (c, v) -> new Operation.MigratePrimary(p.id(), c.id(), true, null)));
        }
        Optional<ShardInfo> promote = snapshot.replicasOf(p).stream().filter(r -> r.state().isUp())
                .max(Comparator.comparingLong(ShardInfo::processedOffset));
        if (promote.isEmpty()) {
            return Assessment.no(p.name() + " has no running replica to promote while it moves");
        }
        String promoteId = promote.get().id();
        return Assessment.yes(draft(OperationKind.MIGRATE_PRIMARY_AS_REPLICA, "Migrate primary " + p.name() + " as replica",
                promote.get().name() + " is promoted; " + p.name() + " comes back on the target node as its replica",
                "Target node", nodes, Optional.empty(), Set.of(p.id(), promoteId),
                (c, v) -> new Operation.MigratePrimary(p.id(), c.id(), false, promoteId)));
    }

    private Assessment addReplica() {
        Optional<ShardInfo> selected = selectedShard();
        if (selected.isEmpty() || !selected.get().isPrimary()) {
            return Assessment.no("Select the primary that gets a new replica");
        }
        ShardInfo p = selected.get();
        List<NodeInfo> nodes = snapshot.nodes().stream().filter(n -> n.clusterId().equals(p.clusterId()) && n.up())
                .sorted(Comparator.comparingLong(n -> snapshot.shards().stream()
                        .filter(s -> s.nodeId().equals(n.id()) && s.databaseId().equals(p.databaseId())).count()))
                .toList();
        if (nodes.isEmpty()) {
            return Assessment.no("No running node in " + clusterName(p));
        }
        return Assessment.yes(draft(OperationKind.ADD_REPLICA, "Add a replica to " + p.name(),
                "a fresh shard starts and full-syncs from " + p.name(), "Node",
                nodes.stream().map(n -> new Choice(n.id(), n.name() + " (" + n.address() + ")")).toList(),
                Optional.empty(), Set.of(p.id()), (c, v) -> new Operation.AddReplica(p.id(), c.id())));
    }

    private Assessment lifecycle(OperationKind kind) {
        Optional<ShardInfo> selected = selectedShard();
        if (selected.isEmpty()) {
            return Assessment.no("Select a shard");
        }
        ShardInfo s = selected.get();
        boolean up = s.state().isUp();
        if (kind == OperationKind.START_SHARD && up) {
            return Assessment.no(s.name() + " is already running");
        }
        if (kind != OperationKind.START_SHARD && !up) {
            return Assessment.no(s.name() + " is " + s.state().word() + ": start it instead");
        }
        String subject = switch (kind) {
            case CRASH_SHARD -> s.name() + " is killed without saving; its links drop";
            case STOP_SHARD -> s.name() + " shuts down (SHUTDOWN SAVE); its links drop";
            case RESTART_SHARD -> s.name() + " shuts down and starts again from its RDB";
            default -> s.name() + " starts again";
        };
        return Assessment.yes(draft(kind, kind.label() + " " + s.name(), subject, "", List.of(), Optional.empty(),
                Set.of(s.id()), (c, v) -> new Operation.Lifecycle(s.id(), kind)));
    }

    private Assessment link(OperationKind kind) {
        Optional<LinkRef> selected = selectedLink();
        if (selected.isEmpty()) {
            return Assessment.no("Select a replica, a replication link or a syncer link");
        }
        LinkRef link = selected.get();
        Optional<LinkFaultInfo> fault = snapshot.fault(link);
        String name = linkName(link);
        if (kind == OperationKind.HEAL_LINK && fault.isEmpty()) {
            return Assessment.no("The link " + name + " is neither cut nor delayed");
        }
        if (kind == OperationKind.CUT_LINK && fault.filter(f -> f.kind() == LinkFaultInfo.Kind.CUT).isPresent()) {
            return Assessment.no("The link " + name + " is already cut");
        }
        Optional<NumberParameter> delay = kind == OperationKind.DELAY_LINK
                ? Optional.of(new NumberParameter("One-way delay", "ms", 1, 60_000,
                        fault.map(f -> Math.max(1, f.delay().toMillis())).orElse(200L)))
                : Optional.empty();
        return Assessment.yes(draft(kind, kind.label() + " " + name, "the lab's proxy on " + name, "", List.of(), delay,
                Set.of(link.id()), (c, v) -> new Operation.LinkChange(link, kind,
                        kind == OperationKind.DELAY_LINK ? Duration.ofMillis(v) : Duration.ZERO)));
    }

    private Assessment writeLoad(OperationKind kind) {
        Optional<DatabaseInfo> db = selectedShard().flatMap(s -> snapshot.database(s.databaseId()));
        if (db.isEmpty()) {
            return Assessment.no("Select a shard of the database to load");
        }
        DatabaseInfo d = db.get();
        boolean running = d.writeLoadOpsPerSec() > 0;
        if (kind == OperationKind.START_WRITE_LOAD && running) {
            return Assessment.no("A write load of " + d.writeLoadOpsPerSec() + " ops/s already runs on " + d.name());
        }
        if (kind != OperationKind.START_WRITE_LOAD && !running) {
            return Assessment.no("No write load runs on " + d.name());
        }
        Optional<NumberParameter> rate = kind == OperationKind.STOP_WRITE_LOAD ? Optional.empty()
                : Optional.of(new NumberParameter("Writes per second", "ops/s", 1, 1_000_000,
                        running ? d.writeLoadOpsPerSec() : 1000));
        return Assessment.yes(draft(kind, kind.label() + " on " + d.name(), "SET commands through the proxy of " + d.name(),
                "", List.of(), rate, Set.of(d.id()), (c, v) -> new Operation.WriteLoad(d.id(), kind, (int) (long) v, 64)));
    }

    private Assessment resizeBacklog() {
        Optional<ShardInfo> selected = selectedShard();
        if (selected.isEmpty()) {
            return Assessment.no("Select a shard");
        }
        ShardInfo s = selected.get();
        if (!s.state().isUp()) {
            return Assessment.no(s.name() + " is " + s.state().word() + ": CONFIG SET needs it running");
        }
        long size = s.replication().backlog().size();
        return Assessment.yes(draft(OperationKind.RESIZE_BACKLOG, "Resize the backlog of " + s.name(),
                "CONFIG SET repl-backlog-size (now " + Format.bytes(size) + ")", "", List.of(),
                Optional.of(new NumberParameter("repl-backlog-size", "bytes", 16 * 1024, 1L << 34, size)),
                Set.of(s.id()), (c, v) -> new Operation.ResizeBacklog(s.id(), v)));
    }

    // ---- helpers ----

    private OperationDraft draft(OperationKind kind, String title, String subject, String choiceLabel, List<Choice> choices,
                                 Optional<NumberParameter> number, Set<String> affected,
                                 BiFunction<Choice, Long, Operation> builder) {
        return new OperationDraft(kind, title, subject, choiceLabel, choices, choices.isEmpty() ? null : choices.getFirst(),
                number, affected, snapshot, builder);
    }

    private Optional<ShardInfo> selectedShard() {
        if (selection instanceof ShardModel m) {
            return snapshot.shard(m.id());
        }
        return Optional.empty();
    }

    private Optional<LinkRef> selectedLink() {
        return switch (selection) {
            case ReplicationEdgeModel e -> Optional.of(LinkRef.replication(e.replicaId()));
            case SyncerEdgeModel e -> Optional.of(LinkRef.syncer(e.id()));
            case ShardModel m -> snapshot.shard(m.id()).filter(ShardInfo::isReplica).map(s -> LinkRef.replication(s.id()));
            case null -> Optional.empty();
        };
    }

    private String linkName(LinkRef link) {
        if (link.kind() == LinkRef.Kind.SYNCER) {
            return snapshot.syncer(link.id()).map(s -> SyncPredictor.syncerLabel(snapshot, s)).orElse(link.id());
        }
        return snapshot.shard(link.id()).map(s -> s.name() + " ← "
                + snapshot.upstreamOf(s).map(ShardInfo::name).orElse("?")).orElse(link.id());
    }

    private List<Choice> otherNodes(ShardInfo s) {
        return snapshot.nodes().stream()
                .filter(n -> n.clusterId().equals(s.clusterId()) && !n.id().equals(s.nodeId()) && n.up())
                .map(n -> new Choice(n.id(), n.name() + " (" + n.address() + ")"))
                .toList();
    }

    private String nodeName(String nodeId) {
        return snapshot.node(nodeId).map(NodeInfo::name).orElse(nodeId);
    }

    private String clusterName(ShardInfo s) {
        return snapshot.cluster(s.clusterId()).map(c -> c.name()).orElse(s.clusterId());
    }

    private String dbName(ShardInfo s) {
        return snapshot.database(s.databaseId()).map(DatabaseInfo::name).orElse(s.databaseId());
    }
}
