package dev.syncer.engine.server;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.statsField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * maxmemory end to end: a shard limited to 2 MB takes 10 MB of writes, stays under its limit by
 * evicting, and a real redis-server replica applies the evictions' DELs to the same data; under
 * noeviction writes are refused with Redis's OOM error while reads and deletes go on.
 */
class MaxmemoryIT {

    private static final long LIMIT = 2 * 1024 * 1024;
    private static final int KEYS = 1_000;
    private static final String VALUE = "v".repeat(10_000); // 10 MB in all

    @Test
    void allkeysLruStaysUnderTheLimitAndItsReplicaReceivesTheEvictions() {
        try (TestShard primary = TestShard.start("maxmemory", "2mb", "maxmemory-policy", "allkeys-lru",
                     "repl-diskless-sync-delay", "0");
             RealRedis replica = RealRedis.start("--enable-debug-command", "local",
                     "--replicaof", "127.0.0.1", Integer.toString(primary.port()));
             RespClient p = primary.raw()) {
            awaitInSync(primary.port(), replica.port());
            long highest = 0;
            for (int batch = 0; batch < 10; batch++) {
                pipelineSets(p, batch * KEYS / 10, KEYS / 10);
                // what maxmemory bounds (getMaxmemoryState): the replication buffer beyond the
                // backlog's size and the replica's output are not counted, as in Redis
                var memory = p.info("memory");
                highest = Math.max(highest, Long.parseLong(memory.get("used_memory"))
                        - Long.parseLong(memory.get("mem_not_counted_for_evict")));
            }
            long evicted = statsField(primary.port(), "evicted_keys");
            long kept = (Long) p.call("DBSIZE");
            assertThat(highest).isLessThanOrEqualTo(LIMIT);
            assertThat(kept).isBetween(50L, 300L); // 1–2 MB of 10 kB values: the 1 MB backlog counts, as in Redis
            assertThat(evicted).isEqualTo(KEYS - kept);
            assertThat(p.call("EXISTS", "key:" + (KEYS - 1))).isEqualTo(1L); // the newest survive LRU
            assertThat(p.call("EXISTS", "key:0")).isEqualTo(0L);

            awaitInSync(primary.port(), replica.port());
            try (RespClient r = replica.raw()) {
                assertThat(r.call("DBSIZE")).isEqualTo(kept);
                assertThat(r.info("stats").get("evicted_keys")).isEqualTo("0"); // it only applied DELs
            }
            assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
        }
    }

    @Test
    void noevictionRefusesWritesWithRedissOomErrorButServesReadsAndDeletes() {
        try (TestShard shard = TestShard.start("maxmemory", "1mb");
             RespClient c = shard.raw()) {
            Object reply = "OK";
            int written = 0;
            while ("OK".equals(reply) && written < KEYS) {
                reply = c.call("SET", "key:" + written, VALUE);
                written++;
            }
            assertThat(reply).isEqualTo(new RespClient.Error("OOM command not allowed when used memory > 'maxmemory'."));
            long kept = (Long) c.call("DBSIZE");
            assertThat(kept).isEqualTo(written - 1L);
            assertThat(c.call("RPUSH", "list", "x")).isEqualTo(reply);
            assertThat(RespClient.text(c.call("GET", "key:0"))).isEqualTo(VALUE);
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("GET", "key:0")).isEqualTo(reply); // nothing is queued while out of memory
            assertThat(c.call("DISCARD")).isEqualTo("OK");
            assertThat(c.call("DEL", "key:0", "key:1")).isEqualTo(2L);
            assertThat(c.call("SET", "small", "1")).isEqualTo("OK"); // room again after the deletes
            assertThat(statsField(shard.port(), "evicted_keys")).isZero();
        }
    }

    @Test
    void atTenacityZeroEvictionGoesOnInLaterLoopTurnsAndWritesAreNotRefusedMeanwhile() {
        try (TestShard shard = TestShard.start("maxmemory-policy", "allkeys-random", "maxmemory-eviction-tenacity", "0");
             RespClient c = shard.raw()) {
            assertThat(c.call("CONFIG", "SET", "maxmemory-eviction-tenacity", "101")).isInstanceOf(RespClient.Error.class);
            assertThat(c.call("DEBUG", "POPULATE", "20000")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "maxmemory", "512kb")).isEqualTo("OK");
            // each command evicts only 16 keys at tenacity 0; the rest goes in loop turns of its own
            assertThat(c.call("SET", "during", "1")).as("EVICT_RUNNING is not out of memory").isEqualTo("OK");
            // polled once a second, so the polls themselves could evict 500 keys at the most
            await("evicted under maxmemory").pollInterval(java.time.Duration.ofSeconds(1)).until(() ->
                    Long.parseLong(c.info("memory").get("used_memory")) <= 512 * 1024);
            assertThat(statsField(shard.port(), "evicted_keys")).isGreaterThan(5_000L);
        }
    }

    /** SETs key:from .. key:from+n-1 in one pipeline, every reply OK. */
    private static void pipelineSets(RespClient c, int from, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < from + n; i++) {
            out.writeBytes(RespClient.encode("SET", "key:" + i, VALUE));
        }
        c.send(out.toByteArray());
        for (int i = 0; i < n; i++) {
            assertThat(c.read()).isEqualTo("OK");
        }
    }
}
