package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLIENT PAUSE as Redis 7.0 (unit/pause): each scenario runs against redis-server and a shard and
 * must hold on both. Paused commands are parked (INFO's blocked_clients) and run once the pause
 * ends; reads and read-only scripts go on under WRITE; nothing expires meanwhile.
 */
class ClientPauseIT {

    /** A server under test and connections to it. */
    private record Server(AutoCloseable process, IntFunction<RespClient> connect) implements AutoCloseable {

        static Server start(String which) {
            if (which.equals("redis-server")) {
                RealRedis redis = RealRedis.start();
                return new Server(redis, i -> redis.raw());
            }
            TestShard shard = TestShard.start();
            return new Server(shard, i -> shard.raw());
        }

        RespClient client() {
            return connect.apply(0);
        }

        @Override
        public void close() throws Exception {
            process.close();
        }
    }

    private static void awaitParked(RespClient admin, int clients) {
        ReplicationWaits.await(clients + " clients parked by the pause")
                .until(() -> admin.info("clients").get("blocked_clients").equals(Integer.toString(clients)));
    }

    private static String text(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-server", "shard"})
    void aWriteWaitsForUnpauseWhileReadsRun(String which) throws Exception {
        try (Server s = Server.start(which); RespClient admin = s.client(); RespClient writer = s.client();
             RespClient reader = s.client()) {
            assertThat(text(admin.call("CLIENT", "PAUSE", "60000", "WRITE"))).isEqualTo("OK");
            writer.send(RespClient.encode("SET", "k", "v"));
            awaitParked(admin, 1);

            assertThat(reader.call("GET", "k")).isNull();
            assertThat(text(reader.call("EVAL", "#!lua flags=no-writes\nreturn 7", "0"))).isEqualTo("7");
            assertThat(text(admin.call("CLIENT", "UNPAUSE"))).isEqualTo("OK");

            assertThat(text(writer.read())).isEqualTo("OK");
            assertThat(text(reader.call("GET", "k"))).isEqualTo("v");
            assertThat(admin.info("clients").get("blocked_clients")).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-server", "shard"})
    void mayReplicateCommandsScriptsWithoutFlagsAndExecOfAWriteAreParkedToo(String which) throws Exception {
        try (Server s = Server.start(which); RespClient admin = s.client(); RespClient publisher = s.client();
             RespClient script = s.client(); RespClient txn = s.client()) {
            assertThat(text(txn.call("MULTI"))).isEqualTo("OK");
            assertThat(text(txn.call("INCR", "n"))).isEqualTo("QUEUED");
            admin.call("CLIENT", "PAUSE", "60000", "WRITE");
            publisher.send(RespClient.encode("PUBLISH", "ch", "m"));
            script.send(RespClient.encode("EVAL", "return 1", "0"));
            txn.send(RespClient.encode("EXEC"));
            awaitParked(admin, 3);

            admin.call("CLIENT", "UNPAUSE");

            assertThat(text(publisher.read())).isEqualTo("0");
            assertThat(text(script.read())).isEqualTo("1");
            assertThat(txn.read()).isEqualTo(List.of(1L));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-server", "shard"})
    void allParksReadsAndAPauseEndsByItselfAtItsTimeout(String which) throws Exception {
        try (Server s = Server.start(which); RespClient admin = s.client(); RespClient reader = s.client()) {
            admin.call("SET", "k", "v");
            admin.call("CLIENT", "PAUSE", "300", "ALL");
            reader.send(RespClient.encode("GET", "k"));

            assertThat(text(reader.read())).as("served once the 300 ms are up, no UNPAUSE").isEqualTo("v");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-server", "shard"})
    void keysDoNotExpireDuringAPauseButReadAsMissing(String which) throws Exception {
        try (Server s = Server.start(which); RespClient c = s.client()) {
            long expiredBefore = Long.parseLong(c.info("stats").get("expired_keys"));
            c.call("SET", "k", "v", "PX", "50");
            c.call("CLIENT", "PAUSE", "60000", "WRITE");
            ReplicationWaits.await("k logically expired").until(() -> c.call("GET", "k") == null);

            assertThat(c.call("DBSIZE")).as("still stored").isEqualTo(1L);
            assertThat(Long.parseLong(c.info("stats").get("expired_keys"))).isEqualTo(expiredBefore);
            c.call("CLIENT", "UNPAUSE");

            assertThat(c.call("GET", "k")).isNull();
            assertThat(Long.parseLong(c.info("stats").get("expired_keys"))).isEqualTo(expiredBefore + 1);
        }
    }
}
