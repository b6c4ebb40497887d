package dev.syncer.views.model.operations;

import dev.syncer.views.model.UiScheduler;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.OperationProgress;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.OperationResult;
import dev.syncer.views.model.port.Operations;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.timeline.TimelineModel;
import dev.syncer.views.model.topology.Selectable;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The operator's commands and the operations in flight. Submitting never blocks the UI thread: the
 * port runs the operation on the app's threads, and progress and the result come back through the
 * {@link UiScheduler}. Each submission is recorded on the timeline with its predictions.
 */
public final class OperationsModel {

    /** How many finished operations stay listed next to the running ones. */
    public static final int KEPT = 20;

    private final Operations port;
    private final UiScheduler ui;
    private final TimelineModel timeline;
    private final Supplier<TopologySnapshot> snapshot;
    private final Supplier<Selectable> selection;
    private final Map<OperationKind, OperationCommand> commands = new EnumMap<>(OperationKind.class);
    private final ObservableList<RunningOperation> operations = FXCollections.observableArrayList();
    private final ObservableList<RunningOperation> readOnlyOperations = FXCollections.unmodifiableObservableList(operations);
    private final String runId;
    private int sequence;

    public OperationsModel(Operations port, UiScheduler ui, TimelineModel timeline, Supplier<TopologySnapshot> snapshot,
                    Supplier<Selectable> selection) {
        this.port = port;
        this.ui = ui;
        this.timeline = timeline;
        this.snapshot = snapshot;
        this.selection = selection;
        this.runId = Long.toString(ui.now().toEpochMilli() % 1_000_000, 36);
        for (OperationKind kind : OperationKind.values()) {
            commands.put(kind, new OperationCommand(kind, this::assess));
        }
        refresh();
    }

    private OperationCatalog.Assessment assess(OperationKind kind) {
        return port.whyUnsupported(kind).map(OperationCatalog.Assessment::no)
                .orElseGet(() -> OperationCatalog.assess(kind, snapshot.get(), selection.get()));
    }

    /** Re-evaluates every command against the current selection and snapshot. */
    public void refresh() {
        commands.values().forEach(OperationCommand::refresh);
    }

    public OperationCommand command(OperationKind kind) {
        return commands.get(kind);
    }

    /**
     * Submits the draft as it stands. The returned future completes on the UI thread's side of the
     * scheduler, after the timeline and the progress list were updated.
     */
    public CompletableFuture<OperationResult> submit(OperationDraft draft) {
        String id = "op-" + runId + "-" + (++sequence);
        String label = draft.title();
        RunningOperation running = new RunningOperation(id, label);
        operations.addFirst(running);
        trim();
        TopologySnapshot base = draft.snapshot();
        timeline.operationStarted(id, label, draft.kind().label(), draft.getPredictions(), knownIds(base),
                draft.affectedIds(), ui.now());
        OperationRequest request = new OperationRequest(id, draft.operation(), ui.now());
        CompletableFuture<OperationResult> done = new CompletableFuture<>();
        CompletableFuture<OperationResult> submitted;
        try {
            submitted = port.submit(request, p -> ui.execute(() -> onProgress(running, p)));
        } catch (RuntimeException e) {
            submitted = CompletableFuture.failedFuture(e);
        }
        submitted.whenComplete((result, error) -> ui.execute(() -> {
            if (error == null) {
                running.finish(true, result.summary());
                timeline.operationFinished(id, true, result.summary(), ui.now());
                done.complete(result);
            } else {
                String message = message(error);
                running.finish(false, message);
                timeline.operationFinished(id, false, message, ui.now());
                done.completeExceptionally(error);
            }
        }));
        return done;
    }

    private static void onProgress(RunningOperation running, OperationProgress p) {
        running.progress(p.fraction(), p.step());
    }

    private static String message(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Set<String> knownIds(TopologySnapshot s) {
        Set<String> ids = new HashSet<>();
        for (ShardInfo shard : s.shards()) {
            ids.add(shard.id());
            ids.add(shard.endpoint());
        }
        s.syncers().forEach(x -> ids.add(x.id()));
        return ids;
    }

    private void trim() {
        int finished = 0;
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).getStatus() != RunningOperation.Status.RUNNING && ++finished > KEPT) {
                operations.remove(i--);
            }
        }
    }

    /** Operations submitted from this console, newest first: running ones and the last finished. */
    public ObservableList<RunningOperation> getOperations() {
        return readOnlyOperations;
    }
}
