package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** pauseClients' bookkeeping: a purpose's pause only grows stricter and longer; it ends at its time or by unpause. */
class ClientPauseTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ClientPause pause = new ClientPause(now::get, null, Runnable::run);

    @Test
    void aSecondPauseKeepsTheStricterTypeAndTheLaterEnd() {
        pause.pause(ClientPause.Purpose.CLIENT_COMMAND, 1_500, ClientPause.Type.ALL);
        pause.pause(ClientPause.Purpose.CLIENT_COMMAND, 2_000, ClientPause.Type.WRITE);

        assertThat(pause.paused()).isTrue();
        assertThat(pause.type()).isEqualTo(ClientPause.Type.ALL);
        now.set(1_900);
        assertThat(pause.paused()).as("ALL until the later end").isTrue();
        assertThat(pause.type()).isEqualTo(ClientPause.Type.ALL);
        now.set(2_001);
        assertThat(pause.paused()).isFalse();
        assertThat(pause.type()).isEqualTo(ClientPause.Type.OFF);
    }

    @Test
    void unpauseEndsItAndAZeroTimeoutPausesNothing() {
        pause.pause(ClientPause.Purpose.CLIENT_COMMAND, Long.MAX_VALUE, ClientPause.Type.WRITE);
        assertThat(pause.paused()).isTrue();
        pause.unpause(ClientPause.Purpose.CLIENT_COMMAND);
        assertThat(pause.paused()).isFalse();

        pause.pause(ClientPause.Purpose.CLIENT_COMMAND, 0, ClientPause.Type.ALL);
        assertThat(pause.paused()).isFalse();
        assertThat(pause.parkedCount()).isZero();
    }
}
