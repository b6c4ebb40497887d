package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.EncodingLimits;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.StreamNode;
import dev.syncer.engine.server.Config;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The encoding settings of Redis 7.0 with their defaults, validation and old {@code ziplist}
 * names: hash, sorted-set and set thresholds (honoured by {@link EncodingTracker} and OBJECT
 * ENCODING), and the list and stream node settings (lists are always quicklists in 7.0: their
 * node size, list-max-listpack-size, cuts the nodes DUMP, the RDB writer and DEBUG OBJECT show).
 */
public final class EncodingSettings {

    private static final String[][] ALIASES = {
        {"hash-max-ziplist-entries", "hash-max-listpack-entries"},
        {"hash-max-ziplist-value", "hash-max-listpack-value"},
        {"zset-max-ziplist-entries", "zset-max-listpack-entries"},
        {"zset-max-ziplist-value", "zset-max-listpack-value"},
        {"list-max-ziplist-size", "list-max-listpack-size"},
    };

    private EncodingSettings() {
    }

    /** Adds the settings to a configuration (done once, by whoever assembles the shard's settings). */
    public static void define(Config c) {
        c.define("hash-max-listpack-entries", "512", EncodingSettings::size, true);
        c.define("hash-max-listpack-value", "64", EncodingSettings::memory, true);
        c.define("set-max-intset-entries", "512", EncodingSettings::size, true);
        c.define("zset-max-listpack-entries", "128", EncodingSettings::size, true);
        c.define("zset-max-listpack-value", "64", EncodingSettings::memory, true);
        c.define("list-max-listpack-size", "-2", v -> bounded(v, Integer.MIN_VALUE, Integer.MAX_VALUE), true);
        c.define("list-compress-depth", "0", v -> bounded(v, 0, Integer.MAX_VALUE), true);
        c.define("stream-node-max-bytes", "4096", EncodingSettings::memory, true);
        c.define("stream-node-max-entries", "100", EncodingSettings::size, true);
        for (String[] alias : ALIASES) {
            c.alias(alias[0], alias[1]);
        }
    }

    /** The current thresholds; Redis's defaults where the configuration lacks the settings. */
    static EncodingLimits limits(Config c) {
        if (!c.has("hash-max-listpack-entries")) {
            return EncodingLimits.DEFAULTS;
        }
        return new EncodingLimits(c.getLong("hash-max-listpack-entries"), c.getLong("hash-max-listpack-value"),
                c.getLong("set-max-intset-entries"), c.getLong("zset-max-listpack-entries"),
                c.getLong("zset-max-listpack-value"));
    }

    /** stream-node-max-bytes, or its default where the configuration lacks it. */
    static long streamNodeMaxBytes(Config c) {
        return c.has("stream-node-max-bytes") ? c.getLong("stream-node-max-bytes") : StreamNode.MAX_BYTES;
    }

    /** stream-node-max-entries, or its default where the configuration lacks it. */
    static long streamNodeMaxEntries(Config c) {
        return c.has("stream-node-max-entries") ? c.getLong("stream-node-max-entries") : StreamNode.MAX_ENTRIES;
    }

    /** The names whose change alters {@link #limits}. */
    static String[] limitNames() {
        return new String[] {"hash-max-listpack-entries", "hash-max-listpack-value", "set-max-intset-entries",
            "zset-max-listpack-entries", "zset-max-listpack-value"};
    }

    /** A size_t setting: a strict integer (string2ll) from 0 to LLONG_MAX. */
    static String size(String v) {
        return bounded(v, 0, Long.MAX_VALUE);
    }

    /** A numeric setting as Redis's numericConfig: strict integer text, then its bounds. */
    static String bounded(String v, long min, long max) {
        Long n = Numbers.parseLong(v.getBytes(StandardCharsets.ISO_8859_1));
        if (n == null) {
            throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        }
        return Long.toString(n);
    }

    /** A memory setting (memtoull: digits and an optional b/k/kb/m/mb/g/gb unit, never a sign), in bytes. */
    static String memory(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || !Character.isDigit(lower.charAt(0)) || lower.contains("-")) {
            throw new IllegalArgumentException("argument must be a memory value");
        }
        return Config.memory(lower);
    }
}
