package dev.syncer.engine.launch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RelauncherTest {

    @Test
    void anOptionAlreadyGivenWithAnotherValueIsNotAddedAgain() {
        assertThat(Relauncher.missing(List.of("-Xmx2g", "-XX:-UseSerialGC", "--enable-native-access=M"),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"))).isEmpty();
    }

    @Test
    void aCollectorTheUserChoseIsKeptAndNoSecondOneIsAdded() {
        assertThat(Relauncher.missing(List.of("-XX:+UseG1GC"), List.of("-XX:+UseSerialGC", "-Xmn64m")))
                .containsExactly("-Xmn64m");
    }

    @Test
    void aYoungGenerationOrHeapTheUserSizedIsTheirs() {
        List<String> wanted = List.of("-Xms24m", "-XX:NewSize=16m", "-XX:MaxNewSize=64m", "-XX:MaxHeapFreeRatio=20");
        assertThat(Relauncher.missing(List.of("-Xmn128m"), wanted)).containsExactly("-Xms24m", "-XX:MaxHeapFreeRatio=20");
        assertThat(Relauncher.missing(List.of("-Xmx16m"), wanted))
                .as("no initial size above their maximum").containsExactly("-XX:NewSize=16m", "-XX:MaxNewSize=64m", "-XX:MaxHeapFreeRatio=20");
        assertThat(Relauncher.missing(List.of("-Xmx256m"), wanted)).as("else the heap starts, and stays, at their maximum")
                .contains("-Xms24m");
        assertThat(Relauncher.missing(List.of("-XX:MaxHeapSize=16777216"), wanted)).doesNotContain("-Xms24m");
        assertThat(Relauncher.missing(List.of("-Xmx1g", "-Xms512m"), wanted)).as("their initial size too").doesNotContain("-Xms24m");
    }

    @Test
    void sizesAreReadAsTheJvmReadsThem() {
        assertThat(Relauncher.bytes("24m")).isEqualTo(24L << 20);
        assertThat(Relauncher.bytes("1G")).isEqualTo(1L << 30);
        assertThat(Relauncher.bytes("268435456")).isEqualTo(268435456L);
        assertThat(Relauncher.bytes("lots")).isEqualTo(-1);
    }

    @Test
    void missingOptionsAreAddedAfterTheUsersOwnAndBeforeTheMainClass() {
        List<String> wanted = List.of("-Xmx384m", "--enable-native-access=ALL-UNNAMED");
        List<String> missing = Relauncher.missing(List.of("-Dx=1"), wanted);
        assertThat(missing).isEqualTo(wanted);
        assertThat(Relauncher.command("java", List.of("-Dx=1"), missing, Relauncher.EXEC, "app.jar", "a.Main", new String[]{"--lab", "f"}))
                .containsExactly("java", "-Dx=1", "-Xmx384m", "--enable-native-access=ALL-UNNAMED",
                        "-Dsyncer.relaunched=exec", "-cp", "app.jar", "a.Main", "--lab", "f");
    }

    @Test
    void unsafeMemoryAccessIsAskedForOnlyWhereTheJdkKnowsTheOption() {
        assertThat(Relauncher.quietOptions().contains("--sun-misc-unsafe-memory-access=allow"))
                .isEqualTo(Runtime.version().feature() >= 23);
    }
}
