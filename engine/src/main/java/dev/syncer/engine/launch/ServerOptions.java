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
        options.addAll(nativeHeap(Runtime.version().feature()));
        return options;
    }

    /**
     * The lab's JVM options ({@code syncer-lab.jar}, the lag benchmark): the shard's, with another
     * collector and young generation. Every shard, replica, proxy and syncer of the lab shares one
     * heap, and each write is applied in six keyspaces and relayed by proxies and syncers: the
     * default lab allocates about 10 KB per write, 100 MB/s at 10,000 writes/s. The serial
     * collector sizes its young generation only at a full collection, which a lab whose heap grows
     * with its data never has: it ran with the 16 MB it started with. Here the young generation is
     * fixed at {@link #LAB_YOUNG_MB} and collected by the parallel collector with two threads, the
     * machine's two cores.
     *
     * <p>What survives a young collection is promoted at once ({@code MaxTenuringThreshold=0}): it
     * is nearly all data the lab keeps (the keys, elements and CRDT states written since the last
     * collection, six times over) or streams it is behind on, not garbage that would die in a
     * survivor space; aging it there copied it twice, and the survivor spaces overflowed at every
     * collection. The young generation is small because a young pause is the copying of what
     * survives, proportional to the eden it collects, and the pauses are the tail of the
     * Active-Active lag: at 24 MB they are a third as long and three times as many, for no more
     * collector CPU. Measured with {@code CrossClusterLagBench} at 10,000 writes/s asked (GC log,
     * runs alternated, load average 17-45, the lab reaching 1,000-4,600 writes/s, so only what
     * the load does not move counts): bytes copied per MB of eden collected 0.34-0.43 with the
     * former {@code -Xmn128m} and aging (5 runs) against 0.22-0.24 promoting at once (7 runs, 24
     * to 128 MB); collector CPU per MB of eden (the allocation per write is the same 10-11 KB)
     * 2.9 ms pooled (1.9-3.3) against 2.6 at 24 MB (2.5-2.7, 3 runs); collector CPU per pause,
     * median, 160-220 ms against 50-60 at 24 MB (80-100 at 48 MB, 250-260 at 128 MB: a quiet
     * machine's pause is about half of it, two threads). 16 MB against 24 on a quiet machine (the lag
     * benchmark at 1,000, 5,000 then 10,000 writes/s, alternated, two runs each): p99 at 10,000
     * 21.6-23.3 ms against 28.6-31.6, 65-66 collections of ~21 ms against 42-44 of ~28, the same
     * RSS peak (578-581 MB against 584-586). The standalone shard keeps {@link #jvm()}: its
     * footprint and throughput were measured with those options.
     */
    public static List<String> labJvm() {
        List<String> options = new ArrayList<>(jvm());
        options.removeIf(o -> o.equals("-XX:+UseSerialGC") || o.startsWith("-XX:NewSize=") || o.startsWith("-XX:MaxNewSize=")
                || o.startsWith("-Xms"));
        options.add("-XX:+UseParallelGC");
        options.add("-XX:ParallelGCThreads=2");
        options.add("-Xmn" + LAB_YOUNG_MB + "m");
        options.add("-XX:MaxTenuringThreshold=0");
        // an initial heap below the young generation makes the JVM shrink the young one to fit (and warn)
        options.add("-Xms" + (LAB_YOUNG_MB + 32) + "m");
        return options;
    }

    /** The lab's young generation in MB (see {@link #labJvm()}). */
    static final int LAB_YOUNG_MB = 16;

    /**
     * The C heap given back as redis-server's jemalloc does (within seconds): glibc keeps what the
     * JIT, the class loader and the collector freed in its arenas until asked to trim them, and
     * the JVM asks every interval (a product option from JDK 22 on). Measured on the shard jar
     * after a benchmark, 100k collections and 1M strings (load average 20): idle after FLUSHALL
     * 98 MB against 129, with the collector's option of {@link #heap()}; empty after start 74
     * against 78. Fewer malloc arenas (MALLOC_ARENA_MAX=2) gave nothing more once trimmed (99),
     * and again when measured in the launched shard's environment (three runs alternated, load
     * average 17-26): 100k collections 151 MB against 146, 1M strings 140 against 142, idle after
     * FLUSHALL 86 against 89, CPU per SET the same, all within the runs' spread: not set.
     */
    static List<String> nativeHeap(int feature) {
        return feature >= 22 ? List.of("-XX:TrimNativeHeapInterval=2000") : List.of();
    }

    /**
     * The heap's sizing. It starts small (the default initial heap, 1/64 of the machine's memory, is
     * committed up front) and the JVM grows it as data arrives. The young generation starts at 12 MB
     * and may grow to 64 MB with the old one (the size that keeps young collections rare under load);
     * a fixed -Xmn64m kept all of it resident once touched, and after a full collection it follows
     * the old generation down again. Its eden is touched before the first PONG and stays resident
     * (the serial collector resizes it only at a full collection). Not taken: 8 MB and -Xms12m, 5 MB
     * less empty and 11 MB less idle after FLUSHALL (69 and 71 MB against 74 and 82), but twice the
     * young collections at 1.25x the collector CPU, and SET -P16 lower in all three alternating
     * rounds (102-143k against 178-263k ops/s, load average 17-20); 4 MB took 1.5x the CPU. 12 MB
     * against 16 (with -Xms16m against 20m, so the old generation still starts at 4 MB), nine runs
     * each alternated, load average 17-53: RSS after 1M SET -P16 88.6 MB against 92.0 (medians;
     * 84.3-90.5 against 87.7-94.1), idle after FLUSHALL 86.4 against 87.7, 100k collections and 1M
     * strings the same (144.8 against 145.6, 140.1 against 140.5); 20 young collections per 1M SETs
     * against 17, the collector's CPU 0.04 µs a request against 0.03 (of 2.5), three runs. After a
     * full collection the heap keeps at most a fifth of itself free, given back all at once (not in
     * steps over four collections, the JVM's default for programs that collect between phases).
     * The collection compacts everything:
     * by default the serial collector leaves up to 5 % of the old generation as dead objects in
     * place (compacting fully every fourth time), and after a FLUSHALL of a 300 MB heap those 15 MB
     * of dead objects kept 34 MB committed instead of 22.
     *
     * <p>The old generation starts at 4 MB (the initial heap less the young generation), about what
     * an emptied shard keeps live (3.6 MB): the serial collector never shrinks a generation below
     * its initial size, whatever {@code -XX:MinHeapSize} says, so with 8 MB an idle shard kept 8 MB
     * of old generation committed and resident after FLUSHALL's collection. It grows as data is
     * promoted. Measured on the shard jar as launched, with its AOT cache (SET/GET -P16 500k, four
     * families 100k, 1M small strings, FLUSHALL, 5 s; runs alternated, load average 24-37): idle
     * after FLUSHALL 84.6-87.0 MB against 88.9-92.4 (six runs each), empty after start the same
     * (71.5-76.5 against 70.2-75.1); server CPU per request unchanged (SET/GET 2.2 against 2.6 µs,
     * LPUSH/SADD 2.2 against 2.2, three repetitions).
     */
    static List<String> heap() {
        return List.of("-Xms16m", "-XX:NewSize=12m", "-XX:MaxNewSize=64m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=20", "-XX:-ShrinkHeapInSteps", "-XX:MarkSweepDeadRatio=0");
    }

    /**
     * Netty's leak detector samples buffers and records where they were touched: a development aid
     * that costs every request. Netty's buffer allocator (the adaptive one, Netty 4.2's default)
     * in its low-memory mode takes chunks of at most 2 MB instead of 8 and keeps fewer of them:
     * after a client pipelined 100k collections (redis-cli --pipe) a shard kept 11.7 MB of direct
     * memory, 1.5 MB in that mode; the event loop keeps its own magazines, as by default (the
     * mode would otherwise share them between threads). Netty's flight-recorder events (its
     * allocators' chunk telemetry, which nothing here records) register a listener at start that
     * brings up the recorder's metadata: without them an empty shard loads 172 classes fewer (3300
     * against 3472, no AOT cache) and its heap holds 0.3 MB less, RSS 68 MB against 71. Each left
     * as the user set it when they did.
     */
    public static void applyNettyDefaults() {
        setIfUnset("io.netty.leakDetection.level", "disabled");
        setIfUnset("io.netty.allocator.lowMemory", "true");
        setIfUnset("io.netty.allocator.disableThreadLocalMagazinesOnLowMemory", "false");
        setIfUnset("io.netty.jfr.enabled", "false");
    }

    private static void setIfUnset(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
