package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static org.assertj.core.api.Assertions.assertThat;

/** The DEBUG subcommands Redis's own test suite leans on, against a running shard. */
class DebugSubcommandsIT {

    @Test
    void debugReloadSavesAndLoadsBackTheSameDatasetWithItsExpiries() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            c.call("SET", "k", "v", "EX", "1000");
            c.call("RPUSH", "l", "a", "b");
            c.call("SELECT", "9");
            c.call("HSET", "h", "f", "v");
            String before = digest(shard.port());
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("OK");
            assertThat(digest(shard.port())).isEqualTo(before);
            c.call("SELECT", "0");
            assertThat((Long) c.call("TTL", "k")).isBetween(990L, 1000L);
        }
    }

    @Test
    void debugReloadNoflushRefusesDuplicatesUnlessMergeAndLeavesTheDataIntact() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            c.call("SET", "k", "saved");
            c.call("SET", "only-saved", "v");
            c.call("SAVE");
            c.call("DEL", "only-saved");
            c.call("SET", "k", "live");
            c.call("SET", "other", "live");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH"))
                    .isEqualTo(new RespClient.Error("ERR Error trying to load the RDB dump"));
            assertThat(c.call("EXISTS", "only-saved")).isEqualTo(0L); // nothing of a refused load is applied
            assertThat(RespClient.text(c.call("GET", "k"))).isEqualTo("live");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH", "MERGE")).isEqualTo("OK");
            assertThat(RespClient.text(c.call("GET", "k"))).isEqualTo("saved");
            assertThat(RespClient.text(c.call("GET", "other"))).isEqualTo("live");
            assertThat(c.call("EXISTS", "only-saved")).isEqualTo(1L);
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("OK");
            assertThat(c.call("EXISTS", "other")).isEqualTo(0L);
        }
    }

    @Test
    void changeReplIdStartsANewHistoryAndForgetsThePreviousOne() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            String before = field(shard.port(), "replication", "master_replid");
            assertThat(c.call("DEBUG", "CHANGE-REPL-ID")).isEqualTo("OK");
            assertThat(field(shard.port(), "replication", "master_replid")).matches("[0-9a-f]{40}").isNotEqualTo(before);
            assertThat(field(shard.port(), "replication", "master_replid2")).isEqualTo("0".repeat(40));
            assertThat(field(shard.port(), "replication", "second_repl_offset")).isEqualTo("-1");
        }
    }

    @Test
    void withActiveExpireOffAnExpiredKeyStaysUntilTouched() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("OK");
            c.call("SET", "k", "v", "PX", "50");
            await("the key to outlive its expiry by several expire cycles").pollDelay(Duration.ofMillis(400))
                    .until(() -> c.call("DBSIZE").equals(1L));
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1")).isEqualTo("OK");
            await("the active expire cycle to delete the key").until(() -> c.call("DBSIZE").equals(0L));
        }
    }

    @Test
    void debugSleepHoldsTheShardForTheTimeAsked() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            long start = System.nanoTime();
            assertThat(c.call("DEBUG", "SLEEP", "0.3")).isEqualTo("OK");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    /** Redis's dictGetStats text for a table of {@code size} slots holding {@code n} elements (chains vary: a hash's choice). */
    private static String htstats(int size, int n) {
        return "Hash table 0 stats \\(main hash table\\):\n table size: " + size + "\n"
                + " number of elements: " + n + "\n different slots: \\d+\n max chain length: \\d+\n"
                + " avg chain length \\(counted\\): \\d+\\.\\d\\d\n avg chain length \\(computed\\): \\d+\\.\\d\\d\n"
                + " Chain length distribution:\n(   \\d+: \\d+ \\(\\d+\\.\\d\\d%\\)\n)+";
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-server", "shard"})
    void htstatsKeyDescribesHashTablesAndRefusesEverythingElseInRedisWords(String which) {
        RealRedis real = which.equals("redis-server") ? RealRedis.start("--enable-debug-command", "local") : null;
        try (AutoCloseable server = real != null ? real : TestShard.start();
             RespClient c = RespClient.connect(real != null ? real.port() : ((TestShard) server).port())) {
            String[] members = new String[200];
            String[] zadd = new String[401];
            String[] hset = new String[1201]; // past hash-max-listpack-entries (512)
            zadd[0] = "z";
            hset[0] = "h";
            for (int i = 0; i < members.length; i++) {
                members[i] = "m:" + i;
                zadd[1 + 2 * i] = Integer.toString(i);
                zadd[2 + 2 * i] = members[i];
            }
            for (int i = 0; i < 600; i++) {
                hset[1 + 2 * i] = "f:" + i;
                hset[2 + 2 * i] = "v";
            }
            c.call(concat("SADD", "s", members));
            c.call(concat("ZADD", zadd));
            c.call(concat("HSET", hset));
            for (String m : members) {
                c.call("SISMEMBER", "s", m); // each lookup moves redis-server's incremental rehash on, to its end
            }
            c.call("SADD", "small", "1", "2");
            c.call("HSET", "packed", "f", "v");
            c.call("SET", "str", "v");
            for (String key : new String[] {"s", "z"}) {
                assertThat(RespClient.text(c.call("DEBUG", "HTSTATS-KEY", key))).as(key).matches(htstats(256, 200));
            }
            assertThat(RespClient.text(c.call("DEBUG", "HTSTATS-KEY", "h"))).matches(htstats(1024, 600));
            RespClient.Error notATable = new RespClient.Error(
                    "ERR The value stored at the specified key is not represented using an hash table");
            for (String key : new String[] {"small", "packed", "str"}) {
                assertThat(c.call("DEBUG", "HTSTATS-KEY", key)).as(key).isEqualTo(notATable);
            }
            assertThat(c.call("DEBUG", "HTSTATS-KEY", "missing")).isEqualTo(new RespClient.Error("ERR no such key"));
            assertThat(c.call("DEBUG", "STRINGMATCH-LEN", "a", "b")).isEqualTo(new RespClient.Error(
                    "ERR unknown subcommand or wrong number of arguments for 'STRINGMATCH-LEN'. Try DEBUG HELP."));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String[] concat(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static String[] concat(String command, String key, String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = command;
        all[1] = key;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }
}
