package dev.syncer.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line of syncer-console.jar. */
class LaunchOptionsTest {

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
