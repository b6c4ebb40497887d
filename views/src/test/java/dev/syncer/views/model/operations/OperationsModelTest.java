package dev.syncer.views.model.operations;

import dev.syncer.views.model.prediction.SyncPrediction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.testing.ConsoleHarness;
import dev.syncer.views.testing.DemoLab;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OperationsModelTest {

    private final ConsoleHarness h = new ConsoleHarness(clock -> DemoLab.create(clock)
            .unsupported(OperationKind.CRASH_SHARD, "Needs the lab: Redis has no command to crash a server"));

    private OperationCommand command(OperationKind kind) {
        return h.model.operations().command(kind);
    }

    @Test
    void unsupportedOperationIsDisabledWithThePortsReasonWhateverIsSelected() {
        h.select("s2");
        assertThat(command(OperationKind.CRASH_SHARD).isExecutable()).isFalse();
        assertThat(command(OperationKind.CRASH_SHARD).getReason()).isEqualTo("Needs the lab: Redis has no command to crash a server");
    }

    @Test
    void commandSaysWhatToSelect() {
        assertThat(command(OperationKind.FAILOVER).isExecutable()).isFalse();
        assertThat(command(OperationKind.FAILOVER).getReason()).isEqualTo("Select a primary, or the replica to promote");
        assertThat(command(OperationKind.MIGRATE_REPLICA).getReason()).isEqualTo("Select a replica to migrate");
        h.select("s1");
        assertThat(command(OperationKind.FAILOVER).isExecutable()).isTrue();
        assertThat(command(OperationKind.FAILOVER).getReason()).startsWith("Failover orders: primary s1 on node-1");
        assertThat(command(OperationKind.MIGRATE_REPLICA).isExecutable()).isFalse();
    }

    @Test
    void failingOverAPrimaryOffersItsReplicasMostCaughtUpFirst() {
        h.select("s1");
        OperationDraft d = command(OperationKind.FAILOVER).prepare().orElseThrow();
        assertThat(d.choices()).extracting(OperationDraft.Choice::id).containsExactly("s2", "s3");
        assertThat(d.choiceProperty().get().id()).isEqualTo("s2");
    }

    @Test
    void predictionsFollowTheOperatorsChoice() {
        h.lab.shard("s3").offset(40_000_000);
        h.publish();
        h.select("s1");
        OperationDraft d = h.model.operations().command(OperationKind.FORCED_FAILOVER).prepare().orElseThrow();
        assertThat(d.getPredictions()).filteredOn(p -> p.peerLabel().equals("s3")).extracting(SyncPrediction::type)
                .containsExactly(SyncType.FULL);
        d.choiceProperty().set(d.choices().stream().filter(c -> c.id().equals("s3")).findFirst().orElseThrow());
        assertThat(d.getPredictions()).filteredOn(p -> p.peerLabel().equals("s1")).extracting(SyncPrediction::type)
                .containsExactly(SyncType.FULL);
        assertThat(((Operation.Failover) d.operation()).targetReplicaId()).isEqualTo("s3");
    }

    @Test
    void replicateFromOffersEveryRunningServerButItsUpstreamItselfAndThoseBelowIt() {
        h.select("s4");
        assertThat(command(OperationKind.REPOINT_REPLICA).getReason()).isEqualTo("Select a replica to point at another upstream");
        h.select("s5");
        OperationDraft d = command(OperationKind.REPOINT_REPLICA).prepare().orElseThrow();
        assertThat(d.choices()).extracting(OperationDraft.Choice::id).containsExactly("s1", "s2", "s3");
        // another history: s5 takes a full sync, and s6 below it one of its own
        assertThat(d.getPredictions()).extracting(SyncPrediction::peerLabel, SyncPrediction::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("s5", SyncType.FULL), org.assertj.core.groups.Tuple.tuple("s6", SyncType.FULL));
        assertThat(d.operation()).isEqualTo(new Operation.RepointReplica("s5", "s1"));
    }

    @Test
    void numbersAreClampedToTheirBounds() {
        h.select("s1");
        OperationDraft d = command(OperationKind.RESIZE_BACKLOG).prepare().orElseThrow();
        assertThat(d.valueProperty().get()).isEqualTo(1 << 20);
        d.valueProperty().set(3);
        assertThat(((Operation.ResizeBacklog) d.operation()).bytes()).isEqualTo(16 * 1024);
    }

    @Test
    void progressAndResultReachTheModelOnlyThroughTheUiThread() {
        h.select("s4");
        OperationDraft d = command(OperationKind.FAILOVER).prepare().orElseThrow();
        CompletableFuture<?> done = h.model.operations().submit(d);
        RunningOperation running = h.model.operations().getOperations().getFirst();
        assertThat(running.getStatus()).isEqualTo(RunningOperation.Status.RUNNING);
        assertThat(running.stepProperty().get()).isEqualTo("submitted");
        assertThat(h.lab.submitted()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(running.id()));

        h.runOperations();
        assertThat(done).isCompleted();
        assertThat(running.getStatus()).isEqualTo(RunningOperation.Status.SUCCEEDED);
        assertThat(running.stepProperty().get()).isEqualTo("s5 is primary; s4 replicates from it");
    }

    @Test
    void aFailedOperationShowsTheErrorText() {
        h.select("s4");
        OperationDraft d = command(OperationKind.FAILOVER).prepare().orElseThrow();
        h.lab.unsupported(OperationKind.FAILOVER, "ERR FAILOVER target replica is not online.");
        CompletableFuture<?> done = h.model.operations().submit(d);
        h.runOperations();
        assertThat(done).isCompletedExceptionally();
        RunningOperation op = h.model.operations().getOperations().getFirst();
        assertThat(op.getStatus()).isEqualTo(RunningOperation.Status.FAILED);
        assertThat(op.stepProperty().get()).isEqualTo("ERR FAILOVER target replica is not online.");
        assertThat(h.model.timeline().getAll().getFirst().summary()).isEqualTo("failed: ERR FAILOVER target replica is not online.");
    }

    @Test
    void startIsOfferedOnlyForAShardThatIsDown() {
        h.select("s3");
        assertThat(command(OperationKind.START_SHARD).getReason()).isEqualTo("s3 is already running");
        h.lab.shard("s3").state(ShardState.STOPPED);
        h.publish();
        assertThat(command(OperationKind.START_SHARD).isExecutable()).isTrue();
        assertThat(command(OperationKind.STOP_SHARD).getReason()).isEqualTo("s3 is stopped: start it instead");
    }

    @Test
    void healIsOfferedOnlyForALinkWithAFault() {
        h.select("s2");
        assertThat(command(OperationKind.HEAL_LINK).getReason()).isEqualTo("The link s2 ← s1 is neither cut nor delayed");
        h.select("s3");
        assertThat(command(OperationKind.HEAL_LINK).isExecutable()).isTrue();
    }
}
