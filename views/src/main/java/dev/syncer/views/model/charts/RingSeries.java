package dev.syncer.views.model.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-capacity ring of (time, value) samples: the oldest is overwritten when full, so memory is
 * bounded whatever the uptime. Samples arrive in time order.
 */
public final class RingSeries {

    /** A sample: {@code time} in epoch milliseconds. */
    public record Point(long time, double value) {
    }

    private final long[] times;
    private final double[] values;
    private int start;
    private int size;

    public RingSeries(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        times = new long[capacity];
        values = new double[capacity];
    }

    public int capacity() {
        return times.length;
    }

    public int size() {
        return size;
    }

    public void add(long time, double value) {
        int at = (start + size) % times.length;
        times[at] = time;
        values[at] = value;
        if (size < times.length) {
            size++;
        } else {
            start = (start + 1) % times.length;
        }
    }

    private int index(int i) {
        return (start + i) % times.length;
    }

    /** The newest sample, or null when empty. */
    public Point last() {
        return size == 0 ? null : new Point(times[index(size - 1)], values[index(size - 1)]);
    }

    /**
     * Samples at or after {@code from}, thinned to at most {@code maxPoints}: each bucket keeps its
     * extreme sample (the one furthest from the bucket's first), so spikes survive the thinning.
     */
    public List<Point> since(long from, int maxPoints) {
        int first = 0;
        while (first < size && times[index(first)] < from) {
            first++;
        }
        int n = size - first;
        List<Point> out = new ArrayList<>(Math.min(n, maxPoints));
        if (n <= maxPoints) {
            for (int i = first; i < size; i++) {
                out.add(new Point(times[index(i)], values[index(i)]));
            }
            return out;
        }
        double bucket = (double) n / maxPoints;
        for (int b = 0; b < maxPoints; b++) {
            int lo = first + (int) (b * bucket);
            int hi = Math.min(size, first + (int) ((b + 1) * bucket));
            int pick = lo;
            double base = values[index(lo)];
            for (int i = lo + 1; i < hi; i++) {
                if (Math.abs(values[index(i)] - base) > Math.abs(values[index(pick)] - base)) {
                    pick = i;
                }
            }
            out.add(new Point(times[index(pick)], values[index(pick)]));
        }
        return out;
    }
}
