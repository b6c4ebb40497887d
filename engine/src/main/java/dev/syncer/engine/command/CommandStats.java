package dev.syncer.engine.command;

import dev.syncer.engine.server.InfoSection;
import dev.syncer.engine.server.Shard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-command and per-error counters, as Redis 7.0 keeps them for INFO commandstats, errorstats
 * and latencystats and LATENCY HISTOGRAM: calls, time, rejected and failed calls by command (a
 * container command's subcommands apart, "client|id"), replies by error code, and a latency
 * histogram per command in power-of-two microsecond buckets.
 */
final class CommandStats {

    static final String TRACKING = "latency-tracking";
    static final String PERCENTILES = "latency-tracking-info-percentiles";

    static final class Entry {
        long calls;
        long micros;
        long rejected;
        long failed;
        final long[] histogram = new long[64]; // bucket i holds latencies in (2^(i-1), 2^i] us

        long sampled() {
            long n = 0;
            for (long c : histogram) {
                n += c;
            }
            return n;
        }

        /** The bucket bound under which {@code percentile} % of the sampled calls fall. */
        long valueAt(double percentile) {
            long total = sampled();
            long wanted = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
            long seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen >= wanted) {
                    return 1L << i;
                }
            }
            return 0;
        }
    }

    private final Shard shard;
    private final Map<String, Entry> commands = new HashMap<>(); // sorted when shown
    private String lastName; // the entry the previous call counted under: pipelines repeat a command
    private Entry lastEntry;
    private final SpecMemo<Boolean> container = new SpecMemo<>(spec -> isContainer(spec.name()));
    private final Map<String, Long> errors = new TreeMap<>();
    private final LatencyMonitor latency;

    private volatile boolean tracking; // latency-tracking, kept by a watch: read after every command

    CommandStats(Shard shard) {
        this.shard = shard;
        this.latency = new LatencyMonitor(shard);
        shard.sampleLatencyWith(latency::sampleIfNeeded);
        shard.config().watch(TRACKING, v -> tracking = "yes".equals(v));
        shard.addInfoSection(InfoSection.of("Commandstats", false, this::writeCommands));
        shard.addInfoSection(InfoSection.of("Errorstats", true, out -> errors.forEach(
                (code, n) -> out.field("errorstat_" + code, "count=" + n))));
        shard.addInfoSection(InfoSection.of("Latencystats", false, this::writeLatencies));
    }

    /** Space-separated percentiles between 0 and 100, printed without trailing zeros. */
    static String percentiles(String value) {
        List<String> out = new ArrayList<>();
        for (String word : value.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            double p;
            try {
                p = Double.parseDouble(word);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid latency-tracking-info-percentiles parameters");
            }
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("Invalid latency-tracking-info-percentiles parameters");
            }
            out.add(plain(p));
        }
        return String.join(" ", out);
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * The name statistics are kept under: "set", or "client|id" for a container's subcommand
     * (whether a command is one is remembered for the last command asked).
     */
    String nameOf(CommandSpec spec, byte[][] argv) {
        if (argv.length > 1 && container.of(spec)) {
            return spec.name() + "|" + new String(argv[1], java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        }
        return spec.name();
    }

    /** Commands whose statistics are kept per subcommand (a switch: no probing per call). */
    private static boolean isContainer(String name) {
        return switch (name) {
            case "client", "config", "command", "object", "memory", "acl", "slowlog", "latency", "script", "function",
                 "xinfo", "xgroup", "pubsub", "cluster", "module" -> true;
            default -> false;
        };
    }

    private Entry entry(CommandSpec spec, byte[][] argv) {
        String name = nameOf(spec, argv);
        if (name == lastName) {
            return lastEntry; // the same spec's name (a container's is built per call and looked up)
        }
        Entry e = commands.computeIfAbsent(name, k -> new Entry());
        lastName = name;
        lastEntry = e;
        return e;
    }

    /** The latency monitor, which samples the same calls. */
    LatencyMonitor latency() {
        return latency;
    }

    /** A call ran (failed: it answered an error). */
    void called(CommandSpec spec, byte[][] argv, long micros, boolean failed) {
        latency.called(spec, micros);
        Entry e = entry(spec, argv);
        e.calls++;
        e.micros += micros;
        if (failed) {
            e.failed++;
        }
        if (tracking) {
            e.histogram[Math.min(63, 64 - Long.numberOfLeadingZeros(Math.max(1, micros)))]++;
        }
    }

    /** A blocked call ended by an error (CLIENT UNBLOCK ERROR): Redis counts it failed when unblocked. */
    void failedWhileBlocked(CommandSpec spec, byte[][] argv) {
        entry(spec, argv).failed++;
    }

    /** A call refused before it ran (arity, auth, OOM ...); null spec: an unknown command. */
    void rejected(CommandSpec spec, byte[][] argv) {
        if (spec != null) {
            entry(spec, argv).rejected++;
        }
    }

    /** An error reply: counted by its code, the first word ("ERR", "WRONGTYPE"). */
    void error(String message) {
        int space = message.indexOf(' ');
        String code = space < 0 ? message : message.substring(0, space);
        errors.merge(code, 1L, Long::sum);
    }

    /** CONFIG RESETSTAT. */
    void reset() {
        commands.clear();
        lastName = null;
        lastEntry = null;
        errors.clear();
    }

    /** The entries by name, sorted (a copy). */
    Map<String, Entry> commands() {
        return new TreeMap<>(commands);
    }

    private void writeCommands(InfoSection.InfoWriter out) {
        commands().forEach((name, e) -> {
            if (e.calls + e.rejected + e.failed > 0) {
                out.field("cmdstat_" + name, "calls=" + e.calls + ",usec=" + e.micros + ",usec_per_call="
                        + String.format(Locale.ROOT, "%.2f", e.calls == 0 ? 0.0 : (double) e.micros / e.calls)
                        + ",rejected_calls=" + e.rejected + ",failed_calls=" + e.failed);
            }
        });
    }

    private void writeLatencies(InfoSection.InfoWriter out) {
        String[] ps = shard.config().get(PERCENTILES).split(" ");
        commands().forEach((name, e) -> {
            if (e.sampled() == 0 || ps[0].isEmpty()) {
                return;
            }
            List<String> parts = new ArrayList<>();
            for (String p : ps) {
                parts.add("p" + p + "=" + String.format(Locale.ROOT, "%.3f", (double) e.valueAt(Double.parseDouble(p))));
            }
            out.field("latency_percentiles_usec_" + name, String.join(",", parts));
        });
    }
}
