package dev.syncer.engine.server;


import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code client-output-buffer-limit}'s limits for one client class: disconnect at once above
 * {@code hard} bytes, or after staying above {@code soft} bytes for {@code softSeconds}. Zero
 * disables a limit. The parameter holds all three classes, as Redis shows it:
 * {@code "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"}.
 */
public record OutputBufferLimit(long hard, long soft, long softSeconds) {

    public static final String DEFAULT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

    private static final Map<String, OutputBufferLimit> PARSED = new ConcurrentHashMap<>();

    /** The replica class's limits out of the whole parameter value. */
    public static OutputBufferLimit replicaClass(String value) {
        return ofClass(value, "slave");
    }

    /**
     * One class's limits (normal, slave, pubsub) out of the whole, normalised, parameter value.
     * Remembered per value: a client's limit is checked at every flush, the value rarely changes.
     */
    public static OutputBufferLimit ofClass(String value, String cls) {
        String key = cls + ' ' + value;
        OutputBufferLimit known = PARSED.get(key);
        if (known != null) {
            return known;
        }
        if (PARSED.size() > 64) { // CONFIG SET after CONFIG SET: keep the memo small
            PARSED.clear();
        }
        OutputBufferLimit parsed = parse(value, cls);
        PARSED.put(key, parsed);
        return parsed;
    }

    private static OutputBufferLimit parse(String value, String cls) {
        String[] p = value.trim().split("\\s+");
        for (int i = 0; i + 3 < p.length; i += 4) {
            if (p[i].equals(cls)) {
                return new OutputBufferLimit(Long.parseLong(p[i + 1]), Long.parseLong(p[i + 2]), Long.parseLong(p[i + 3]));
            }
        }
        return new OutputBufferLimit(0, 0, 0);
    }

    /**
     * checkClientOutputBufferLimits: given the bytes waiting for a client and since when (ms, 0 for
     * never) they have been above the soft limit, the new "above soft since" time (0 when below),
     * or -1 when the client must be closed: above the hard limit, or above the soft one for longer
     * than its seconds.
     */
    public long check(long used, long overSoftSinceMs, long nowMs) {
        if (hard > 0 && used >= hard) {
            return -1;
        }
        if (soft == 0 || used < soft) {
            return 0;
        }
        if (overSoftSinceMs == 0) {
            return nowMs;
        }
        return (nowMs - overSoftSinceMs) / 1000 > softSeconds ? -1 : overSoftSinceMs;
    }

    /**
     * Validates "class hard soft seconds [class ...]" (class: normal, replica/slave, pubsub; sizes
     * may say 256mb) and fills in the classes not given with their defaults.
     */
    public static String normalise(String value) {
        String[] p = value.trim().split("\\s+");
        if (p.length % 4 != 0) {
            throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
        }
        Map<String, String> classes = new LinkedHashMap<>();
        String[] d = DEFAULT.split(" ");
        for (int i = 0; i < d.length; i += 4) {
            classes.put(d[i], d[i + 1] + " " + d[i + 2] + " " + d[i + 3]);
        }
        for (int i = 0; i < p.length; i += 4) {
            String cls = p[i].toLowerCase(Locale.ROOT);
            if (cls.equals("replica")) {
                cls = "slave";
            }
            if (!classes.containsKey(cls)) {
                throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
            }
            long hard = Config.parseMemory(p[i + 1]);
            long soft = Config.parseMemory(p[i + 2]);
            long secs;
            try {
                secs = Long.parseLong(p[i + 3]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Error in soft_seconds setting in buffer limit configuration.");
            }
            classes.put(cls, hard + " " + soft + " " + secs);
        }
        StringBuilder out = new StringBuilder();
        classes.forEach((k, v) -> out.append(out.isEmpty() ? "" : " ").append(k).append(' ').append(v));
        return out.toString();
    }
}
