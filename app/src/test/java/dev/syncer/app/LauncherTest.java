package dev.syncer.app;

import dev.syncer.engine.launch.ServerOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM the console relaunches itself with. */
class LauncherTest {

    @Test
    void theEmbeddedLabRunsWithTheLabJarsCollectorAndTheConsolesHeap() {
        assertThat(Launcher.jvmOptions()).containsAll(ServerOptions.labJvm()).contains(Launcher.HEAP)
                .as("one collector only").noneMatch(o -> o.equals("-XX:+UseG1GC") || o.equals("-XX:+UseSerialGC"));
    }

    /**
     * The app image's launcher passes its JVM options itself (no relaunch there): build-app-image.sh asks
     * the console jar for them, so that jpackage.args, which once repeated the lab's collector options
     * by hand, names none.
     */
    @Test
    void theAppImageIsGivenTheOptionsTheConsoleRelaunchesWith() throws IOException {
        assertThat(Files.readAllLines(Path.of("..", "packaging", "jpackage.args"))).noneMatch(l -> l.startsWith("--java-options"));
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Launcher.main(new String[] {Launcher.PRINT_JVM_OPTIONS});
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(Launcher.jvmOptions());
    }
}
