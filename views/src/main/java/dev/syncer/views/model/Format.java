package dev.syncer.views.model;

import java.time.Duration;
import java.util.Locale;

/** How the console writes numbers, ids and durations: one place so every view says it the same way. */
public final class Format {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Format() {
    }

    /** The first six hex digits of a replid and an ellipsis, as operators quote them. */
    public static String shortReplid(String replid) {
        if (replid == null || replid.isEmpty()) {
            return "—";
        }
        if (isNoReplid(replid)) {
            return "none";
        }
        return replid.length() <= 8 ? replid : replid.substring(0, 6) + "…";
    }

    /** Whether {@code replid} is INFO's forty zeros (no history). */
    public static boolean isNoReplid(String replid) {
        return replid.chars().allMatch(c -> c == '0');
    }

    /** 1024-based byte sizes with one decimal: {@code 1.5 MB}. */
    public static String bytes(long bytes) {
        Scaled s = scaledBytes(bytes);
        return s.unit().equals("B") ? (long) s.value() + " B" : String.format(Locale.ROOT, "%.1f %s", s.value(), s.unit());
    }

    /** A byte count in the unit {@link #bytes} would write it with (1024-based): 1536 is 1.5 KB. */
    public static Scaled scaledBytes(double bytes) {
        double v = Math.abs(bytes);
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return new Scaled(Math.copySign(v, bytes), UNITS[unit]);
    }

    /** A number in a unit, for a display that draws them apart (a dashboard tile). */
    public record Scaled(double value, String unit) {
    }

    /** Offsets with thin grouping so long ones stay readable: {@code 10 234 567}. */
    public static String offset(long offset) {
        return String.format(Locale.ROOT, "%,d", offset).replace(',', '\u2009');
    }

    /** A rate such as ops/s: {@code 1.2k}, {@code 830}. */
    public static String rate(double perSecond) {
        if (perSecond >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1_000_000);
        }
        if (perSecond >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1000);
        }
        if (perSecond >= 1000) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1000);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** Short durations for lags and sync times: {@code 350 ms}, {@code 4.2 s}, {@code 3 min 10 s}. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        return s / 60 + " min " + s % 60 + " s";
    }

    /** Seconds of runway: {@code ∞} when nothing is written. */
    public static String seconds(double seconds) {
        if (Double.isInfinite(seconds) || Double.isNaN(seconds)) {
            return "∞";
        }
        return duration(Duration.ofMillis((long) (seconds * 1000)));
    }

    /**
     * A prediction's rule in an operator's words: the stand-in a promotion's future replid has
     * ({@code <new replid of shop/1>}, no PSYNC can name it yet) reads "shop/1's new replid".
     */
    public static String ruleText(String rule) {
        return rule.replaceAll("<new replid of ([^>]+)>", "$1's new replid");
    }
}
