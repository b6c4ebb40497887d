package dev.syncer.app.lab;

import dev.syncer.app.adapter.Hub;
import dev.syncer.engine.lab.Lab;
import dev.syncer.engine.lab.LabShard;
import dev.syncer.engine.lab.LinkFault;
import dev.syncer.engine.lab.OperationReport;
import dev.syncer.engine.lab.WriteLoad;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.OperationProgress;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.OperationResult;
import dev.syncer.views.model.port.Operations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The console's operations, run by the lab on a worker thread of their own (one at a time, as an
 * operator would). The syncs they cause reach the timeline the one way every sync does: the probe
 * reads them over RESP and the timeline attributes them (TimelineModel.CORRELATION_WINDOW).
 */
final class LabOperationsPort implements Operations {

    private static final int WRITE_LOAD_KEYS = 10_000;

    private final Lab lab;
    private final Hub hub;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lab-operation");
        t.setDaemon(true);
        return t;
    });

    LabOperationsPort(Lab lab, Hub hub) {
        this.lab = lab;
        this.hub = hub;
    }

    @Override
    public Optional<String> whyUnsupported(OperationKind kind) {
        return kind == OperationKind.REPOINT_REPLICA
                ? Optional.of("Needs real Redis: the lab keeps every replica under its shard's primary; migrate it instead")
                : Optional.empty();
    }

    @Override
    public CompletableFuture<OperationResult> submit(OperationRequest request, Consumer<OperationProgress> progress) {
        return CompletableFuture.supplyAsync(() -> {
            OperationKind kind = request.operation().kind();
            hub.publish(new OperationEvent(request.id(), Instant.now(), kind, OperationEvent.Status.STARTED, kind.label()));
            progress.accept(new OperationProgress(request.id(), OperationProgress.INDETERMINATE, kind.label()));
            try {
                OperationReport report = run(request.operation());
                if (report.outcome().startsWith("failed")) {
                    throw new IllegalStateException(report.outcome().substring("failed: ".length()));
                }
                String summary = report.toString();
                hub.publish(new OperationEvent(request.id(), Instant.now(), kind, OperationEvent.Status.SUCCEEDED, summary));
                return new OperationResult(request.id(), summary, List.of(summary));
            } catch (RuntimeException e) {
                hub.publish(new OperationEvent(request.id(), Instant.now(), kind, OperationEvent.Status.FAILED,
                        String.valueOf(e.getMessage())));
                throw e;
            }
        }, worker);
    }

    private OperationReport run(Operation operation) {
        var ops = lab.operations();
        return switch (operation) {
            case Operation.Failover f -> ops.failover(f.targetReplicaId(), f.forced());
            case Operation.MigrateReplica m -> ops.migrate(m.shardId(), m.targetNodeId(), false);
            case Operation.MigratePrimary m -> ops.migrate(m.shardId(), m.targetNodeId(), m.preserveRoles(),
                    m.preserveRoles() ? null : m.promoteId());
            case Operation.AddReplica a -> {
                LabShard primary = lab.shard(a.primaryId());
                yield ops.addReplica(primary.cluster(), primary.database(), a.nodeId());
            }
            case Operation.Lifecycle l -> switch (l.kind()) {
                case CRASH_SHARD -> ops.crash(l.shardId());
                case STOP_SHARD -> ops.stop(l.shardId());
                default -> ops.restart(l.shardId());
            };
            case Operation.LinkChange c -> linkChange(c);
            case Operation.WriteLoad w -> writeLoad(w);
            case Operation.ResizeBacklog r -> ops.resizeBacklog(r.shardId(), r.bytes());
            case Operation.RepointReplica r -> throw new UnsupportedOperationException(
                    whyUnsupported(r.kind()).orElseThrow());
        };
    }

    private OperationReport linkChange(Operation.LinkChange c) {
        LinkFault fault = switch (c.kind()) {
            case CUT_LINK -> LinkFault.cutLink();
            case DELAY_LINK -> LinkFault.delay(c.delay().toMillis());
            default -> LinkFault.NONE;
        };
        return c.link().kind() == LinkRef.Kind.SYNCER
                ? lab.operations().setSyncerLinkFault(c.link().id(), fault)
                : lab.operations().setLinkFault(c.link().id(), fault);
    }

    private OperationReport writeLoad(Operation.WriteLoad w) {
        long start = System.nanoTime();
        String outcome;
        if (w.kind() == OperationKind.STOP_WRITE_LOAD) {
            lab.stopWriteLoad(w.databaseId());
            outcome = "write load on " + w.databaseId() + " stopped";
        } else {
            lab.startWriteLoad(w.databaseId(), new WriteLoad.Settings(w.opsPerSecond(), WRITE_LOAD_KEYS,
                    Math.max(1, w.valueBytes()), WriteLoad.Mix.ALL_TYPES));
            outcome = "write load on " + w.databaseId() + ": " + w.opsPerSecond() + " writes/s per cluster";
        }
        return new OperationReport(w.kind().label(), java.time.Duration.ofNanos(System.nanoTime() - start), outcome);
    }

    void close() {
        worker.shutdownNow();
    }
}
