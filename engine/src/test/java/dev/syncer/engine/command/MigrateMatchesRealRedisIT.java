package dev.syncer.engine.command;

import dev.syncer.engine.testing.ClientSteps;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MIGRATE from a shard to a real redis-server, beside MIGRATE between two redis-servers: the same
 * replies (+OK, +NOKEY, the target's errors, IOERR), the same keys left on each side, TTLs carried,
 * COPY / REPLACE / AUTH / KEYS; and from a shard to a shard.
 */
class MigrateMatchesRealRedisIT {

    /** 0 runs on the source, 1 on the target; $T is the target's port, $N a port nobody listens on. */
    private static final String[][] STEPS = {
        {"0", "SET", "k1", "v1"}, {"0", "RPUSH", "list", "a", "b", "c"}, {"0", "PEXPIRE", "list", "100000"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "k1", "0", "5000"},
        {"0", "EXISTS", "k1"}, {"1", "GET", "k1"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "list", "0", "5000", "COPY"},
        {"0", "EXISTS", "list"}, {"1", "LRANGE", "list", "0", "-1"}, {"1", "EVAL", "return redis.call('pttl', KEYS[1]) > 90000", "1", "list"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "list", "0", "5000"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "list", "0", "5000", "REPLACE"}, {"0", "EXISTS", "list"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "nothing", "0", "5000"},
        {"0", "MSET", "a", "1", "b", "2", "c", "3"}, {"1", "SELECT", "3"}, {"1", "SET", "b", "old"}, {"1", "SELECT", "0"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "", "3", "5000", "KEYS", "a", "b", "nothing", "c"},
        {"0", "MGET", "a", "b", "c"}, {"1", "SELECT", "3"}, {"1", "MGET", "a", "b", "c"}, {"1", "SELECT", "0"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "b", "0", "5000", "KEYS", "a"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "b", "0", "5000", "AUTH"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "b", "x", "5000"},
        {"0", "MIGRATE", "127.0.0.1", "$T", "b", "0", "5000", "AUTH", "wrong"},
        {"0", "MIGRATE", "127.0.0.1", "$N", "b", "0", "500"},
        {"0", "DBSIZE"}, {"1", "DBSIZE"},
    };

    @Test
    void repliesAndKeysMatchRedisServers() {
        List<String> theirs;
        try (RealRedis source = RealRedis.start(); RealRedis target = RealRedis.start()) {
            theirs = run(source.raw(), target.raw(), target.port());
        }
        try (TestShard source = TestShard.start(); RealRedis target = RealRedis.start()) {
            assertThat(run(source.raw(), target.raw(), target.port())).isEqualTo(theirs);
        }
        try (TestShard source = TestShard.start(); TestShard target = TestShard.start()) {
            assertThat(run(source.raw(), target.raw(), target.port())).isEqualTo(theirs);
        }
        assertThat(theirs).contains("0 MIGRATE 127.0.0.1 $T list 0 5000 -> Error[message=ERR Target instance replied with"
                + " error: BUSYKEY Target key name already exists.]", "0 MGET a b c -> [null, $2, null]");
    }

    @Test
    void authenticatesWithTheTarget() {
        try (TestShard source = TestShard.start(); RealRedis target = RealRedis.start("--requirepass", "pw");
             RespClient s = source.raw(); RespClient t = target.raw()) {
            s.call("SET", "k", "v");
            String port = Integer.toString(target.port());
            assertThat(s.call("MIGRATE", "127.0.0.1", port, "k", "0", "5000")).isEqualTo(
                    new RespClient.Error("ERR Target instance replied with error: NOAUTH Authentication required."));
            assertThat(s.call("MIGRATE", "127.0.0.1", port, "k", "0", "5000", "AUTH2", "default", "pw")).isEqualTo("OK");
            t.call("AUTH", "pw");
            assertThat(RespClient.text(t.call("GET", "k"))).isEqualTo("v");
            assertThat(s.call("EXISTS", "k")).isEqualTo(0L);
        }
    }

    private static List<String> run(RespClient source, RespClient target, int targetPort) {
        int nobody;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            nobody = free.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (source; target) {
            return ClientSteps.run(STEPS, arg -> arg.replace("$T", Integer.toString(targetPort))
                    .replace("$N", Integer.toString(nobody)), source, target);
        }
    }
}
