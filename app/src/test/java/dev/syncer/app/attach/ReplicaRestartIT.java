package dev.syncer.app.attach;

import dev.syncer.app.monitor.Target;
import dev.syncer.app.redis.RedisConsole;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica of a real redis-server is stopped and started again at its address while the console
 * watches: the inferred timeline shows its sync, of the kind Redis counted, within two poll periods
 * of its link coming up.
 */
class ReplicaRestartIT {

    private static final Duration POLL = Duration.ofMillis(500);

    /** A sync record and when the console delivered it. */
    private record Seen(SyncReport event, Instant at) {
    }

    @Test
    void aReplicaRestartedWithoutItsRdbIsShownTakingAFullSync() throws IOException {
        restartAndWatch(false, SyncType.FULL);
    }

    @Test
    void aReplicaShutDownWithSaveIsShownResumingWithAPartialSync() throws IOException {
        restartAndWatch(true, SyncType.PARTIAL);
    }

    private void restartAndWatch(boolean saveOnShutdown, SyncType expected) throws IOException {
        Path replicaDir = Files.createTempDirectory("replica");
        try (RealRedis primary = RealRedis.start("--repl-diskless-sync-delay", "0")) {
            String[] replicaOf = {"--replicaof", "127.0.0.1", Integer.toString(primary.port())};
            RealRedis replica = RealRedis.start(replicaDir, replicaOf);
            int replicaPort = replica.port();
            try (RedisConsole console = new RedisConsole(Target.of("127.0.0.1", primary.port()), POLL)) {
                List<Seen> syncs = new CopyOnWriteArrayList<>();
                console.ports().events().subscribe(e -> {
                    if (e instanceof SyncReport s) {
                        syncs.add(new Seen(s, Instant.now()));
                    }
                });
                ReplicationWaits.awaitInSync(primary.port(), replicaPort);
                primary.cli("SET", "k", "v");
                awaitConsoleShows(console, replicaPort, ShardState.RUNNING);
                long fullBefore = ReplicationWaits.statsField(primary.port(), "sync_full");
                long partialBefore = ReplicationWaits.statsField(primary.port(), "sync_partial_ok");

                if (saveOnShutdown) {
                    replica.cli("SHUTDOWN", "SAVE");
                } else {
                    replica.cli("SHUTDOWN", "NOSAVE");
                    Files.deleteIfExists(replicaDir.resolve("dump.rdb")); // the RDB its last full sync left
                }
                replica.close();
                awaitConsoleShows(console, replicaPort, ShardState.UNREACHABLE);
                primary.cli("SET", "k", "after"); // the stream moves on while it is away
                replica = RealRedis.start(replicaDir, replicaPort, replicaOf);
                ReplicationWaits.awaitLinkUp(replicaPort);
                Instant linkUp = Instant.now();

                ReplicationWaits.await("the restarted replica's sync on the timeline").atMost(POLL.multipliedBy(4))
                        .until(() -> syncs.stream().anyMatch(s -> s.event().receiverId().equals("127.0.0.1:" + replicaPort)));
                Seen seen = syncs.stream().filter(s -> s.event().receiverId().equals("127.0.0.1:" + replicaPort))
                        .findFirst().orElseThrow();
                assertThat(Duration.between(linkUp, seen.at())).isLessThanOrEqualTo(POLL.multipliedBy(2));
                assertThat(seen.event().type()).isEqualTo(expected);
                assertThat(seen.event().detail()).startsWith("restart").contains("observed");
                // the kind Redis itself counted
                long fullAfter = ReplicationWaits.statsField(primary.port(), "sync_full");
                long partialAfter = ReplicationWaits.statsField(primary.port(), "sync_partial_ok");
                assertThat(expected == SyncType.FULL ? fullAfter - fullBefore : partialAfter - partialBefore).isEqualTo(1);
            } finally {
                replica.close();
            }
        }
    }

    private static void awaitConsoleShows(RedisConsole console, int port, ShardState state) {
        ReplicationWaits.await("the console shows :" + port + " " + state.word()).until(() ->
                console.ports().topology() instanceof dev.syncer.app.adapter.Hub hub && hub.last() != null
                        && hub.last().shard("127.0.0.1:" + port).map(s -> s.state() == state).orElse(false));
    }
}
