package dev.syncer.engine.security;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestCertificates;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The TLS port against what does not belong on it: plain RESP, a certificate no trusted CA signed,
 * no certificate while tls-auth-clients is yes. Each gets its connection closed at the handshake;
 * TLS and plain clients beside it are served and the data is intact. Settings that do not load
 * are refused by CONFIG SET and the previous ones stay in force.
 */
class TlsPortIT {

    private TestCertificates certs;
    private TestShard shard;
    private int tlsPort;

    @BeforeEach
    void start() throws InterruptedException {
        certs = TestCertificates.get();
        shard = TestShard.start(certs.shardSettings().toArray(String[]::new));
        tlsPort = shard.shard().listenTls(0);
    }

    @AfterEach
    void stop() {
        if (shard != null) {
            shard.close();
        }
    }

    @Test
    void aClientWithATrustedCertificateIsServedOnTheTlsPort() {
        try (RespClient c = certs.connect(tlsPort, "redis")) {
            assertThat(c.call("SET", "k", "over tls")).isEqualTo("OK");
            assertThat(new String((byte[]) ((java.util.List<?>) c.call("CONFIG", "GET", "tls-port")).get(1)))
                    .isEqualTo(Integer.toString(tlsPort));
        }
        try (RespClient plain = shard.raw()) {
            assertThat(new String((byte[]) plain.call("GET", "k"))).isEqualTo("over tls");
        }
    }

    @Test
    void plainTextOnTheTlsPortIsClosedAndBystandersAreServed() {
        Bystander bystander = Bystander.on(shard);
        try (RespClient tlsClient = certs.connect(tlsPort, "redis");
             RespClient attacker = RespClient.connect(tlsPort)) {
            attacker.send("*1\r\n$4\r\nPING\r\n");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(attacker.isClosedByServer()).isTrue());
            assertThat(tlsClient.call("PING")).isEqualTo("PONG");
        }
        bystander.assertServedAndDataIntact();
    }

    @Test
    void anUntrustedOrMissingClientCertificateIsRefusedUnlessAuthIsOptional() {
        Bystander bystander = Bystander.on(shard);
        assertThatThrownBy(() -> certs.connect(tlsPort, "rogue").call("PING")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> certs.connect(tlsPort, null).call("PING")).isInstanceOf(UncheckedIOException.class);
        try (RespClient admin = shard.raw()) {
            assertThat(admin.call("CONFIG", "SET", "tls-auth-clients", "optional")).isEqualTo("OK");
        }
        try (RespClient anonymous = certs.connect(tlsPort, null)) {
            assertThat(anonymous.call("PING")).isEqualTo("PONG");
        }
        bystander.assertServedAndDataIntact();
    }

    @Test
    void aCaDirectoryIsTrustedAsTheCaFileIs() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tls-ca-dir");
        java.nio.file.Files.copy(certs.file("ca.crt"), dir.resolve("ca.pem"));
        java.nio.file.Files.copy(certs.file("ca.key"), dir.resolve("not-a-certificate.key")); // skipped
        try (RespClient admin = shard.raw()) {
            assertThat(admin.call("CONFIG", "SET", "tls-ca-cert-dir", dir.toString(), "tls-ca-cert-file", ""))
                    .isEqualTo("OK");
        }
        try (RespClient c = certs.connect(tlsPort, "redis")) {
            assertThat(c.call("PING")).isEqualTo("PONG");
        }
        assertThatThrownBy(() -> certs.connect(tlsPort, "rogue").call("PING")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void configSetMovesTheTlsListenerAndRefusesAPortInUse() {
        int moved = dev.syncer.engine.testing.RealRedis.freePort();
        try (RespClient admin = shard.raw()) {
            assertThat(admin.call("CONFIG", "SET", "tls-port", Integer.toString(moved))).isEqualTo("OK");
            try (RespClient c = certs.connect(moved, "redis")) {
                assertThat(c.call("PING")).isEqualTo("PONG");
            }
            assertThatThrownBy(() -> certs.connect(tlsPort, "redis")).isInstanceOf(UncheckedIOException.class);
            Object busy = admin.call("CONFIG", "SET", "port", Integer.toString(moved));
            assertThat(busy).isInstanceOf(RespClient.Error.class);
            assertThat(((RespClient.Error) busy).message()).contains("Unable to listen");
        }
        try (RespClient plain = shard.raw()) {
            assertThat(plain.call("PING")).isEqualTo("PONG"); // the plain port stayed where it was
        }
    }

    @Test
    void tlsSettingsThatDoNotLoadAreRefusedAndThePreviousOnesStay() {
        String cert = certs.file("redis.crt").toString();
        try (RespClient admin = shard.raw()) {
            Object reply = admin.call("CONFIG", "SET", "tls-cert-file", certs.file("missing.crt").toString());
            assertThat(reply).isInstanceOf(RespClient.Error.class);
            assertThat(((RespClient.Error) reply).message()).contains("Unable to update TLS configuration");
            assertThat(new String((byte[]) ((java.util.List<?>) admin.call("CONFIG", "GET", "tls-cert-file")).get(1)))
                    .isEqualTo(cert);
            assertThat(admin.call("CONFIG", "SET", "tls-protocols", "TLSv1.3 tlsv1.2")).isEqualTo("OK");
            assertThat(admin.call("CONFIG", "SET", "tls-protocols", "SSLv3")).isInstanceOf(RespClient.Error.class);
        }
        try (RespClient c = certs.connect(tlsPort, "redis")) {
            assertThat(c.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void theClientsSuiteOrderWinsUnlessTlsPreferServerCiphers() throws java.io.IOException {
        String aes128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        String aes256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
        try (RespClient admin = shard.raw()) {
            assertThat(admin.call("CONFIG", "SET", "tls-protocols", "TLSv1.2",
                    "tls-ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384")).isEqualTo("OK");
            assertThat(negotiated(aes256, aes128)).as("OpenSSL's default: the client's preference").isEqualTo(aes256);
            assertThat(admin.call("CONFIG", "SET", "tls-prefer-server-ciphers", "yes")).isEqualTo("OK");
            assertThat(negotiated(aes256, aes128)).isEqualTo(aes128);
        }
    }

    /** The suite a TLS 1.2 handshake offering {@code suites} in this order settles on. */
    private String negotiated(String... suites) throws java.io.IOException {
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ((io.netty.handler.ssl.JdkSslContext) certs.client("redis"))
                .context().getSocketFactory().createSocket("127.0.0.1", tlsPort);
        try (s) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setEnabledCipherSuites(suites);
            s.startHandshake();
            return s.getSession().getCipherSuite();
        }
    }
}
