package dev.syncer.engine.syncer;

/**
 * The forwarded commands waiting for the local primary's reply, oldest first: for each, the
 * stream offset just past it and its delta's timestamp. Two longs in a growing ring instead of a
 * callback object per forwarded command. Confined to the syncer's loop.
 */
final class InFlight {

    private long[] ends = new long[64];
    private long[] timestamps = new long[64];
    private int head; // index of the oldest
    private int size;

    int size() {
        return size;
    }

    void add(long end, long timestamp) {
        if (size == ends.length) {
            grow();
        }
        int i = (head + size) & (ends.length - 1);
        ends[i] = end;
        timestamps[i] = timestamp;
        size++;
    }

    /** The oldest's stream offset; requires size() &gt; 0. */
    long oldestEnd() {
        return ends[head];
    }

    /** The oldest's timestamp; requires size() &gt; 0. */
    long oldestTimestamp() {
        return timestamps[head];
    }

    void removeOldest() {
        head = (head + 1) & (ends.length - 1);
        size--;
    }

    private void grow() {
        long[] e = new long[ends.length * 2];
        long[] t = new long[ends.length * 2];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (ends.length - 1);
            e[k] = ends[i];
            t[k] = timestamps[i];
        }
        ends = e;
        timestamps = t;
        head = 0;
    }
}
