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
        assertThat(ServerOptions.labJvm()).contains("-XX:+UseParallelGC", "-Xmn" + ServerOptions.LAB_YOUNG_MB + "m",
                        "-XX:MaxTenuringThreshold=0")
                .doesNotContain("-XX:+UseSerialGC", "-XX:MaxNewSize=64m").noneMatch(o -> o.startsWith("-XX:NewSize="))
                .doesNotContainAnyElementsOf(ServerOptions.heap().stream().filter(o -> o.startsWith("-Xms")).toList())
                .containsAll(Relauncher.quietOptions()).contains("-XX:-ShrinkHeapInSteps");
        long initial = ServerOptions.labJvm().stream().filter(o -> o.startsWith("-Xms"))
                .mapToLong(o -> Relauncher.bytes(o.substring(4))).sum();
        assertThat(initial).as("an initial heap above the young generation, which the JVM would shrink to fit")
                .isGreaterThan((long) ServerOptions.LAB_YOUNG_MB << 20);
        assertThat(Relauncher.missing(ServerOptions.labJvm(), ServerOptions.labJvm())).isEmpty();
        assertThat(ServerOptions.jvm()).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseParallelGC")
                .noneMatch(o -> o.startsWith("-XX:MaxTenuringThreshold="));
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
