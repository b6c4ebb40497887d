package dev.syncer.engine.launch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerOptionsTest {

    @Test
    void serversRunWithTheSerialCollectorAndTheQuietOptions() {
        assertThat(ServerOptions.jvm()).contains("-XX:+UseSerialGC", "-XX:MaxNewSize=64m", "-XX:-ShrinkHeapInSteps")
                .containsAll(Relauncher.quietOptions());
    }

    @Test
    void compactHeadersAreAskedForOnlyWhereTheyAreAProductOption() {
        assertThat(ServerOptions.jvm().contains("-XX:+UseCompactObjectHeaders"))
                .isEqualTo(Runtime.version().feature() >= 25);
    }
}
