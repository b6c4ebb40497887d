package dev.syncer.app;

import dev.syncer.engine.launch.ServerOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM the console relaunches itself with. */
class LauncherTest {

    @Test
    void theEmbeddedLabRunsWithTheLabJarsCollectorAndTheConsolesHeap() {
        assertThat(Launcher.jvmOptions()).containsAll(ServerOptions.labJvm()).contains(Launcher.HEAP)
                .as("one collector only").noneMatch(o -> o.equals("-XX:+UseG1GC") || o.equals("-XX:+UseSerialGC"));
    }
}
