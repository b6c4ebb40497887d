package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.Shard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * Redis's latency.c: events ("command", "fast-command", the cron's "expire-cycle") that took at least
 * latency-monitor-threshold milliseconds, one sample per second per event (the worst), the last
 * 160 kept; and LATENCY LATEST | HISTORY | RESET | DOCTOR | HISTOGRAM | HELP.
 */
final class LatencyMonitor {

    static final String THRESHOLD = "latency-monitor-threshold";
    private static final int HISTORY = 160;

    private record Sample(long unixSeconds, long millis) {
    }

    private static final class Series {
        final ArrayDeque<Sample> samples = new ArrayDeque<>();
        long max;
    }

    private final Shard shard;
    private final Map<String, Series> events = new LinkedHashMap<>();

    private volatile long threshold; // latency-monitor-threshold, kept by a watch: read on every call

    LatencyMonitor(Shard shard) {
        this.shard = shard;
        shard.config().watch(THRESHOLD, v -> threshold = Long.parseLong(v));
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("latency", -2, 0, 0, 0, LatencyMonitor::command, ADMIN, STALE));
    }

    /** latencyAddSampleIfNeeded for a call that took {@code micros}. */
    void called(CommandSpec spec, long micros) {
        sampleIfNeeded(spec.has(CommandFlag.FAST) ? "fast-command" : "command", micros / 1000);
    }

    /** latencyAddSampleIfNeeded: an event that took at least latency-monitor-threshold ms is recorded. */
    void sampleIfNeeded(String event, long millis) {
        if (threshold > 0 && millis >= threshold) {
            add(event, millis);
        }
    }

    /** latencyAddSample: within the same second the worst sample stands. */
    void add(String event, long millis) {
        Series s = events.computeIfAbsent(event, k -> new Series());
        long now = shard.clock().millis() / 1000;
        Sample last = s.samples.peekLast();
        if (last != null && last.unixSeconds() == now) {
            s.samples.pollLast();
            millis = Math.max(millis, last.millis());
        }
        s.samples.addLast(new Sample(now, millis));
        while (s.samples.size() > HISTORY) {
            s.samples.pollFirst();
        }
        s.max = Math.max(s.max, millis);
    }

    // Format: LATENCY LATEST | HISTORY event | RESET [event ...] | DOCTOR | GRAPH event | HISTOGRAM [command ...] | HELP
    private static void command(CommandContext ctx) {
        LatencyMonitor m = ctx.dispatcher().commandStats().latency();
        Args a = ctx.args();
        Reply r = ctx.reply();
        String sub = a.option(1);
        switch (sub) {
            case "LATEST" -> {
                arity(a, 2, 2, "latest");
                r.arrayHeader(m.events.size());
                m.events.forEach((name, s) -> {
                    Sample last = s.samples.peekLast();
                    r.arrayHeader(4);
                    r.bulk(name);
                    r.integer(last.unixSeconds());
                    r.integer(last.millis());
                    r.integer(s.max);
                });
            }
            case "HISTORY" -> {
                arity(a, 3, 3, "history");
                Series s = m.events.get(a.string(2));
                r.arrayHeader(s == null ? 0 : s.samples.size());
                if (s != null) {
                    for (Sample sample : s.samples) {
                        r.arrayHeader(2);
                        r.integer(sample.unixSeconds());
                        r.integer(sample.millis());
                    }
                }
            }
            case "RESET" -> {
                int reset = 0;
                if (a.count() == 2) {
                    reset = m.events.size();
                    m.events.clear();
                } else {
                    for (int i = 2; i < a.count(); i++) {
                        reset += m.events.remove(a.string(i)) == null ? 0 : 1;
                    }
                }
                r.integer(reset);
            }
            case "DOCTOR" -> {
                arity(a, 2, 2, "doctor");
                r.verbatim(m.doctor());
            }
            case "HISTOGRAM" -> histogram(ctx);
            case "HELP" -> {
                arity(a, 2, 2, "help");
                String[] help = {"LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "DOCTOR", "    Return a human readable latency analysis report.",
                    "HISTORY <event>", "    Return time-latency samples for the <event> class.",
                    "LATEST", "    Return the latest latency samples for all events.",
                    "RESET [<event> ...]", "    Reset latency data of one or more <event> classes.",
                    "HISTOGRAM [COMMAND ...]", "    Return a cumulative distribution of latencies in the format of a histogram.",
                    "HELP", "    Print this help."};
                r.arrayHeader(help.length);
                for (String line : help) {
                    r.simple(line);
                }
            }
            default -> throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + a.string(1) + "'. Try LATENCY HELP.");
        }
    }

    private static void arity(Args a, int min, int max, String sub) {
        if (a.count() < min || a.count() > max) {
            throw new CommandError("ERR wrong number of arguments for 'latency|" + sub + "' command");
        }
    }

    private String doctor() {
        if (events.isEmpty()) {
            return "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sleep tonight.\n";
        }
        StringBuilder out = new StringBuilder("Dave, I have observed latency spikes in this Redis instance.\n\n");
        int i = 1;
        for (Map.Entry<String, Series> e : events.entrySet()) {
            long sum = 0;
            for (Sample s : e.getValue().samples) {
                sum += s.millis();
            }
            out.append(i++).append(". ").append(e.getKey()).append(": ").append(e.getValue().samples.size())
                    .append(" latency spikes (average ").append(sum / e.getValue().samples.size())
                    .append("ms, worst all time ").append(e.getValue().max).append("ms).\n");
        }
        return out.toString();
    }

    /** LATENCY HISTOGRAM: per command with calls, its count and cumulative power-of-two buckets. */
    private static void histogram(CommandContext ctx) {
        Map<String, CommandStats.Entry> all = ctx.dispatcher().commandStats().commands();
        List<String> names = new ArrayList<>();
        Args a = ctx.args();
        for (Map.Entry<String, CommandStats.Entry> e : all.entrySet()) {
            if (e.getValue().sampled() == 0) {
                continue;
            }
            boolean wanted = a.count() == 2;
            for (int i = 2; i < a.count() && !wanted; i++) {
                String asked = a.string(i).toLowerCase(Locale.ROOT);
                wanted = e.getKey().equals(asked) || e.getKey().startsWith(asked + "|");
            }
            if (wanted) {
                names.add(e.getKey());
            }
        }
        Reply r = ctx.reply();
        r.mapHeader(names.size());
        for (String name : names) {
            CommandStats.Entry e = all.get(name);
            r.bulk(name);
            r.mapHeader(2);
            r.bulk("calls");
            r.integer(e.calls);
            r.bulk("histogram_usec");
            int buckets = 0;
            for (long n : e.histogram) {
                buckets += n > 0 ? 1 : 0;
            }
            r.mapHeader(buckets); // empty buckets are left out; counts are cumulative
            long cumulative = 0;
            for (int i = 0; i < e.histogram.length; i++) {
                if (e.histogram[i] > 0) {
                    cumulative += e.histogram[i];
                    r.integer(1L << i);
                    r.integer(cumulative);
                }
            }
        }
    }
}
