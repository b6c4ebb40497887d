package dev.syncer.engine.bench;

import dev.syncer.engine.Shards;
import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: measures our shard against redis-server 7.0 on the same data, in one run.
 * <ol>
 *   <li>SAVE of N keys with 100-byte values (blocking save, wall time seen by the client);</li>
 *   <li>start-up load of the same dump (ours: Shards.create with the dump in its dir; Redis: its
 *   own "DB loaded from disk" log line);</li>
 *   <li>latency of SETs from concurrent clients while a BGSAVE of the N keys runs (p50/p99/max),
 *   next to the same measurement without a BGSAVE.</li>
 * </ol>
 * Run with {@code engine/bench/rdb-bench.sh [keys]} (default 1000000).
 */
public final class RdbBench {

    private static final int VALUE_BYTES = 100;
    private static final int RUNS = 5;
    private static final int LATENCY_CLIENTS = 4;

    private RdbBench() {
    }

    /** The logger whose "DB loaded from disk: X seconds" line times our load, as Redis's own line times its. */
    private static final class StartupLoadLog {
        static final String NAME = "dev.syncer.engine.persistence.StartupLoad";
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("child-")) {
            runChild(args[0], Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("rdb-bench");
        Path ours = Files.createDirectories(work.resolve("ours"));
        Path theirs = Files.createDirectories(work.resolve("redis"));
        System.out.printf("RDB benchmark: %,d keys, %d-byte values, %d runs each (work dir %s)%n", keys, VALUE_BYTES, RUNS, work);
        System.out.println("Each of our measurements runs in a fresh JVM, as a shard process would.");

        Process server = serverChild(ours, keys);
        try {
            int port = Integer.parseInt(new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()))
                    .lines().filter(l -> l.startsWith("ready ")).findFirst().orElseThrow().substring(6));
            try (RespClient c = RespClient.connect(port)) {
                expect(c.call("SAVE"), "OK"); // the dump both servers load
                System.out.printf("dump: %,d bytes%n", Files.size(ours.resolve("dump.rdb")));
                Files.copy(ours.resolve("dump.rdb"), theirs.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);

                // runs alternate between the two servers so that both meet the same machine load
                long[] ourSave = new long[RUNS];
                long[] redisSave = new long[RUNS];
                try (RealRedis redis = RealRedis.start(theirs, "--dbfilename", "dump.rdb"); RespClient r = redis.raw()) {
                    for (int i = 0; i < RUNS; i++) {
                        ourSave[i] = timed(() -> expect(c.call("SAVE"), "OK"));
                        redisSave[i] = timed(() -> expect(r.call("SAVE"), "OK"));
                    }
                }
                long[] ourLoad = new long[RUNS];
                long[] ourCreate = new long[RUNS];
                long[] redisLoad = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    List<String> out = child("child-load", ours, keys);
                    ourLoad[i] = loadedNanos(String.join("\n", out), 0);
                    ourCreate[i] = numbers(out, "create")[0];
                    try (RealRedis redis = RealRedis.start(theirs, "--dbfilename", "dump.rdb")) {
                        redisLoad[i] = loadedNanos(redis.log(), i + 1);
                    }
                }
                System.out.println();
                row("SAVE", ourSave, redisSave);
                row("start-up load", ourLoad, redisLoad);
                System.out.printf("   (load as both log it, \"DB loaded from disk\"; our whole Shards.create in a cold JVM,"
                        + " Netty start included: %s s)%n", seconds(ourCreate));
            }
            System.out.println();
            System.out.printf("SET latency, %d clients, %,d keys:%n", LATENCY_CLIENTS, keys);
            System.out.println(latency("ours, no BGSAVE", port, false));
            System.out.println(latency("ours, during BGSAVE", port, true));
        } finally {
            server.getOutputStream().close();
            server.waitFor();
        }
        try (RealRedis redis = RealRedis.start(theirs, "--dbfilename", "dump.rdb")) {
            System.out.println(latency("redis, no BGSAVE", redis.port(), false));
            System.out.println(latency("redis, during BGSAVE", redis.port(), true));
        }
    }

    /** Runs one measurement in a fresh JVM with the same classpath; returns its output lines. */
    private static List<String> child(String mode, Path dir, int keys) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xms3g", "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log." + StartupLoadLog.NAME + "=info",
                "-cp", System.getProperty("java.class.path"), RdbBench.class.getName(), mode, dir.toString(),
                Integer.toString(keys));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(mode + " failed: " + String.join("\n", lines));
        }
        return lines;
    }

    /** Our shard alone in a JVM (as a shard process), filled, serving until its stdin closes. */
    private static Process serverChild(Path dir, int keys) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xms3g", "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), RdbBench.class.getName(), "child-serve", dir.toString(),
                Integer.toString(keys)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long[] numbers(List<String> lines, String tag) {
        return lines.stream().filter(l -> l.startsWith(tag + " ")).mapToLong(l -> Long.parseLong(l.substring(tag.length() + 1)))
                .toArray();
    }

    /**
     * child-load: one start-up load. child-serve: fill, then serve the parent's SAVEs and latency
     * clients until stdin closes.
     */
    private static void runChild(String mode, Path dir, int keys) throws Exception {
        if (mode.equals("child-load")) {
            long[] t = new long[1];
            Shard loaded = timedShard(dir, t);
            expectKeys(loaded, keys);
            System.out.println("create " + t[0]);
            loaded.crash();
            return;
        }
        Shard shard = shard(dir);
        fill(shard, keys);
        System.out.println("ready " + shard.port());
        System.out.flush();
        System.in.readAllBytes();
        shard.crash();
    }

    private static Shard shard(Path dir) throws InterruptedException {
        Shard s = Shards.create(config(dir));
        s.start();
        return s;
    }

    private static Config config(Path dir) {
        Config config = Shards.config();
        config.setInitial("port", "0");
        config.setInitial("dir", dir.toString());
        config.setInitial("save", "");
        return config;
    }

    private static Shard timedShard(Path dir, long[] nanos) {
        Config config = config(dir);
        long start = System.nanoTime();
        Shard s = Shards.create(config);
        nanos[0] = System.nanoTime() - start;
        return s;
    }

    private static void expectKeys(Shard s, int keys) {
        long n = s.call(() -> s.keyspace().size());
        if (n != keys) {
            throw new IllegalStateException("loaded " + n + " keys, expected " + keys);
        }
    }

    /** key:0000000 .. with 100 random alphanumeric bytes each, the same for every run. */
    private static void fill(Shard shard, int keys) {
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".getBytes();
        Random r = new Random(42);
        int batch = 100_000;
        for (int from = 0; from < keys; from += batch) {
            int start = from;
            int end = Math.min(keys, from + batch);
            List<byte[]> values = new ArrayList<>();
            for (int i = start; i < end; i++) {
                byte[] v = new byte[VALUE_BYTES];
                for (int k = 0; k < v.length; k++) {
                    v[k] = alphabet[r.nextInt(alphabet.length)];
                }
                values.add(v);
            }
            shard.call(() -> {
                Database db = shard.keyspace().db(0);
                for (int i = start; i < end; i++) {
                    db.put(Key.of(String.format("key:%07d", i)), new StringValue(values.get(i - start)));
                }
                return null;
            });
        }
    }

    private static final Pattern LOADED = Pattern.compile("DB loaded from disk: ([0-9.]+) seconds");

    /** The n-th (0-based) "DB loaded from disk" time in a redis log that accumulates restarts. */
    private static long loadedNanos(String log, int n) {
        Matcher m = LOADED.matcher(log);
        List<Double> seconds = new ArrayList<>();
        while (m.find()) {
            seconds.add(Double.parseDouble(m.group(1)));
        }
        if (seconds.size() <= n) {
            throw new IllegalStateException("redis did not report loading: " + log);
        }
        return (long) (seconds.get(n) * 1e9);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    private static void expect(Object reply, String expected) {
        if (!expected.equals(reply)) {
            throw new IllegalStateException("expected " + expected + ", got " + reply);
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void row(String what, long[] ours, long[] redis) {
        double o = median(ours) / 1e9;
        double r = median(redis) / 1e9;
        System.out.printf("%-14s ours %.3f s   redis %.3f s   ratio %.2fx   (ours %s, redis %s)%n", what, o, r, o / r,
                seconds(ours), seconds(redis));
    }

    private static String seconds(long[] v) {
        StringBuilder b = new StringBuilder();
        for (long x : v) {
            b.append(b.isEmpty() ? "" : " ").append(String.format("%.3f", x / 1e9));
        }
        return b.toString();
    }

    /** SETs from several clients for the length of a BGSAVE (or 2 s without); p50/p99/max in ms. */
    private static String latency(String label, int port, boolean bgsave) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> samples = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < LATENCY_CLIENTS; t++) {
            long[] lat = new long[2_000_000];
            int[] n = new int[1];
            samples.add(lat);
            counts.add(n);
            int seed = t;
            Thread th = new Thread(() -> {
                Random r = new Random(seed);
                String value = "v".repeat(VALUE_BYTES);
                try (RespClient c = RespClient.connect(port)) {
                    while (!stop.get() && n[0] < lat.length) {
                        String key = String.format("key:%07d", r.nextInt(1_200_000));
                        long s = System.nanoTime();
                        c.call("SET", key, value);
                        lat[n[0]++] = System.nanoTime() - s;
                    }
                }
            });
            th.start();
            clients.add(th);
        }
        long start = System.nanoTime();
        try (RespClient control = RespClient.connect(port)) {
            if (bgsave) {
                expect(control.call("BGSAVE"), "Background saving started");
                while (!"0".equals(control.info("persistence").get("rdb_bgsave_in_progress"))) {
                    Thread.onSpinWait();
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000_000L);
            }
        }
        long window = System.nanoTime() - start;
        stop.set(true);
        for (Thread th : clients) {
            th.join();
        }
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < samples.size(); t++) {
            System.arraycopy(samples.get(t), 0, all, at, counts.get(t)[0]);
            at += counts.get(t)[0];
        }
        Arrays.sort(all);
        return String.format("  %-22s %,9d SETs in %.2f s   p50 %.3f ms   p99 %.3f ms   max %.3f ms", label, total,
                window / 1e9, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6, all[total - 1] / 1e6);
    }
}
