package dev.syncer.app;

import org.junit.jupiter.api.Test;

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
        assertThat(o.attach().tls()).isTrue();
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
}
