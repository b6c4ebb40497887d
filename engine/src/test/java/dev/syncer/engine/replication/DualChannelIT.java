package dev.syncer.engine.replication;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.SyncEvents;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.statsField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valkey 8's dual-channel full sync with valkey-server 8.0.1 on either side, and between two
 * shards: the RDB on its own connection while the replica buffers the stream, under writes.
 */
class DualChannelIT {

    private static final String[] DUAL = {"dual-channel-replication-enabled", "yes", "repl-diskless-sync-delay", "0"};

    @Test
    void valkeyReplicaDualChannelSyncsFromOurPrimaryUnderWrites() {
        try (TestShard primary = TestShard.start(DUAL); Writer load = Writer.fill(primary.port(), 20_000)) {
            try (RealRedis replica = RealRedis.startValkey("--enable-debug-command", "local",
                    "--dual-channel-replication-enabled", "yes", "--replicaof", "127.0.0.1",
                    Integer.toString(primary.port()))) {
                load.stopAfter(3_000);
                assertSameData(primary.port(), replica.port());
                assertThat(statsField(primary.port(), "sync_full")).isEqualTo(1);
                assertThat(replica.log()).contains("PSYNC is not possible, initialize RDB channel.")
                        .contains("Successfully streamed replication data into memory");
                Map<String, String> event = SyncEvents.await(primary.port(), "the dual-channel sync's event",
                        SyncEvents.ok("primary", "full"));
                assertThat(event.get("phases")).contains("rdb-channel").contains("transfer");
            }
        }
    }

    @Test
    void ourReplicaDualChannelSyncsFromValkeyUnderWrites() {
        try (RealRedis primary = RealRedis.startValkey("--enable-debug-command", "local",
                "--dual-channel-replication-enabled", "yes", "--repl-diskless-sync-delay", "0");
             Writer load = Writer.fill(primary.port(), 20_000);
             TestShard replica = dualReplicaOf(primary.port())) {
            load.stopAfter(3_000);
            assertSameData(primary.port(), replica.port());
            assertThat(primary.log()).contains("Full sync will continue with dedicated RDB channel")
                    .contains("Partial resynchronization request from");
            Map<String, String> event = SyncEvents.await(replica.port(), "the dual-channel sync's event",
                    SyncEvents.ok("replica", "full"));
            assertThat(event.get("phases")).contains("rdb-channel").contains("transfer").contains("load")
                    .contains("apply-buffered");
            assertThat(event.get("detail")).startsWith("dual-channel: ");
        }
    }

    @Test
    void shardReplicaDualChannelSyncsFromShardPrimaryUnderWrites() {
        try (TestShard primary = TestShard.start(DUAL); Writer load = Writer.fill(primary.port(), 20_000);
             TestShard replica = dualReplicaOf(primary.port())) {
            load.stopAfter(3_000);
            assertSameData(primary.port(), replica.port());
            assertThat(statsField(primary.port(), "sync_full")).isEqualTo(1);
            Map<String, String> sent = SyncEvents.await(primary.port(), "the primary's event", SyncEvents.ok("primary", "full"));
            assertThat(sent.get("phases")).contains("rdb-channel");
            Map<String, String> got = SyncEvents.await(replica.port(), "the replica's event", SyncEvents.ok("replica", "full"));
            assertThat(got.get("phases")).contains("rdb-channel").contains("apply-buffered");
            assertThat(replica.dir().resolve("dump.rdb")).as("a disk-backed load keeps its file").exists();
        }
    }

    @Test
    void aDisklessLoadingReplicaLoadsTheRdbChannelFromTheSocket() {
        try (TestShard primary = TestShard.start(DUAL); Writer load = Writer.fill(primary.port(), 20_000);
             TestShard replica = TestShard.start("dual-channel-replication-enabled", "yes",
                     "repl-diskless-load", "swapdb", "replicaof", "127.0.0.1 " + primary.port())) {
            load.stopAfter(3_000);
            assertSameData(primary.port(), replica.port());
            Map<String, String> got = SyncEvents.await(replica.port(), "the replica's event", SyncEvents.ok("replica", "full"));
            assertThat(got.get("phases")).contains("rdb-channel").contains("load").contains("apply-buffered");
            assertThat(replica.dir().resolve("dump.rdb")).as("a diskless load keeps no file").doesNotExist();
        }
    }

    @Test
    void aPrimaryWithoutDualChannelGetsAPlainFullSync() {
        try (TestShard primary = TestShard.start("repl-diskless-sync-delay", "0");
             TestShard replica = dualReplicaOf(primary.port())) {
            awaitInSync(primary.port(), replica.port());
            Map<String, String> got = SyncEvents.await(replica.port(), "the replica's event", SyncEvents.ok("replica", "full"));
            assertThat(got.get("phases")).doesNotContain("rdb-channel");
        }
    }

    private static TestShard dualReplicaOf(int primaryPort) {
        return TestShard.start("dual-channel-replication-enabled", "yes", "replicaof", "127.0.0.1 " + primaryPort);
    }

    private static void assertSameData(int primaryPort, int replicaPort) {
        awaitInSync(primaryPort, replicaPort);
        assertThat(digest(replicaPort)).isEqualTo(digest(primaryPort));
    }

    /** SETs from a thread until stopped; counts what was acknowledged. */
    static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong written = new AtomicLong();
        private final Thread thread;

        private Writer(int port) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                try (RespClient c = RespClient.connect(port)) {
                    while (running.get()) {
                        long n = written.get();
                        c.call("SET", "load:" + (n % 5_000), "v" + n);
                        written.incrementAndGet();
                    }
                }
            });
        }

        /** Fills {@code keys} keys (so the RDB takes some time), then keeps writing. */
        static Writer fill(int port, int keys) {
            String value = "x".repeat(200);
            try (RespClient c = RespClient.connect(port)) {
                for (int from = 0; from < keys; from += 1_000) {
                    String[] mset = new String[1 + 2 * 1_000];
                    mset[0] = "MSET";
                    for (int i = 0; i < 1_000; i++) {
                        mset[1 + 2 * i] = "data:" + (from + i);
                        mset[2 + 2 * i] = value;
                    }
                    c.call(mset);
                }
            }
            return new Writer(port);
        }

        /** Stops once n more writes went through (the sync runs meanwhile). */
        void stopAfter(long n) {
            long target = written.get() + n;
            dev.syncer.engine.testing.ReplicationWaits.await(n + " writes").until(() -> written.get() >= target);
            stop();
        }

        void stop() {
            running.set(false);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
