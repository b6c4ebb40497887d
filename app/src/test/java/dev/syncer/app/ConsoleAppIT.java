package dev.syncer.app;

import dev.syncer.app.testing.ConsoleRobot;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.views.model.TimelineEntry;
import javafx.scene.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real app, headless (Monocle): on a small embedded lab, a failover is triggered from the UI and
 * the new roles and the partial syncs show; attached to a real redis-server with a replica, both
 * servers show with their roles.
 */
class ConsoleAppIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private ConsoleRobot console;

    @AfterEach
    void closeApp() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    private void launch(String... args) throws Exception {
        console = ConsoleRobot.launch(args);
    }

    private Optional<Node> byId(String id) {
        return console.byId(id);
    }

    private String role(String shardId) {
        return console.role(shardId);
    }

    @Test
    void failoverFromTheUiPromotesTheReplicaAndTheTimelineShowsPartialSyncs() throws Exception {
        Path topology = Files.createTempFile("lab", ".topology");
        Files.writeString(topology, "cluster east nodes=3\ndatabase cache plain east replicas=2\n");
        launch("--lab", topology.toString(), "--no-load");

        await().atMost(WAIT).until(() -> byId("shard-east/cache/3").isPresent() && "REPLICA".equals(role("east/cache/2")));
        assertThat(role("east/cache/1")).isEqualTo("PRIMARY");

        console.failoverFrom("east/cache/2", null);

        await().atMost(WAIT).until(() -> "PRIMARY".equals(role("east/cache/2")) && "REPLICA".equals(role("east/cache/1")));
        await().atMost(WAIT).until(() -> console.timeline().stream()
                .anyMatch(e -> e.kind() == TimelineEntry.Kind.PARTIAL_SYNC && e.subject().contains("cache/1")));
        assertThat(console.timeline()).filteredOn(e -> e.kind() == TimelineEntry.Kind.FULL_SYNC && !e.operationLabel().isEmpty())
                .as("the failover caused no full sync").isEmpty();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void attachedToRealRedisShowsThePrimaryAndItsReplica() throws Exception {
        try (RealRedis primary = RealRedis.start(); RealRedis replica = RealRedis.start()) {
            replica.cli("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
            launch("--attach", "127.0.0.1:" + replica.port());

            String p = "127.0.0.1:" + primary.port();
            String r = "127.0.0.1:" + replica.port();
            await().atMost(WAIT).until(() -> byId("shard-" + p).isPresent() && byId("shard-" + r).isPresent()
                    && "PRIMARY".equals(role(p)) && "REPLICA".equals(role(r)));
        }
    }
}
