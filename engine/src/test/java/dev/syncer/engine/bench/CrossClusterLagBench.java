package dev.syncer.engine.bench;

import dev.syncer.engine.lab.Lab;
import dev.syncer.engine.lab.Topology;
import dev.syncer.engine.lab.WriteLoad;
import dev.syncer.engine.launch.Relauncher;
import dev.syncer.engine.launch.ServerOptions;
import dev.syncer.engine.testing.RespClient;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: the lag of an Active-Active write from one cluster to its visibility in the others,
 * under a sustained write load. Starts the default lab ({@link Topology#defaultLab()}:
 * east, west, north; {@code shop} active-active with one replica each) in this JVM on loopback,
 * then for each rate runs {@link WriteLoad}s (all types) spread over every cluster's proxy
 * ({@code -Dlag.load=source}: all at east's) for a bounded time while a
 * marker writer sends {@code SET lagmark:<n> <System.nanoTime()>} to east at a fixed small rate; one
 * observer per other cluster polls its proxy for the oldest marker not yet seen (markers arrive in
 * order: one source, one syncer stream) and records now − send time. Prints p50/p99/max per rate and
 * target, the process's CPU time per acknowledged write (what the lab spends per write, steadier than
 * the lag on a shared machine), the bytes the lab's proxies relayed per write, the heap bytes the
 * process allocated per write and the collections (the garbage is what pauses every shard at once),
 * and the highest rate whose p99 stays below 100 ms at every target; at the end the process's RSS.
 * The JVM runs as the lab's launcher runs it ({@link ServerOptions#labJvm()}: Netty's leak detector
 * off, the lab's collector and heap), re-executing itself once with those options.
 *
 * <p>Run with {@code engine/bench/lag-bench.sh [seconds-per-rate] [rate...]}.
 */
public final class CrossClusterLagBench {

    private static final String DB = "shop";
    private static final String SOURCE = "east";
    private static final int MARKERS_PER_SECOND = 100;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long DRAIN_MILLIS = 20_000;
    private static final double P99_BOUND_MS = 100;
    private static final boolean SPREAD = !"source".equals(System.getProperty("lag.load"));

    private CrossClusterLagBench() {
    }

    /** One target cluster's samples at one rate. */
    private record Result(int rate, double achieved, double cpuMicrosPerWrite, double relayedPerWrite, long errors,
                          String target, long[] lagNanos, int lost, double allocatedPerWrite, long collections, long collectionMillis) {
        double percentileMs(double p) {
            if (lagNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100 * lagNanos.length) - 1;
            return lagNanos[Math.max(0, Math.min(lagNanos.length - 1, i))] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        ServerOptions.applyNettyDefaults();
        Relauncher.relaunchIfNeeded(CrossClusterLagBench.class, args, ServerOptions.labJvm());
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] rates = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 5_000, 10_000, 20_000, 40_000};
        try (Lab lab = new Lab(Topology.defaultLab(), null).start()) {
            List<String> targets = lab.instancesOf(DB).stream().map(i -> i.cluster()).filter(c -> !c.equals(SOURCE)).toList();
            System.out.printf("lab: %s; load at %s, markers at %s, observed at %s; %d s per rate, %d markers/s%n",
                    lab.clusters(), SPREAD ? "every cluster" : SOURCE, SOURCE, targets, seconds, MARKERS_PER_SECOND);
            measure(lab, targets, 1_000, 3, "warm-up:"); // JIT and connections, not reported
            List<Result> all = new ArrayList<>();
            for (int rate : rates) {
                all.addAll(measure(lab, targets, rate, seconds, null));
            }
            System.out.printf("%nrate(w/s)  achieved(w/s)  cpu(us/w)  relay(B/w)  alloc(KB/w)  gcs  gc(ms)  errors  target  markers  lost"
                    + "   p50(ms)   p99(ms)   max(ms)%n");
            for (Result r : all) {
                System.out.printf("%9d  %13.0f  %9.0f  %10.0f  %11.1f  %3d  %6d  %6d  %-6s  %7d  %4d  %8.1f  %8.1f  %8.1f%n", r.rate(),
                        r.achieved(), r.cpuMicrosPerWrite(), r.relayedPerWrite(), r.allocatedPerWrite() / 1024, r.collections(),
                        r.collectionMillis(), r.errors(), r.target(), r.lagNanos().length, r.lost(), r.percentileMs(50),
                        r.percentileMs(99), r.percentileMs(100));
            }
            int best = 0;
            for (int rate : rates) {
                boolean ok = all.stream().filter(r -> r.rate() == rate)
                        .allMatch(r -> r.lost() == 0 && r.percentileMs(99) < P99_BOUND_MS);
                if (ok) {
                    best = Math.max(best, rate);
                }
            }
            System.out.printf("highest rate with p99 < %.0f ms at every target: %s%n", P99_BOUND_MS,
                    best == 0 ? "none of the rates tried" : best + " writes/s");
            System.out.printf("process memory (lab, load, observers): %s; collector: %s%n", memory(), collections());
        }
    }

    /** One rate: load + markers for {@code seconds}, then waits for the markers to arrive. */
    private static List<Result> measure(Lab lab, List<String> targets, int rate, int seconds, String label)
            throws InterruptedException {
        int sourcePort = lab.instance(SOURCE, DB).proxy().port();
        String prefix = "lagmark:" + rate + ":" + System.nanoTime() + ":";
        int markers = seconds * MARKERS_PER_SECOND;
        long[] sentAt = new long[markers];
        Arrays.fill(sentAt, -1);
        AtomicLong sent = new AtomicLong();
        List<Observer> observers = new ArrayList<>();
        for (String t : targets) {
            observers.add(new Observer(t, lab.instance(t, DB).proxy().port(), prefix, sentAt, sent));
        }
        observers.forEach(o -> o.thread.start());
        List<WriteLoad> loads = startLoads(lab, rate);
        long ack0 = acknowledged(loads);
        long cpu0 = cpuNanos();
        long allocated0 = allocatedBytes();
        long[] gc0 = collections(ManagementFactory.getGarbageCollectorMXBeans());
        long relayed0 = relayed(lab);
        long start = System.nanoTime();
        try (RespClient marker = RespClient.connect(sourcePort)) {
            long period = TimeUnit.SECONDS.toNanos(1) / MARKERS_PER_SECOND;
            for (int n = 0; n < markers; n++) {
                LockSupport.parkNanos(start + n * period - System.nanoTime());
                long t = System.nanoTime();
                sentAt[n] = t;
                sent.set(n + 1);
                marker.call("SET", prefix + n, Long.toString(t));
            }
        }
        long writes = acknowledged(loads) - ack0;
        double cpuPerWrite = (cpuNanos() - cpu0) / 1e3 / Math.max(1, writes);
        double allocatedPerWrite = (allocatedBytes() - allocated0) / (double) Math.max(1, writes);
        long[] gc1 = collections(ManagementFactory.getGarbageCollectorMXBeans());
        double relayedPerWrite = (relayed(lab) - relayed0) / (double) Math.max(1, writes);
        double achieved = writes / ((System.nanoTime() - start) / 1e9);
        long errors = loads.stream().mapToLong(WriteLoad::errors).sum();
        loads.forEach(WriteLoad::close);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        for (Observer o : observers) {
            o.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            o.stop.set(true);
            o.thread.join();
        }
        List<Result> out = new ArrayList<>();
        for (Observer o : observers) {
            long[] lags = Arrays.copyOf(o.lags, o.seen);
            Arrays.sort(lags);
            Result r = new Result(rate, achieved, cpuPerWrite, relayedPerWrite, errors, o.cluster, lags, markers - o.seen,
                    allocatedPerWrite, gc1[0] - gc0[0], gc1[1] - gc0[1]);
            out.add(r);
            if (label == null) {
                System.out.printf("rate %d: achieved %.0f w/s (%.0f us CPU each), %s: %d markers, p50 %.1f ms, p99 %.1f ms%n",
                        rate, achieved, cpuPerWrite, o.cluster, lags.length, r.percentileMs(50), r.percentileMs(99));
            } else {
                System.out.printf("%s %s p50 %.1f ms%n", label, o.cluster, r.percentileMs(50));
            }
        }
        return out;
    }

    /**
     * The write load of one rate: spread evenly over every cluster's proxy (the default, each with
     * its own connection, as clients of an Active-Active database write where they are), or all
     * of it at the source ({@code -Dlag.load=source}).
     */
    private static List<WriteLoad> startLoads(Lab lab, int rate) {
        List<Integer> ports = SPREAD ? lab.instancesOf(DB).stream().map(i -> i.proxy().port()).toList()
                : List.of(lab.instance(SOURCE, DB).proxy().port());
        List<WriteLoad> loads = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            int share = rate / ports.size() + (i < rate % ports.size() ? 1 : 0);
            loads.add(new WriteLoad(new InetSocketAddress("127.0.0.1", ports.get(i)), "lagload" + i + ":",
                    new WriteLoad.Settings(Math.max(1, share), 10_000, 64, WriteLoad.Mix.ALL_TYPES)));
        }
        return loads;
    }

    /**
     * Bytes every proxy of the lab relayed (database proxies, replicas' and syncers' links): each
     * relayed byte is a read and a write more on the way, whatever the machine's load.
     */
    private static long relayed(Lab lab) {
        long sum = 0;
        for (var i : lab.instances()) {
            sum += i.proxy().bytesForwarded();
            for (var s : i.shards()) {
                sum += s.link() == null ? 0 : s.link().bytesForwarded();
            }
        }
        for (var e : lab.syncers()) {
            sum += e.link().bytesForwarded();
        }
        return sum;
    }

    /** The process's resident memory now and at its peak, from /proc (Linux). */
    private static String memory() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"));
            return lines.stream().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("?");
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Each collector's collections and their total time since the start, and the heap committed. */
    private static String collections() {
        StringBuilder sb = new StringBuilder();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sb.append(gc.getName()).append(' ').append(gc.getCollectionCount()).append(" in ")
                    .append(gc.getCollectionTime()).append(" ms; ");
        }
        return sb.append("heap committed ").append(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20)
                .append(" MB").toString();
    }

    /** Bytes every thread of this process allocated on the heap (the lab's garbage, the load's, the observers'). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    /** Collections of every collector and their time (ms), summed. */
    private static long[] collections(List<java.lang.management.GarbageCollectorMXBean> collectors) {
        long[] sum = new long[2];
        for (var gc : collectors) {
            sum[0] += Math.max(0, gc.getCollectionCount());
            sum[1] += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** CPU time of this whole process (lab, load and observers), every thread. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long acknowledged(List<WriteLoad> loads) {
        return loads.stream().mapToLong(WriteLoad::acknowledged).sum();
    }

    /** Polls one cluster's proxy for the oldest marker it has not seen yet. */
    private static final class Observer {
        final String cluster;
        final long[] lags;
        int seen;
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread thread;

        Observer(String cluster, int port, String prefix, long[] sentAt, AtomicLong sent) {
            this.cluster = cluster;
            this.lags = new long[sentAt.length];
            this.thread = new Thread(() -> {
                try (RespClient c = RespClient.connect(port)) {
                    while (seen < sentAt.length && !stop.get()) {
                        if (seen >= sent.get()) {
                            LockSupport.parkNanos(POLL_NANOS);
                            continue;
                        }
                        Object v = c.call("GET", prefix + seen);
                        long now = System.nanoTime();
                        if (v instanceof byte[] b && Long.parseLong(new String(b)) == sentAt[seen]) {
                            lags[seen] = now - sentAt[seen];
                            seen++;
                        } else {
                            LockSupport.parkNanos(POLL_NANOS);
                        }
                    }
                }
            }, "lag-observer " + cluster);
            this.thread.setDaemon(true);
        }
    }
}
