package dev.syncer.views.model.charts;

import java.time.Duration;

/** How much history a live chart shows. */
public enum TimeWindow {
    ONE_MINUTE("1 min", Duration.ofMinutes(1)),
    FIVE_MINUTES("5 min", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15 min", Duration.ofMinutes(15));

    private final String label;
    private final Duration length;

    TimeWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    /** The longest window: how much history the series keep. */
    public static TimeWindow longest() {
        return FIFTEEN_MINUTES;
    }

    @Override
    public String toString() {
        return label;
    }
}
