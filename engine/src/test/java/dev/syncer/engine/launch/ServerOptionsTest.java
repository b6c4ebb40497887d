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
    void theLabHasItsOwnCollectorAndAFixedYoungGenerationTheShardKeepsItsOptions() {
        assertThat(ServerOptions.labJvm()).contains("-XX:+UseParallelGC", "-Xmn" + ServerOptions.LAB_YOUNG)
                .doesNotContain("-XX:+UseSerialGC", "-XX:NewSize=16m", "-XX:MaxNewSize=64m")
                .containsAll(Relauncher.quietOptions()).contains("-Xms24m", "-XX:-ShrinkHeapInSteps");
        assertThat(Relauncher.missing(ServerOptions.labJvm(), ServerOptions.labJvm())).isEmpty();
        assertThat(ServerOptions.jvm()).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseParallelGC");
    }

    @Test
    void compactHeadersAreAskedForOnlyWhereTheyAreAProductOption() {
        assertThat(ServerOptions.jvm().contains("-XX:+UseCompactObjectHeaders"))
                .isEqualTo(Runtime.version().feature() >= 25);
    }

    @Test
    void theCHeapIsTrimmedWhereTheJvmHasAProductOptionForIt() {
        assertThat(ServerOptions.nativeHeap(21)).as("experimental on JDK 21").isEmpty();
        assertThat(ServerOptions.nativeHeap(22)).singleElement().asString().startsWith("-XX:TrimNativeHeapInterval=");
    }

    @Test
    void nettysFlightRecorderEventsAreOffUnlessTheUserSaidOtherwise() {
        String key = "io.netty.jfr.enabled";
        String before = System.getProperty(key);
        System.clearProperty(key);
        try {
            ServerOptions.applyNettyDefaults();
            assertThat(System.getProperty(key)).isEqualTo("false");
        } finally {
            restore(key, before);
        }
    }

    @Test
    void nettyDefaultsLeaveWhatTheUserSet() {
        String key = "io.netty.allocator.lowMemory";
        String before = System.getProperty(key);
        System.setProperty(key, "false");
        try {
            ServerOptions.applyNettyDefaults();
            assertThat(System.getProperty(key)).isEqualTo("false");
            System.clearProperty(key);
            ServerOptions.applyNettyDefaults();
            assertThat(System.getProperty(key)).isEqualTo("true");
        } finally {
            restore(key, before);
        }
    }

    private static void restore(String key, String before) {
        if (before == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, before);
        }
    }
}
