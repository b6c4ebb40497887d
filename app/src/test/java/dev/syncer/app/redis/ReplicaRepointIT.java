package dev.syncer.app.redis;

import dev.syncer.app.monitor.Target;
import dev.syncer.app.testing.ThreadUiScheduler;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.operations.OperationDraft;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.prediction.SyncPrediction;
import dev.syncer.views.model.timeline.TimelineEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica of real redis-servers pointed at its sibling from the console (REPLICAOF): predicted
 * partial, since the sibling holds its history, and the partial sync Redis counted holds it.
 */
class ReplicaRepointIT {

    @Test
    void aReplicaPointedAtItsSiblingResumesWithThePredictedPartialSync() throws Exception {
        try (RealRedis primary = RealRedis.start("--repl-diskless-sync-delay", "0");
             RealRedis a = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()));
             RealRedis b = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()));
             RedisConsole console = new RedisConsole(Target.of("127.0.0.1", primary.port()));
             ThreadUiScheduler ui = new ThreadUiScheduler()) {
            primary.cli("SET", "k", "v");
            ReplicationWaits.awaitInSync(primary.port(), a.port());
            ReplicationWaits.awaitInSync(primary.port(), b.port());
            String aId = "127.0.0.1:" + a.port();
            String bId = "127.0.0.1:" + b.port();
            ConsoleModel model = new ConsoleModel(console.ports(), ui);
            model.start();
            ReplicationWaits.await("the console shows both replicas at the primary's offset").until(() -> ui.read(() ->
                    model.topology().shard(bId).isPresent() && model.topology().shard(aId).isPresent()
                            && model.topology().snapshotProperty().get().shard(bId).orElseThrow().processedOffset()
                            == model.topology().snapshotProperty().get().shard(aId).orElseThrow().processedOffset()));
            OperationDraft draft = ui.read(() -> {
                model.selectShard(bId);
                OperationDraft d = model.operations().command(OperationKind.REPOINT_REPLICA).prepare().orElseThrow();
                d.choiceProperty().set(d.choices().stream().filter(c -> c.id().equals(aId)).findFirst().orElseThrow());
                return d;
            });
            assertThat(ui.read(draft::getPredictions)).extracting(SyncPrediction::peerId, SyncPrediction::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(bId, SyncType.PARTIAL));

            ui.read(() -> model.operations().submit(draft)).get(20, TimeUnit.SECONDS);

            assertThat(ReplicationWaits.field(b.port(), "replication", "master_port")).isEqualTo(Integer.toString(a.port()));
            ReplicationWaits.await("the repoint's prediction held").until(() -> ui.read(() ->
                    model.timeline().getAll().stream().anyMatch(e -> e.key().startsWith("op:op-")
                            && e.verdict() == TimelineEntry.Verdict.HELD)));
            List<TimelineEntry> rows = ui.read(() -> List.copyOf(model.timeline().getAll()));
            assertThat(rows).filteredOn(e -> e.kind() == TimelineEntry.Kind.PARTIAL_SYNC && e.involved().contains(":" + b.port()))
                    .anySatisfy(e -> assertThat(e.causeDetail()).contains("observed: sync_partial_ok"));
            assertThat(ReplicationWaits.statsField(a.port(), "sync_partial_ok")).isEqualTo(1);
            model.close();
        }
    }
}
