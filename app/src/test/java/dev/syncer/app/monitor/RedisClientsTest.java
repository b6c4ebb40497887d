package dev.syncer.app.monitor;

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
        var acl = RedisClients.uri(new Target("h", 6379, "ops", "pw", false, null));
        assertThat(acl.getCredentialsProvider().resolveCredentials().block().getUsername()).isEqualTo("ops");
        assertThat(acl.isSsl()).isFalse();
        var tls = RedisClients.uri(new Target("h", 6379, null, "pw", false, Path.of("/etc/ca.pem")));
        assertThat(tls.getCredentialsProvider().resolveCredentials().block().getUsername()).isNull();
        assertThat(tls.isSsl()).isTrue();
        assertThat(tls.isVerifyPeer()).isTrue();
        assertThat(RedisClients.uri(new Target("h", 6379, null, null, true, null)).isVerifyPeer()).isFalse();
    }
}
