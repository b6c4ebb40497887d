package dev.syncer.views.model.port;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the operator can do to the topology.
 *
 * <p>Over the lab every {@link OperationKind} is available. Over real Redis the ones Redis has a
 * command for work ({@code FAILOVER}, {@code REPLICAOF}, {@code CONFIG SET repl-backlog-size}) and
 * the lab-only ones (start/stop/crash a shard, cut or delay a link at the proxy, migrate, write
 * load) answer {@link #whyUnsupported} with a sentence the console shows as the disabled action's
 * tooltip, e.g. "Needs the lab: Redis has no command to crash a server".
 */
public interface Operations {

    /**
     * Why {@code kind} cannot be run against this target, in one sentence for an operator; empty
     * when it can. The answer must not change while the console runs.
     */
    Optional<String> whyUnsupported(OperationKind kind);

    /** Whether {@code kind} can be run at all against this target. */
    default boolean supports(OperationKind kind) {
        return whyUnsupported(kind).isEmpty();
    }

    /**
     * Starts an operation and returns at once; the work happens on the app's threads.
     *
     * <p>{@code progress} receives {@link OperationProgress} updates from any thread while the
     * operation runs (step names such as "waiting for the target to catch up", "promoting
     * 127.0.0.1:7002"). The future completes with the {@link OperationResult} when the topology
     * has reached its new shape, or exceptionally with an exception whose message is shown to the
     * operator verbatim (Redis's error text where there is one, e.g.
     * {@code ERR FAILOVER target replica is not online.}).
     *
     * <p>The syncs the operation causes arrive as every sync does, through {@link ConsoleEvents}.
     * A {@link SyncReport#operationId()} is set only when the app knows for certain; otherwise the
     * timeline attributes a sync to the operation by time and shard, within the one correlation
     * window the console has (the timeline's {@code CORRELATION_WINDOW}).
     *
     * <p>The method itself does not throw: an unsupported kind, or arguments that no longer fit the
     * topology (a shard that went away), complete the future exceptionally with the reason.
     */
    CompletableFuture<OperationResult> submit(OperationRequest request, Consumer<OperationProgress> progress);
}
