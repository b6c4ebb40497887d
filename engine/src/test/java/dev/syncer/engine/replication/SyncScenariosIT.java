package dev.syncer.engine.replication;

import dev.syncer.engine.testing.Datasets;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.SyncEvents;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static dev.syncer.engine.testing.SyncEvents.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The situations the console's sync page shows, each ending in the sync Redis would do, as the
 * event log records it: a new replica (full), a restart or a crash from the replica's own RDB
 * (partial), a replica moved to another port and directory with its data (partial), one that was
 * away longer than the backlog covers (full, with the numbers), and a FAILOVER (partial for the
 * demoted primary and for the sibling re-pointed to the new primary).
 */
class SyncScenariosIT {

    private static TestShard primary(String... extra) {
        String[] settings = new String[extra.length + 2];
        settings[0] = "repl-diskless-sync-delay";
        settings[1] = "0";
        System.arraycopy(extra, 0, settings, 2, extra.length);
        return TestShard.start(settings);
    }

    private static TestShard replicaOf(TestShard primary, Path dir) {
        return TestShard.start(dir, "replicaof", "127.0.0.1 " + primary.port(), "repl-diskless-sync-delay", "0");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("replica");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void call(TestShard shard, String... args) {
        try (RespClient c = shard.raw()) {
            Object reply = c.call(args);
            assertThat(reply).as(String.join(" ", args)).isNotInstanceOf(RespClient.Error.class);
        }
    }

    private static void write(TestShard shard, String prefix, int n) {
        try (RespClient c = shard.raw()) {
            for (int i = 0; i < n; i++) {
                c.call("SET", prefix + i, "v".repeat(100));
            }
        }
    }

    @Test
    void aBrandNewReplicaGetsAFullSyncOnBothSides() {
        try (TestShard p = primary(); TestShard r = replicaOf(p, tempDir())) {
            Datasets.everyType(p.port(), "x");
            awaitInSync(p.port(), r.port());
            Map<String, String> served = SyncEvents.await(p.port(), "served full sync", ok("primary", "full"));
            assertThat(served.keySet()).containsExactly("seq", "time_ms", "side", "type", "cause", "detail", "peer",
                    "replid", "offset", "bytes", "duration_ms", "phases", "outcome");
            assertThat(served.get("cause")).isEqualTo("new-replica");
            assertThat(served.get("detail")).isEmpty();
            assertThat(served.get("peer")).isEqualTo("127.0.0.1:" + r.port());
            assertThat(served.get("phases")).contains("transfer:").contains("wait-ack:");
            Map<String, String> received = SyncEvents.await(r.port(), "received full sync", ok("replica", "full"));
            assertThat(received.get("cause")).isEqualTo("startup");
            assertThat(received.get("replid")).isEqualTo(field(p.port(), "replication", "master_replid"));
            assertThat(Long.parseLong(received.get("bytes"))).isPositive();
            assertThat(received.get("phases")).contains("handshake:").contains("transfer:").contains("load:");
        }
    }

    @Test
    void aReplicaRestartedFromItsRdbResumesWithAPartialSync() {
        Path dir = tempDir();
        try (TestShard p = primary()) {
            try (TestShard r = replicaOf(p, dir)) {
                write(p, "a", 50);
                awaitInSync(p.port(), r.port());
                call(r, "SAVE");
            }
            write(p, "b", 50);
            try (TestShard r = replicaOf(p, dir)) {
                awaitInSync(p.port(), r.port());
                Map<String, String> e = SyncEvents.await(r.port(), "partial after restart", ok("replica", "partial"));
                assertThat(e.get("cause")).isEqualTo("restart-from-rdb");
                assertThat(SyncEvents.side(r.port(), "replica")).noneMatch(x -> "full".equals(x.get("type")));
                assertThat(digest(r.port())).isEqualTo(digest(p.port()));
            }
        }
    }

    @Test
    void aCrashedReplicaResumesFromItsLastSaveWithAPartialSync() {
        Path dir = tempDir();
        try (TestShard p = primary()) {
            TestShard crashed = replicaOf(p, dir);
            write(p, "a", 20);
            awaitInSync(p.port(), crashed.port());
            call(crashed, "SAVE");
            write(p, "b", 20);
            awaitInSync(p.port(), crashed.port());
            crashed.shard().crash(); // no save: the dump is the one from before "b"
            write(p, "c", 20);
            try (TestShard r = replicaOf(p, dir)) {
                awaitInSync(p.port(), r.port());
                SyncEvents.await(r.port(), "partial after crash", ok("replica", "partial"));
                assertThat(digest(r.port())).isEqualTo(digest(p.port()));
                assertThat(SyncEvents.side(p.port(), "primary")).filteredOn(e -> "full".equals(e.get("type"))).hasSize(1);
            }
            crashed.close();
        }
    }

    @Test
    void aReplicaMovedToAnotherPortAndDirWithItsDataResumesWithAPartialSync() throws IOException {
        Path oldDir = tempDir();
        Path newDir = tempDir();
        try (TestShard p = primary()) {
            int oldPort;
            try (TestShard r = replicaOf(p, oldDir)) {
                oldPort = r.port();
                write(p, "a", 30);
                awaitInSync(p.port(), r.port());
                call(r, "SAVE");
            }
            Files.copy(oldDir.resolve("dump.rdb"), newDir.resolve("dump.rdb"));
            write(p, "b", 30);
            try (TestShard moved = replicaOf(p, newDir)) {
                assertThat(moved.port()).isNotEqualTo(oldPort);
                awaitInSync(p.port(), moved.port());
                Map<String, String> served = SyncEvents.await(p.port(), "partial for the moved replica",
                        e -> ok("primary", "partial").test(e) && e.get("peer").endsWith(":" + moved.port()));
                assertThat(served.get("bytes")).isNotEqualTo("0");
                assertThat(digest(moved.port())).isEqualTo(digest(p.port()));
            }
        }
    }

    @Test
    void aReplicaAwayLongerThanTheBacklogCoversGetsAFullSyncAndTheNumbersAreRecorded() {
        Path dir = tempDir();
        try (TestShard p = primary("repl-backlog-size", "16kb")) {
            try (TestShard r = replicaOf(p, dir)) {
                write(p, "a", 10);
                awaitInSync(p.port(), r.port());
                call(r, "SAVE");
            }
            write(p, "b", 400); // ~50 KB: more than the 16 KB backlog
            try (TestShard r = replicaOf(p, dir)) {
                awaitInSync(p.port(), r.port());
                Map<String, String> served = SyncEvents.await(p.port(), "full sync for lack of backlog",
                        e -> ok("primary", "full").test(e) && "offset-out-of-backlog".equals(e.get("cause")));
                assertThat(served.get("detail")).matches("requested \\d+, backlog \\d+\\.\\.\\d+");
                assertThat(digest(r.port())).isEqualTo(digest(p.port()));
            }
            assertThat(Long.parseLong(field(p.port(), "stats", "sync_partial_err"))).isEqualTo(1);
        }
    }

    @Test
    void aPrimaryRestartedFromItsRdbKeepsItsHistoryAsReplid2SoItsReplicaContinues() {
        Path dir = tempDir();
        TestShard p = TestShard.start(dir, "repl-diskless-sync-delay", "0");
        try (TestShard r = replicaOf(p, tempDir())) {
            write(p, "a", 20);
            awaitInSync(p.port(), r.port());
            String oldId = field(p.port(), "replication", "master_replid");
            call(p, "SAVE");
            p.close();
            try (TestShard restarted = TestShard.start(dir, "repl-diskless-sync-delay", "0")) {
                assertThat(field(restarted.port(), "replication", "master_replid2")).isEqualTo(oldId);
                call(r, "REPLICAOF", "127.0.0.1", Integer.toString(restarted.port()));
                awaitInSync(restarted.port(), r.port());
                SyncEvents.await(restarted.port(), "partial for the old history", ok("primary", "partial"));
                assertThat(SyncEvents.last(r.port(), "replica")).containsEntry("type", "partial");
                write(restarted, "b", 5);
                awaitInSync(restarted.port(), r.port());
                assertThat(digest(r.port())).isEqualTo(digest(restarted.port()));
            }
        }
    }

    @Test
    void aRestartedPrimaryFeedsTheDelsOfKeysThatExpiredWhileItWasDownToItsBacklog() {
        Path dir = tempDir();
        TestShard p = TestShard.start(dir, "repl-diskless-sync-delay", "0", "save", ""); // only the SAVE below
        try (TestShard r = replicaOf(p, tempDir())) {
            write(p, "a", 5);
            try (RespClient c = p.raw()) { // a key outside db 0: its DEL comes with a SELECT
                c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0"); // the RDB keeps the expired key, as it would
                c.call("SELECT", "3");
                assertThat(c.call("SET", "gone", "v", "PX", "100")).isEqualTo("OK");
                long expired = System.currentTimeMillis() + 100;
                await("the key's expiry passes").until(() -> System.currentTimeMillis() > expired);
                awaitInSync(p.port(), r.port());
                assertThat(c.call("SAVE")).isEqualTo("OK");
            }
            long offset = Long.parseLong(field(p.port(), "replication", "master_repl_offset"));
            p.close();
            try (TestShard restarted = TestShard.start(dir, "repl-diskless-sync-delay", "0")) {
                assertThat(field(restarted.port(), "persistence", "rdb_last_load_keys_expired")).isEqualTo("1");
                long histlen = Long.parseLong(field(restarted.port(), "replication", "repl_backlog_histlen"));
                assertThat(histlen).as("SELECT 3 and DEL gone").isPositive();
                assertThat(field(restarted.port(), "replication", "master_repl_offset")).isEqualTo(Long.toString(offset + histlen));
                assertThat(field(restarted.port(), "replication", "repl_backlog_first_byte_offset")).isEqualTo(Long.toString(offset + 1));
                call(r, "REPLICAOF", "127.0.0.1", Integer.toString(restarted.port()));
                awaitInSync(restarted.port(), r.port());
                assertThat(SyncEvents.last(r.port(), "replica")).containsEntry("type", "partial");
                assertThat(digest(r.port())).as("the replica deleted the key too").isEqualTo(digest(restarted.port()));
            }
        }
    }

    @Test
    void aDemotedPrimaryWithoutWritesSinceTheSplitResumesPartially() {
        try (TestShard p = primary(); TestShard r = replicaOf(p, tempDir())) {
            write(p, "a", 10);
            awaitInSync(p.port(), r.port());
            call(r, "REPLICAOF", "NO", "ONE");
            call(p, "REPLICAOF", "127.0.0.1", Integer.toString(r.port()));
            awaitInSync(r.port(), p.port());
            assertThat(SyncEvents.last(p.port(), "replica")).containsEntry("type", "partial")
                    .containsEntry("cause", "manual-replicaof");
            assertThat(digest(p.port())).isEqualTo(digest(r.port()));
        }
    }

    @Test
    void aDemotedPrimaryThatKeptWritingAfterTheSplitGetsAFullSync() {
        try (TestShard p = primary(); TestShard r = replicaOf(p, tempDir())) {
            write(p, "a", 10);
            awaitInSync(p.port(), r.port());
            call(r, "REPLICAOF", "NO", "ONE");
            write(p, "diverging", 3); // bytes of p's history that r never saw
            call(p, "REPLICAOF", "127.0.0.1", Integer.toString(r.port()));
            awaitInSync(r.port(), p.port());
            assertThat(SyncEvents.last(p.port(), "replica")).containsEntry("type", "full");
            assertThat(SyncEvents.last(r.port(), "primary").get("cause")).isEqualTo("offset-beyond-history");
            assertThat(digest(p.port())).isEqualTo(digest(r.port()));
        }
    }

    @Test
    void afterAFailoverTheDemotedPrimaryAndARepointedSiblingSyncPartially() {
        try (TestShard p = primary(); TestShard r1 = replicaOf(p, tempDir()); TestShard r2 = replicaOf(p, tempDir())) {
            Datasets.everyType(p.port(), "before");
            awaitInSync(p.port(), r1.port());
            awaitInSync(p.port(), r2.port());
            String oldId = field(p.port(), "replication", "master_replid");

            call(p, "FAILOVER", "TO", "127.0.0.1", Integer.toString(r1.port()));
            awaitInSync(r1.port(), p.port());
            assertThat(field(r1.port(), "replication", "role")).isEqualTo("master");
            assertThat(field(r1.port(), "replication", "master_replid2")).isEqualTo(oldId);
            assertThat(field(p.port(), "replication", "master_failover_state")).isEqualTo("no-failover");
            Map<String, String> demoted = SyncEvents.await(p.port(), "demoted primary's partial sync", ok("replica", "partial"));
            assertThat(demoted.get("cause")).isEqualTo("failover");
            assertThat(SyncEvents.await(r1.port(), "target served", ok("primary", "partial")).get("cause")).isEqualTo("failover");

            call(r2, "REPLICAOF", "127.0.0.1", Integer.toString(r1.port()));
            Datasets.everyType(r1.port(), "after");
            awaitInSync(r1.port(), r2.port());
            awaitInSync(r1.port(), p.port());
            assertThat(SyncEvents.side(r2.port(), "replica")).filteredOn(e -> "full".equals(e.get("type"))).hasSize(1);
            assertThat(SyncEvents.last(r2.port(), "replica")).containsEntry("type", "partial").containsEntry("outcome", "ok");
            assertThat(digest(r2.port())).isEqualTo(digest(r1.port()));
            assertThat(digest(p.port())).isEqualTo(digest(r1.port()));
            try (RespClient c = p.raw()) {
                assertThat(c.call("SET", "k", "v")).isEqualTo(new RespClient.Error("READONLY You can't write against a read only replica."));
            }
        }
    }
}
