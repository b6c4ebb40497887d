package dev.syncer.engine.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings the shard and lab launchers run with, the ones their measurements are made with.
 * Netty's are system properties and are set in code, before any Netty class loads; the JVM's can
 * only come from the command line and reach a plain {@code java -jar} through {@link Relauncher}.
 */
public final class ServerOptions {

    private ServerOptions() {
    }

    /**
     * JVM options: one event-loop thread per shard needs no parallel collector (the serial one costs
     * the same CPU per request and keeps the footprint small); compact object headers (JDK 25+) save
     * a word per object of a keyspace made of small objects. The heap follows the data set down as
     * well as up, as redis-server's allocator does (measured on the shard jar as launched, load
     * average ~30: RSS after start 74 MB against 80 with -Xmn64m and the default initial heap; idle
     * after 1M small strings and FLUSHALL 136 MB against 503, with {@code server.HeapRelease}'s full
     * collection); see {@link #heap()}.
     */
    public static List<String> jvm() {
        List<String> options = new ArrayList<>(Relauncher.quietOptions());
        options.add("-XX:+UseSerialGC");
        options.addAll(heap());
        if (Runtime.version().feature() >= 25) {
            options.add("-XX:+UseCompactObjectHeaders");
        }
        return options;
    }

    /**
     * The heap's sizing. It starts small (the default initial heap, 1/64 of the machine's memory, is
     * committed up front) and the JVM grows it as data arrives. The young generation starts at 16 MB
     * and may grow to 64 MB with the old one (the size that keeps young collections rare under load);
     * a fixed -Xmn64m kept all of it resident once touched, and after a full collection it follows
     * the old generation down again. Smaller than 16 MB, the young collections of a benchmark ran 25
     * times as often (272 against 11) and, over a large data set, paused for longer. After a full
     * collection the heap keeps at most a fifth of itself free, given back all at once (not in
     * steps over four collections, the JVM's default for programs that collect between phases).
     */
    static List<String> heap() {
        return List.of("-Xms24m", "-XX:NewSize=16m", "-XX:MaxNewSize=64m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=20", "-XX:-ShrinkHeapInSteps");
    }

    /**
     * Netty's leak detector samples buffers and records where they were touched: a development aid
     * that costs every request. Left as the user set it when they did.
     */
    public static void applyNettyDefaults() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
    }
}
