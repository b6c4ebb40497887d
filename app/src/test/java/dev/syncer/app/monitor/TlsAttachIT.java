package dev.syncer.app.monitor;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.attach.Discovery;
import dev.syncer.app.print.PrintCommand;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deployment that speaks only TLS and wants client certificates (redis-server's default
 * {@code tls-auth-clients yes}): the console attaches with the CA and a client certificate, as
 * {@code redis-cli --tls --cacert --cert --key} would, and finds the replica on its TLS port.
 * Without a certificate, or with one the servers' CA did not sign, it is refused with a message.
 */
class TlsAttachIT {

    private final TestCertificates certs = TestCertificates.get();

    @Test
    void theConsoleAttachesWithItsClientCertificateAndIsRefusedWithoutOne() {
        int primaryTls = RealRedis.freePort();
        try (RealRedis primary = RealRedis.start(tlsOnly(primaryTls))) {
            int replicaTls = RealRedis.freePort();
            List<String> replicaOptions = new ArrayList<>(List.of(tlsOnly(replicaTls)));
            replicaOptions.addAll(List.of("--tls-replication", "yes", "--replicaof", "127.0.0.1", Integer.toString(primaryTls)));
            try (RealRedis replica = RealRedis.start(replicaOptions.toArray(String[]::new))) {
                ReplicationWaits.awaitLinkUp(replica.port());

                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int code = PrintCommand.run(List.of("--attach", "127.0.0.1:" + primaryTls,
                        "--tls-ca", certs.file("ca.crt").toString(), "--tls-cert", certs.file("redis.crt").toString(),
                        "--tls-key", certs.file("redis.key").toString(), "--print"), new PrintStream(out, true), System.err);

                assertThat(code).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8))
                        .contains("\"endpoint\":\"127.0.0.1:" + primaryTls + "\"", "\"role\":\"primary\"")
                        .contains("\"endpoint\":\"127.0.0.1:" + replicaTls + "\"", "\"role\":\"replica\"");

                try (ProbePool probes = new ProbePool()) {
                    Target noCertificate = new Target("127.0.0.1", primaryTls, null, null,
                            TlsSettings.checkedBy(certs.file("ca.crt")));
                    assertThatThrownBy(() -> Discovery.at(noCertificate, probes)).hasMessageContaining("127.0.0.1");
                    Target rogue = new Target("127.0.0.1", primaryTls, null, null, new TlsSettings(true,
                            certs.file("ca.crt"), certs.file("rogue.crt"), certs.file("rogue.key")));
                    assertThatThrownBy(() -> Discovery.at(rogue, probes)).hasMessageContaining("127.0.0.1");
                    Target wrongCa = new Target("127.0.0.1", primaryTls, null, null, new TlsSettings(true,
                            certs.file("rogue-ca.crt"), certs.file("redis.crt"), certs.file("redis.key")));
                    assertThatThrownBy(() -> Discovery.at(wrongCa, probes)).as("a server its CA did not sign")
                            .hasMessageContaining("127.0.0.1");
                }
            }
        }
    }

    /** redis-server with TLS on {@code tlsPort}; its plain port stays for the test's own waits. */
    private String[] tlsOnly(int tlsPort) {
        return certs.redisServerOptions(tlsPort).toArray(String[]::new);
    }
}
