package dev.syncer.app;

import dev.syncer.app.connect.ConnectionStore;
import dev.syncer.app.connect.SavedConnection;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.monitor.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's command line. */
class LaunchOptionsTest {

    @Test
    void noArgumentsOpenTheDefaultLabWithItsWriteLoad() {
        LaunchOptions o = LaunchOptions.parse(List.of());
        assertThat(o.attachToRedis()).isFalse();
        assertThat(o.topology()).isNull();
        assertThat(o.writeLoad()).isTrue();
    }

    @Test
    void aLabFileWithoutLoad() {
        LaunchOptions o = LaunchOptions.parse(List.of("--lab", "lab.topology", "--no-load"));
        assertThat(o.topology()).isEqualTo(Path.of("lab.topology"));
        assertThat(o.writeLoad()).isFalse();
    }

    @Test
    void theDefaultLabKeepsItsDataInTheUsersDataDirectoryAndDataNamesAnother() {
        assertThat(LaunchOptions.parse(List.of()).labData().toString()).endsWith("/syncer-console/lab");
        assertThat(LaunchOptions.parse(List.of("--lab", "f", "--data", "/srv/lab")).labData()).isEqualTo(Path.of("/srv/lab"));
        assertThat(LaunchOptions.parse(List.of("--lab", "f")).labData()).as("a lab from a file keeps nothing unless asked").isNull();
    }

    @Test
    void attachToARealRedisWithPasswordAndTls() {
        LaunchOptions o = LaunchOptions.parse(List.of("--attach", "10.0.0.5:6379", "--password", "secret", "--tls"));
        assertThat(o.attachToRedis()).isTrue();
        assertThat(o.attach().host()).isEqualTo("10.0.0.5");
        assertThat(o.attach().port()).isEqualTo(6379);
        assertThat(o.attach().password()).isEqualTo("secret");
        assertThat(o.attach().tls().enabled()).isTrue();
    }

    @Test
    void anOptionWithoutItsValueIsRefusedNamingIt() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--attach"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--attach needs a value");
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--labb", "x"))).hasMessage("unknown option --labb");
    }

    @Test
    void anAddressWithoutAPortIsRefused() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--attach", "10.0.0.5")))
                .hasMessageContaining("expected host:port");
    }

    @Test
    void printWithWatchKeepsTheSeconds() {
        LaunchOptions o = LaunchOptions.parse(List.of("--attach", "10.0.0.5:26379", "--print", "--watch", "30"));

        assertThat(o.print()).isTrue();
        assertThat(o.watchSeconds()).isEqualTo(30);
        assertThat(o.attach().id()).isEqualTo("10.0.0.5:26379");
    }

    @Test
    void printAloneIsOneDocument() {
        assertThat(LaunchOptions.parse(List.of("--lab", "x.topology", "--print")).watchSeconds()).isZero();
    }

    @Test
    void watchNeedsPrintAndAPositiveNumber() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--watch", "5"))).hasMessage("--watch goes with --print");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--print", "--watch", "soon")))
                .hasMessage("--watch needs a number of seconds, got 'soon'");
    }

    @Test
    void anAclUserAndACaFileGoWithTheAttachAndTheEnvironmentGivesThePasswordUnlessOneIsTyped() {
        ConnectionStore none = new ConnectionStore(Path.of("/nonexistent/connections.properties"));
        LaunchOptions o = LaunchOptions.parse(List.of("--attach", "10.0.0.5:6379", "--user", "ops", "--tls-ca",
                "/etc/ssl/redis-ca.pem"), none, "from-env");
        assertThat(o.attach().user()).isEqualTo("ops");
        assertThat(o.attach().password()).isEqualTo("from-env");
        assertThat(o.attach().tls().caFile()).isEqualTo(Path.of("/etc/ssl/redis-ca.pem"));
        assertThat(o.attach().tls().enabled()).as("a CA file means TLS").isTrue();
        assertThat(LaunchOptions.parse(List.of("--attach", "h:1", "--password", "typed"), none, "from-env")
                .attach().password()).isEqualTo("typed");
    }

    @Test
    void aClientCertificateGoesWithItsKeyAndMeansTls() {
        ConnectionStore none = new ConnectionStore(Path.of("/nonexistent/connections.properties"));
        TlsSettings tls = LaunchOptions.parse(List.of("--attach", "h:1", "--tls-cert", "/etc/ssl/ops.crt",
                "--tls-key", "/etc/ssl/ops.key"), none, null).attach().tls();
        assertThat(tls.enabled()).isTrue();
        assertThat(tls.certFile()).isEqualTo(Path.of("/etc/ssl/ops.crt"));
        assertThat(tls.keyFile()).isEqualTo(Path.of("/etc/ssl/ops.key"));
        assertThat(tls.checksServer()).as("no CA: the server is not checked, as redis-cli --insecure").isFalse();
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--attach", "h:1", "--tls-cert", "/etc/ssl/ops.crt"), none, null))
                .hasMessageContaining("--tls-key");
    }

    @Test
    void aSavedConnectionIsOpenedByNameWithItsSavedPasswordOrTheEnvironments(@TempDir Path dir) {
        ConnectionStore store = new ConnectionStore(dir.resolve("connections.properties"));
        store.save(new SavedConnection("orders", "10.0.0.5:26379", "sentinel", "ops", TlsSettings.OFF, null));
        store.save(new SavedConnection("cache", "10.0.0.7:7000", "cluster", null, TlsSettings.OFF, "saved"));

        assertThat(LaunchOptions.parse(List.of("--connection", "orders"), store, "from-env").attach())
                .isEqualTo(new Target("10.0.0.5", 26379, "ops", "from-env", TlsSettings.OFF));
        assertThat(LaunchOptions.parse(List.of("--connection", "cache"), store, null).attach().password()).isEqualTo("saved");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--connection", "nope"), store, null))
                .hasMessageStartingWith("no saved connection 'nope'");
    }
}
