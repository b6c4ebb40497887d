package dev.syncer.engine.server;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.ShardProcess;
import dev.syncer.engine.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launched shard negotiates the static-RSA suites the JDK bans (jdk.tls.disabledAlgorithms,
 * TLS_RSA_*) when tls-ciphers asks for them as OpenSSL would, and only then; OpenSSL's s_client is
 * the peer, as the JDK in this test would refuse them itself.
 */
class TlsStaticRsaIT {

    @TempDir
    Path dir;

    @Test
    void tlsCiphersNamingStaticRsaSuitesEnablesThoseAndOnlyThose() throws IOException, InterruptedException {
        TestCertificates.selfSignedRsa(dir, "rsa");
        int tlsPort = RealRedis.freePort();
        String[] tls = {"--tls-port", Integer.toString(tlsPort), "--tls-cert-file", dir.resolve("rsa.crt").toString(),
            "--tls-key-file", dir.resolve("rsa.key").toString(), "--tls-auth-clients", "no", "--tls-protocols", "TLSv1.2"};
        try (ShardProcess shard = ShardProcess.start(dir, tls); RespClient admin = RespClient.connect(shard.port())) {
            assertThat(handshake(tlsPort, "AES256-SHA256")).as("nothing asked: the JDK's policy holds").isFalse();
            assertThat(handshake(tlsPort, "ECDHE-RSA-AES128-GCM-SHA256")).isTrue();
            assertThat(admin.call("CONFIG", "SET", "tls-ciphers", "DEFAULT:-AES128-SHA256")).isEqualTo("OK");
            assertThat(handshake(tlsPort, "AES256-SHA256")).as("in OpenSSL's DEFAULT").isTrue();
            assertThat(handshake(tlsPort, "AES128-SHA256")).as("taken out of it").isFalse();
        }
    }

    /** Whether openssl s_client completes a TLS 1.2 handshake offering only {@code cipher}. */
    private boolean handshake(int port, String cipher) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_2", "-cipher", cipher)
                .redirectErrorStream(true).start();
        p.getOutputStream().close(); // end of input: s_client leaves after the handshake
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.contains("Cipher is " + cipher);
    }
}
