package dev.syncer.app.monitor;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RedisClientsTest {

    @Test
    void anErrorSaysEachCauseOnceAndALoginRefusalIsKnownByRedissWords() {
        Exception refused = new IllegalStateException("Unable to connect to 127.0.0.1/<unresolved>:1",
                new RuntimeException("finishConnect(..) failed: Connection refused",
                        new RuntimeException("/127.0.0.1:1: finishConnect(..) failed: Connection refused")));
        assertThat(RedisClients.describe(refused))
                .isEqualTo("Unable to connect to 127.0.0.1/<unresolved>:1: finishConnect(..) failed: Connection refused");

        String wrongPass = RedisClients.describe(new IllegalStateException("Unable to connect to h:1",
                new RuntimeException("WRONGPASS invalid username-password pair or user is disabled.")));
        assertThat(RedisClients.refusedLogin(wrongPass)).isTrue();
        assertThat(RedisClients.refusedLogin("NOAUTH Authentication required.")).isTrue();
        assertThat(RedisClients.refusedLogin(RedisClients.describe(refused))).isFalse();
    }

    @Test
    void theUriLogsInAsTheAclUserAndChecksTheCertificateOnlyWithACa() {
        var acl = RedisClients.uri(new Target("h", 6379, "ops", "pw", TlsSettings.OFF));
        assertThat(acl.getCredentialsProvider().resolveCredentials().block().getUsername()).isEqualTo("ops");
        assertThat(acl.isSsl()).isFalse();
        var tls = RedisClients.uri(new Target("h", 6379, null, "pw", TlsSettings.checkedBy(Path.of("/etc/ca.pem"))));
        assertThat(tls.getCredentialsProvider().resolveCredentials().block().getUsername()).isNull();
        assertThat(tls.isSsl()).isTrue();
        assertThat(tls.isVerifyPeer()).isTrue();
        assertThat(RedisClients.uri(new Target("h", 6379, null, null, TlsSettings.of(true))).isVerifyPeer()).isFalse();
    }

    @Test
    void loggingInMayTakeLongerThanACommand() {
        ClientResources resources = ClientResources.create();
        try {
            RedisClient client = RedisClients.create(resources, new Target("h", 6379, null, null, TlsSettings.OFF));
            assertThat(RedisClients.uri(Target.of("h", 1)).getTimeout()).isEqualTo(RedisClients.CONNECT_TIMEOUT);
            var commands = client.getOptions().getTimeoutOptions().getSource();
            assertThat(java.time.Duration.of(commands.getTimeout(null), commands.getTimeUnit().toChronoUnit()))
                    .isEqualTo(RedisClients.TIMEOUT);
            assertThat(RedisClients.CONNECT_TIMEOUT).isGreaterThan(RedisClients.TIMEOUT);
            client.shutdown();
        } finally {
            resources.shutdown();
        }
    }
}
