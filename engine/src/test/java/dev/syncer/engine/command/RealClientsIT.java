package dev.syncer.engine.command;

import dev.syncer.engine.testing.Cli;
import dev.syncer.engine.testing.TestShard;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real clients against a shard: redis-cli, redis-benchmark and Lettuce (sync and async). */
class RealClientsIT {

    private static TestShard shard;

    @BeforeAll
    static void start() {
        shard = TestShard.start();
    }

    @AfterAll
    static void stop() {
        shard.close();
    }

    private static String cli(String... args) {
        Cli.assumeInstalled("redis-cli");
        return Cli.run(shard.port(), args).strip();
    }

    @Test
    void redisCliRunsCommandsOfEveryFamily() {
        cli("-n", "1", "FLUSHDB");
        assertThat(cli("-n", "1", "SET", "greeting", "hello", "EX", "100")).isEqualTo("OK");
        assertThat(cli("-n", "1", "GET", "greeting")).isEqualTo("hello");
        // TTL rounds to the nearest second: 99 once more than half a second passed between the two processes
        assertThat(cli("-n", "1", "TTL", "greeting")).isIn("100", "99");
        assertThat(cli("-n", "1", "INCR", "greeting")).isEqualTo("ERR value is not an integer or out of range");
        assertThat(cli("-n", "1", "RPUSH", "list", "a", "b", "c")).isEqualTo("3");
        assertThat(cli("-n", "1", "LRANGE", "list", "0", "-1")).isEqualTo("a\nb\nc");
        assertThat(cli("-n", "1", "HSET", "hash", "field", "value")).isEqualTo("1");
        assertThat(cli("-n", "1", "HGETALL", "hash")).isEqualTo("field\nvalue");
        assertThat(cli("-n", "1", "SADD", "set", "m")).isEqualTo("1");
        assertThat(cli("-n", "1", "ZADD", "zset", "1.5", "m")).isEqualTo("1");
        assertThat(cli("-n", "1", "ZRANGE", "zset", "0", "-1", "WITHSCORES")).isEqualTo("m\n1.5");
        assertThat(cli("-n", "1", "TYPE", "zset")).isEqualTo("zset");
        assertThat(cli("-n", "1", "DBSIZE")).isEqualTo("5");
        assertThat(cli("-n", "1", "DEBUG", "DIGEST")).matches("[0-9a-f]{40}").isNotEqualTo("0".repeat(40));
    }

    @Test
    void redisCliScanAndBigkeysWalkTheKeyspace() {
        cli("-n", "2", "FLUSHDB");
        assertThat(cli("-n", "2", "DEBUG", "POPULATE", "300", "user")).isEqualTo("OK");
        cli("-n", "2", "RPUSH", "biglist", "1", "2", "3", "4");
        List<String> scanned = cli("-n", "2", "--scan", "--pattern", "user:*").lines().toList();
        assertThat(scanned).hasSize(300).doesNotHaveDuplicates().allMatch(k -> k.startsWith("user:"));
        assertThat(cli("-n", "2", "--bigkeys")).contains("Sampled 301 keys in the keyspace!",
                "Biggest   list found '\"biglist\"' has 4 items", "300 strings with");
    }

    @Test
    void redisBenchmarkDefaultTestsRunWithoutErrors() {
        Cli.assumeInstalled("redis-benchmark");
        Cli.Outcome run = Cli.run(120, List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(shard.port()),
                "-q", "-n", "2000", "-c", "10"));
        List<String> lines = Stream.of(run.output().split("[\r\n]+")).map(String::strip)
                .filter(l -> l.contains("requests per second")).toList();
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("ERR").doesNotContain("Error").doesNotContain("WARN");
        for (String test : List.of("PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "LPUSH", "RPUSH", "LPOP", "RPOP",
                "SADD", "HSET", "SPOP", "ZADD", "ZPOPMIN", "LPUSH (needed to benchmark LRANGE)",
                "LRANGE_100 (first 100 elements)", "LRANGE_300 (first 300 elements)", "LRANGE_500 (first 500 elements)",
                "LRANGE_600 (first 600 elements)", "MSET (10 keys)")) {
            assertThat(lines).as("a result line for %s", test).anyMatch(l -> l.startsWith(test + ": "));
        }
    }

    @Test
    void lettuceSyncApiCoversEveryFamily() {
        StatefulRedisConnection<String, String> c = shard.connect();
        RedisCommands<String, String> r = c.sync();
        r.select(3);
        r.flushdb();
        assertThat(r.set("s", "v", SetArgs.Builder.px(100_000))).isEqualTo("OK");
        assertThat(r.get("s")).isEqualTo("v");
        assertThat(r.pttl("s")).isBetween(90_000L, 100_000L);
        assertThat(r.incrbyfloat("f", 10.5)).isEqualTo(10.5);
        assertThat(r.mget("s", "missing")).containsExactly(KeyValue.just("s", "v"), KeyValue.empty("missing"));
        assertThat(r.rpush("l", "a", "b", "c")).isEqualTo(3L);
        assertThat(r.lpop("l", 2)).containsExactly("a", "b");
        assertThat(r.hset("h", Map.of("a", "1", "b", "2"))).isEqualTo(2L);
        assertThat(r.hincrby("h", "a", 41)).isEqualTo(42L);
        assertThat(r.hgetall("h")).isEqualTo(Map.of("a", "42", "b", "2"));
        assertThat(r.sadd("t", "x", "y")).isEqualTo(2L);
        assertThat(r.smembers("t")).containsExactlyInAnyOrder("x", "y");
        assertThat(r.zadd("z", 1.0, "one", 2.5, "two")).isEqualTo(2L);
        assertThat(r.zrangebyscoreWithScores("z", Range.create(1.0, 3.0)))
                .containsExactly(ScoredValue.just(1.0, "one"), ScoredValue.just(2.5, "two"));
        assertThat(r.zpopmin("z")).isEqualTo(ScoredValue.just(1.0, "one"));
        assertThat(r.expire("t", 100)).isTrue();
        assertThat(r.type("t")).isEqualTo("set");
        assertThat(r.scan(ScanArgs.Builder.limit(100)).getKeys()).containsExactlyInAnyOrder("s", "f", "l", "h", "t", "z");
        r.multi();
        r.set("m", "1");
        r.incr("m");
        TransactionResult tx = r.exec();
        assertThat(tx.wasDiscarded()).isFalse();
        assertThat(tx.size()).isEqualTo(2);
        assertThat((Object) tx.get(0)).isEqualTo("OK");
        assertThat((Object) tx.get(1)).isEqualTo(2L);
        assertThat(r.del("s", "missing")).isEqualTo(1L);
    }

    @Test
    void lettuceAsyncApiPipelinesCommands() throws Exception {
        StatefulRedisConnection<String, String> c = shard.connect();
        RedisAsyncCommands<String, String> a = c.async();
        a.select(4).get(10, TimeUnit.SECONDS);
        a.flushdb().get(10, TimeUnit.SECONDS);
        c.setAutoFlushCommands(false);
        List<RedisFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(a.set("k" + i, Integer.toString(i)));
            futures.add(a.lpush("list", Integer.toString(i)));
            futures.add(a.zincrby("z", 0.5, "m" + (i % 10)));
            futures.add(a.hincrby("h", "f" + (i % 7), 1));
            futures.add(a.sadd("s", "m" + (i % 50)));
        }
        c.flushCommands();
        assertThat(LettuceFutures.awaitAll(Duration.ofSeconds(10), futures.toArray(new RedisFuture[0]))).isTrue();
        c.setAutoFlushCommands(true);
        assertThat(a.dbsize().get(10, TimeUnit.SECONDS)).isEqualTo(504L);
        assertThat(a.get("k499").get(10, TimeUnit.SECONDS)).isEqualTo("499");
        assertThat(a.llen("list").get(10, TimeUnit.SECONDS)).isEqualTo(500L);
        assertThat(a.zscore("z", "m3").get(10, TimeUnit.SECONDS)).isEqualTo(25.0);
        assertThat(a.hget("h", "f0").get(10, TimeUnit.SECONDS)).isEqualTo("72");
        assertThat(a.scard("s").get(10, TimeUnit.SECONDS)).isEqualTo(50L);
        assertThat(a.lrange("list", 0, 2).get(10, TimeUnit.SECONDS)).containsExactly("499", "498", "497");
    }
}
