package dev.syncer.engine.server;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardIT {

    @Test
    void lettuceConnectsAfterFallingBackFromResp3() {
        try (TestShard shard = TestShard.start()) {
            StatefulRedisConnection<String, String> c = shard.connect();
            assertThat(c.sync().set("k", "v")).isEqualTo("OK");
            assertThat(c.sync().get("k")).isEqualTo("v");
        }
    }

    @Test
    void configSetBindMovesTheListenerAndKeepsItWhenTheAddressCannotBeBound() {
        try (TestShard shard = TestShard.start(); RespClient admin = shard.raw()) {
            assertThat(admin.call("CONFIG", "SET", "bind", "127.0.0.1")).isEqualTo("OK"); // unchanged: nothing moves
            assertThat(admin.call("CONFIG", "SET", "bind", "127.0.0.2")).isEqualTo("OK");
            try (RespClient moved = RespClient.over(socket("127.0.0.2", shard.port()))) {
                assertThat(moved.call("PING")).isEqualTo("PONG");
            }
            assertThatThrownBy(() -> socket("127.0.0.1", shard.port())).isInstanceOf(java.io.UncheckedIOException.class);
            assertThat(admin.call("CONFIG", "SET", "bind", "192.0.2.1")).isEqualTo(new RespClient.Error(
                    "ERR CONFIG SET failed (possibly related to argument 'bind') - Failed to bind to specified addresses."));
            assertThat(RespClient.text(((java.util.List<?>) admin.call("CONFIG", "GET", "bind")).get(1))).isEqualTo("127.0.0.2");
            assertThat(admin.call("CONFIG", "SET", "bind", "127.0.0.1")).isEqualTo("OK");
            try (RespClient back = shard.raw()) {
                assertThat(back.call("PING")).isEqualTo("PONG"); // connected clients stayed, new ones reach it again
            }
            assertThat(admin.call("CONFIG", "SET", "daemonize", "yes")).isEqualTo(new RespClient.Error(
                    "ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config"));
        }
    }

    private static java.net.Socket socket(String host, int port) {
        try {
            return new java.net.Socket(host, port);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void protocolErrorClosesOnlyTheOffendingConnection() {
        try (TestShard shard = TestShard.start(); RespClient bad = shard.raw(); RespClient good = shard.raw()) {
            bad.send("*1\r\n$abc\r\n");
            assertThat(bad.read()).isEqualTo(new RespClient.Error("ERR Protocol error: invalid bulk length"));
            assertThat(bad.isClosedByServer()).isTrue();
            assertThat(good.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void passwordIsRequiredWhenConfigured() {
        try (TestShard shard = TestShard.start("requirepass", "secret"); RespClient c = shard.raw()) {
            assertThat(c.call("GET", "k")).isEqualTo(new RespClient.Error("NOAUTH Authentication required."));
            assertThat(c.call("AUTH", "wrong"))
                    .isEqualTo(new RespClient.Error("WRONGPASS invalid username-password pair or user is disabled."));
            assertThat(c.call("AUTH", "secret")).isEqualTo("OK");
            assertThat(c.call("GET", "k")).isNull();
        }
    }
}
