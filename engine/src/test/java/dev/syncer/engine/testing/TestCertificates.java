package dev.syncer.engine.testing;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Certificates for TLS tests, made with openssl at test time in a temporary directory (never
 * committed): a test CA, a certificate it signed for servers and clients alike ("redis", as in
 * Redis's own test certificates), and a "rogue" CA with a client certificate of its own, which
 * nothing trusts. Made once per test JVM.
 */
public final class TestCertificates {

    private static TestCertificates made;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The certificates, made on first use; skips the test where openssl is not installed. */
    public static synchronized TestCertificates get() {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/openssl"))).as("openssl is installed").isTrue();
        if (made == null) {
            try {
                Path dir = Files.createTempDirectory("tls-certs");
                authority(dir, "ca", "Syncer Test CA");
                signed(dir, "redis", "ca", "Generic-cert");
                authority(dir, "rogue-ca", "Rogue CA");
                signed(dir, "rogue", "rogue-ca", "Rogue client");
                made = new TestCertificates(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return made;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** A shard's settings for TLS with these certificates (pairs for TestShard.start or Config). */
    public List<String> shardSettings() {
        return List.of("tls-cert-file", file("redis.crt").toString(), "tls-key-file", file("redis.key").toString(),
                "tls-ca-cert-file", file("ca.crt").toString());
    }

    /** redis-server's options for TLS on {@code tlsPort} with these certificates. */
    public List<String> redisServerOptions(int tlsPort) {
        return List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", file("redis.crt").toString(),
                "--tls-key-file", file("redis.key").toString(), "--tls-ca-cert-file", file("ca.crt").toString());
    }

    /** A Netty client context presenting {@code name}'s certificate ("redis", "rogue", or null for none). */
    public SslContext client(String name) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm(null).trustManager(file("ca.crt").toFile());
            if (name != null) {
                b.keyManager(file(name + ".crt").toFile(), file(name + ".key").toFile());
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A blocking TLS connection to {@code port} presenting {@code name}'s certificate (or none),
     * handshake done; a handshake the server refuses throws.
     */
    public RespClient connect(int port, String name) {
        try {
            SSLSocket s = (SSLSocket) ((JdkSslContext) client(name)).context().getSocketFactory().createSocket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.startHandshake();
            return RespClient.over(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void authority(Path dir, String name, String cn) throws IOException {
        key(dir, name);
        openssl(dir, "req", "-x509", "-new", "-nodes", "-sha256", "-key", name + ".key", "-days", "3650",
                "-subj", "/O=Syncer Test/CN=" + cn, "-out", name + ".crt");
    }

    private static void signed(Path dir, String name, String ca, String cn) throws IOException {
        key(dir, name);
        openssl(dir, "req", "-new", "-sha256", "-subj", "/O=Syncer Test/CN=" + cn, "-key", name + ".key", "-out", name + ".csr");
        openssl(dir, "x509", "-req", "-sha256", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "30", "-out", name + ".crt");
    }

    /**
     * A self-signed RSA certificate and key ({@code name}.crt, {@code name}.key in dir), for what
     * needs RSA key exchange (the static-RSA suites), where the EC certificates above cannot serve.
     */
    public static void selfSignedRsa(Path dir, String name) throws IOException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/openssl"))).as("openssl is installed").isTrue();
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj",
                "/O=Syncer Test/CN=RSA server", "-keyout", name + ".key", "-out", name + ".crt");
    }

    /** An EC P-256 key in PKCS#8 PEM: quick to make, unlike RSA on a busy machine. */
    private static void key(Path dir, String name) throws IOException {
        openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: "
                        + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
