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
     * the same CPU per request and keeps the footprint small), a small young generation keeps
     * pauses short and the idle RSS low, compact object headers (JDK 25+) save a word per object
     * of a keyspace made of small objects.
     */
    public static List<String> jvm() {
        List<String> options = new ArrayList<>(Relauncher.quietOptions());
        options.add("-XX:+UseSerialGC");
        options.add("-Xmn64m");
        if (Runtime.version().feature() >= 25) {
            options.add("-XX:+UseCompactObjectHeaders");
        }
        return options;
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
