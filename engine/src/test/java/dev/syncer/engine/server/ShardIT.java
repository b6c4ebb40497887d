package dev.syncer.engine.server;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
