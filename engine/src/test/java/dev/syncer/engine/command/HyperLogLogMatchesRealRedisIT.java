package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HyperLogLogs are strings, so a shard must hold exactly the bytes redis-server 7.0 holds for the
 * same PFADDs and PFMERGEs — sparse, promoted, dense, with and without a valid cached cardinality
 * — and must count Redis's own bytes (handed over by SET or DUMP/RESTORE) to Redis's numbers.
 */
class HyperLogLogMatchesRealRedisIT {

    /** Cardinalities around each sparse/dense boundary and well into the dense range. */
    private static final int[] SIZES = {1, 2, 10, 100, 500, 1000, 2000, 3000, 5000, 20_000, 100_000};

    @Test
    void pfaddLeavesTheSameBytesAndCountsAsRedisFromSparseToDense() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            int added = 0;
            for (int size : SIZES) {
                List<String[]> batch = new ArrayList<>();
                for (; added < size; added += 100) {
                    batch.add(pfadd("h", "e", added, Math.min(size, added + 100)));
                }
                assertThat(replies(ours, batch)).as("PFADD replies up to %d", size).isEqualTo(replies(real, batch));
                assertSameBytes(real, ours, "h", "after " + size + " elements");
                assertThat(ours.call("PFCOUNT", "h")).as("PFCOUNT at %d", size).isEqualTo(real.call("PFCOUNT", "h"));
                assertSameBytes(real, ours, "h", "with the cached cardinality at " + size);
                assertThat(ours.call("PFDEBUG", "ENCODING", "h")).isEqualTo(real.call("PFDEBUG", "ENCODING", "h"));
            }
            assertThat(real.call("PFDEBUG", "ENCODING", "h")).isEqualTo("dense");
        }
    }

    @Test
    void pfmergeOfSparseAndDenseSourcesLeavesTheSameBytesAsRedis() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            List<String[]> setup = List.of(
                    pfadd("small1", "a", 0, 50), pfadd("small2", "b", 0, 80), pfadd("mid", "c", 0, 900),
                    pfadd("big", "d", 0, 4000), pfadd("big", "d", 4000, 9000),
                    new String[] {"PFMERGE", "m1", "small1", "small2"},
                    new String[] {"PFMERGE", "m2", "small1", "mid"},
                    new String[] {"PFMERGE", "m3", "small2", "big"},
                    new String[] {"PFMERGE", "mid", "small1", "small2", "nosuch"},
                    new String[] {"PFMERGE", "m4"},
                    new String[] {"PFCOUNT", "small1", "small2", "mid", "big"},
                    new String[] {"PFDEBUG", "TODENSE", "small1"},
                    new String[] {"PFMERGE", "m5", "small2", "small1"});
            assertThat(replies(ours, setup)).isEqualTo(replies(real, setup));
            for (String key : List.of("small1", "small2", "mid", "big", "m1", "m2", "m3", "m4", "m5")) {
                assertSameBytes(real, ours, key, "merged " + key);
                assertThat(ours.call("PFCOUNT", key)).as("PFCOUNT %s", key).isEqualTo(real.call("PFCOUNT", key));
            }
        }
    }

    @Test
    void aLowSparseLimitPromotesAtTheSameElementAsRedis() {
        try (RealRedis redis = RealRedis.start("--hll-sparse-max-bytes", "60");
             TestShard shard = TestShard.start("hll-sparse-max-bytes", "60");
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            for (int i = 0; i < 40; i++) {
                String[] one = {"PFADD", "p", "x" + i};
                assertThat(ours.call(one)).isEqualTo(real.call(one));
                assertSameBytes(real, ours, "p", "after x" + i);
            }
            assertThat(ours.call("PFDEBUG", "ENCODING", "p")).isEqualTo("dense");
        }
    }

    @Test
    void redisWrittenHyperLogLogsCountTheSameOnAShardAndTravelBothWaysByDump() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            for (int size : new int[] {3, 300, 30_000}) {
                String key = "r" + size;
                replies(real, List.<String[]>of(pfadd(key, "z", 0, size)));
                byte[] stale = (byte[]) real.call("GET", key); // cached cardinality marked invalid
                assertThat(ours.callBytes(bytes("SET"), bytes(key), stale)).isEqualTo("OK");
                assertThat(ours.call("PFCOUNT", key)).as("PFCOUNT of Redis's bytes, %d", size)
                        .isEqualTo(real.call("PFCOUNT", key));
                assertSameBytes(real, ours, key, "cache written back");

                byte[] dump = (byte[]) real.call("DUMP", key);
                assertThat(ours.callBytes(bytes("RESTORE"), bytes(key + "d"), bytes("0"), dump)).isEqualTo("OK");
                assertThat(ours.call("PFCOUNT", key + "d")).isEqualTo(real.call("PFCOUNT", key));
                byte[] back = (byte[]) ours.call("DUMP", key + "d");
                assertThat(real.callBytes(bytes("RESTORE"), bytes(key + "back"), bytes("0"), back)).isEqualTo("OK");
                assertThat(real.call("PFCOUNT", key + "back")).isEqualTo(real.call("PFCOUNT", key));
            }
        }
    }

    private static void assertSameBytes(RespClient real, RespClient ours, String key, String when) {
        assertThat((byte[]) ours.call("GET", key)).as("bytes of %s %s", key, when)
                .isEqualTo((byte[]) real.call("GET", key));
    }

    private static String[] pfadd(String key, String prefix, int from, int to) {
        String[] argv = new String[2 + to - from];
        argv[0] = "PFADD";
        argv[1] = key;
        for (int i = from; i < to; i++) {
            argv[2 + i - from] = prefix + i;
        }
        return argv;
    }

    private static List<String> replies(RespClient client, List<String[]> commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] c : commands) {
            out.writeBytes(RespClient.encode(c));
        }
        client.send(out.toByteArray());
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            replies.add(RespClient.text(client.read()));
        }
        return replies;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
