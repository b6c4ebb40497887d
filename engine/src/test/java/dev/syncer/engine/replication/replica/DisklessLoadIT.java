package dev.syncer.engine.replication.replica;

import dev.syncer.engine.testing.FakePrimary;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * repl-diskless-load: the RDB is loaded as it arrives, and while it loads the shard says so as Redis 7.0 does —
 * loading:1 and -LOADING for a load of another history, async_loading:1 with the old data served for a swapdb
 * load of its own history — and a load cut short leaves the old data in place.
 */
class DisklessLoadIT {

    private static final RespClient.Error LOADING = new RespClient.Error("LOADING Redis is loading the dataset in memory");
    private static final String MARK = "m".repeat(40);

    /** A primary that starts a diskless transfer under {@code replid}, sends the RDB's first bytes and stalls until cut. */
    private static FakePrimary stallingPrimary(String replid, CountDownLatch cut) {
        return new FakePrimary(c -> {
            c.handshake();
            if (c.number() > 1) {
                c.drain(); // the reconnect waits in the handshake: nothing loads
                return;
            }
            c.send("+FULLRESYNC " + replid + " 0\r\n$EOF:" + MARK + "\r\nREDIS0010");
            try {
                cut.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aLoadOfAnotherHistoryIsLoadingAndACutOneKeepsTheOldData() throws Exception {
        CountDownLatch cut = new CountDownLatch(1);
        try (FakePrimary primary = stallingPrimary("c".repeat(40), cut);
             TestShard r = TestShard.start("repl-diskless-load", "swapdb"); RespClient c = r.raw()) {
            c.call("SET", "mine", "old");
            c.call("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
            await("the load began").until(() -> "1".equals(field(r.port(), "persistence", "loading")));
            assertThat(field(r.port(), "persistence", "async_loading")).isEqualTo("0");
            assertThat(c.call("GET", "mine")).isEqualTo(LOADING);
            assertThat(c.call("PING")).as("PING has no CMD_LOADING flag").isEqualTo(LOADING);
            assertThat(c.call("CONFIG", "GET", "repl-diskless-load")).isNotInstanceOf(RespClient.Error.class);
            cut.countDown();
            await("the cut load ended").until(() -> "0".equals(field(r.port(), "persistence", "loading")));
            assertThat(RespClient.text(c.call("GET", "mine"))).isEqualTo("old");
            assertThat(c.call("DBSIZE")).isEqualTo(1L);
        }
    }

    @Test
    void aSwapdbLoadOfItsOwnHistoryKeepsServingTheOldData() throws Exception {
        CountDownLatch cut = new CountDownLatch(1);
        try (TestShard r = TestShard.start("repl-diskless-load", "swapdb"); RespClient c = r.raw()) {
            String own = field(r.port(), "replication", "master_replid");
            try (FakePrimary primary = stallingPrimary(own, cut)) {
                c.call("SET", "mine", "old");
                c.call("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
                await("the async load began").until(() -> "1".equals(field(r.port(), "persistence", "async_loading")));
                assertThat(field(r.port(), "persistence", "loading")).isEqualTo("0");
                assertThat(RespClient.text(c.call("GET", "mine"))).isEqualTo("old");
                assertThat(c.call("CONFIG", "SET", "appendonly", "no")).as("DENY_LOADING_CONFIG").isEqualTo(LOADING);
                assertThat(c.call("REPLICAOF", "NO", "ONE")).as("CMD_NO_ASYNC_LOADING").isEqualTo(LOADING);
                cut.countDown();
                await("the cut load ended").until(() -> "0".equals(field(r.port(), "persistence", "async_loading")));
                assertThat(RespClient.text(c.call("GET", "mine"))).isEqualTo("old");
            }
        }
    }

    @Test
    void aSlowedDisklessLoadCompletesWithThePrimarysData() {
        try (TestShard p = TestShard.start("repl-diskless-sync", "yes", "repl-diskless-sync-delay", "0");
             TestShard r = TestShard.start("repl-diskless-load", "swapdb", "key-load-delay", "50");
             RespClient pc = p.raw(); RespClient c = r.raw()) {
            pc.call("DEBUG", "POPULATE", "2000", "key", "1000"); // 2 MB, 0.1 s of delays: the pipe fills and drains
            c.call("SET", "mine", "old");
            c.call("REPLICAOF", "127.0.0.1", Integer.toString(p.port()));
            awaitInSync(p.port(), r.port());
            assertThat(c.call("DBSIZE")).isEqualTo(2000L);
            assertThat(c.call("GET", "mine")).isNull();
            assertThat(field(r.port(), "persistence", "loading")).isEqualTo("0");
        }
    }
}
