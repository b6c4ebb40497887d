package dev.syncer.app.attach;

import dev.syncer.app.monitor.InfoFields;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO server as Redis 7.0 and Valkey 8.0 write it. */
class DeploymentKindTest {

    @Test
    void redisSaysRedisModeAndValkeySaysServerMode() {
        assertThat(DeploymentKind.of(InfoFields.parse("# Server\r\nredis_version:7.0.15\r\nredis_mode:sentinel\r\n")))
                .isEqualTo(DeploymentKind.SENTINEL);
        assertThat(DeploymentKind.of(InfoFields.parse(
                "# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\nserver_mode:sentinel\r\n")))
                .isEqualTo(DeploymentKind.SENTINEL);
        assertThat(DeploymentKind.of(InfoFields.parse("# Server\r\nserver_mode:cluster\r\n"))).isEqualTo(DeploymentKind.CLUSTER);
        assertThat(DeploymentKind.of(InfoFields.parse("# Server\r\nredis_version:7.0.15\r\n")))
                .isEqualTo(DeploymentKind.STANDALONE);
    }
}
