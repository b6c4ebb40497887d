package dev.syncer.app.adapter;

import java.time.Duration;

/**
 * How long to wait before trying again after {@code failures} failed tries in a row: doubling from
 * {@code first} up to {@code cap}, so a deployment that is still starting is picked up quickly and
 * one that is down is not hammered.
 */
public record Backoff(Duration first, Duration cap) {

    /** Attaching: half a second, doubling to eight. */
    public static final Backoff ATTACH = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

    public Backoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= cap, got " + first + ", " + cap);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 → first); zero before any failure. */
    public Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long factor = 1L << Math.min(failures - 1, 30);
        long millis = first.toMillis() * factor;
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }
}
