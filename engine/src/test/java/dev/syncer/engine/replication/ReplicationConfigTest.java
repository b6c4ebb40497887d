package dev.syncer.engine.replication;

import dev.syncer.engine.Shards;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.OutputBufferLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationConfigTest {

    @Test
    void defaultsAreRedis70s() {
        Config c = Shards.config();
        assertThat(c.get("repl-diskless-sync")).isEqualTo("yes");
        assertThat(c.get("repl-diskless-sync-delay")).isEqualTo("5");
        assertThat(c.get("repl-backlog-size")).isEqualTo("1048576");
        assertThat(c.get("repl-timeout")).isEqualTo("60");
        assertThat(c.get("repl-ping-replica-period")).isEqualTo("10");
        assertThat(c.get("client-output-buffer-limit")).isEqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        assertThat(c.get("slave-read-only")).as("old names are aliases").isEqualTo("yes");
    }

    @Test
    void replicaOutputLimitsAcceptRedisSpellings() {
        String v = OutputBufferLimit.normalise("replica 256mb 64mb 60");
        assertThat(OutputBufferLimit.replicaClass(v)).isEqualTo(new OutputBufferLimit(268435456, 67108864, 60));
        assertThat(OutputBufferLimit.replicaClass(OutputBufferLimit.normalise("slave 1kb 0 0")))
                .isEqualTo(new OutputBufferLimit(1024, 0, 0));
        assertThatThrownBy(() -> OutputBufferLimit.normalise("replica 1 2")).hasMessageContaining("Wrong number of arguments");
        assertThatThrownBy(() -> OutputBufferLimit.normalise("bogus 1 2 3")).hasMessageContaining("Invalid client class");
    }

    @Test
    void theBacklogIsNeverSmallerThan16KB() {
        Config c = Shards.config();
        c.set("repl-backlog-size", "100");
        assertThat(c.get("repl-backlog-size")).isEqualTo("16384");
        c.set("repl-backlog-size", "64mb");
        assertThat(c.get("repl-backlog-size")).isEqualTo(Long.toString(64L << 20));
    }

    @Test
    void shutdownTimeoutTakesSecondsAsRedis70() {
        Config c = Shards.config();
        assertThat(c.get("shutdown-timeout")).isEqualTo("10");
        c.set("shutdown-timeout", "0");
        assertThat(c.get("shutdown-timeout")).isEqualTo("0");
        assertThatThrownBy(() -> c.set("shutdown-timeout", "-1")).isInstanceOf(RuntimeException.class);
        assertThat(c.get("shutdown-timeout")).isEqualTo("0");
    }

    @Test
    void replicaofTakesAHostAndAPortAndIsSetOnlyAtStartUp() {
        Config c = Shards.config();
        c.setInitial("replicaof", "127.0.0.1   6380");
        assertThat(new ReplicationConfig(c).replicaOf()).containsExactly("127.0.0.1", "6380");
        assertThatThrownBy(() -> c.setInitial("replicaof", "127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.set("replicaof", "127.0.0.1 6380")).hasMessage("can't set immutable config");
    }
}
