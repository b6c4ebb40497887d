package dev.syncer.engine;

import dev.syncer.engine.server.Config;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeMainReplicaofTest {

    @Test
    void replicaofTakesTwoValuesAsInRedisServer() {
        Config c = NodeMain.parse(new String[] {"--port", "7001", "--replicaof", "127.0.0.1", "7000", "--masterauth", "s"});
        assertThat(c.get("replicaof")).isEqualTo("127.0.0.1 7000");
        assertThat(c.get("masterauth")).isEqualTo("s");
        assertThat(NodeMain.parse(new String[] {"--slaveof", "10.0.0.1", "6379"}).get("replicaof")).isEqualTo("10.0.0.1 6379");
    }
}
