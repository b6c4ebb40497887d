package dev.syncer.engine;

import dev.syncer.engine.server.Config;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeMainUsersTest {

    @Test
    void userOptionsAreRedisConfUserLines() {
        Config c = NodeMain.parse(new String[] {"--user", "default", "on", "nopass", "~*", "+@all", "-flushdb", "--port", "7001",
            "--user", "alice", "on", ">pw"});
        assertThat(c.users()).containsExactly(List.of("default", "on", "nopass", "~*", "+@all", "-flushdb"),
                List.of("alice", "on", ">pw"));
        assertThat(c.get("port")).isEqualTo("7001");
    }

    @Test
    void aUserGivenTwiceIsRefusedAsRedisServerRefusesIt() {
        assertThatThrownBy(() -> NodeMain.parse(new String[] {"--user", "foo", "--user", "foo"}))
                .hasMessageContaining("Duplicate user found");
        assertThatThrownBy(() -> NodeMain.parse(new String[] {"--user", "default", "--user", "default"}))
                .hasMessageContaining("Duplicate user found");
    }
}
