package dev.syncer.app.redis;

import dev.syncer.views.model.Format;

/**
 * What resizing a backlog buys: how long a replica may stay away and still resume with a partial
 * sync — the backlog's size over the rate the replication stream grows (a full backlog keeps the
 * last {@code repl-backlog-size} bytes, so a replica that missed more must take a full sync).
 */
final class BacklogRunway {

    private BacklogRunway() {
    }

    /** Seconds of writes {@code size} bytes hold at {@code bytesPerSecond}; infinite when nothing is written. */
    static double seconds(long size, double bytesPerSecond) {
        return bytesPerSecond <= 0 ? Double.POSITIVE_INFINITY : size / bytesPerSecond;
    }

    /** "runway at 12.0 KB/s of writes: 1 min 25 s → 14 min 10 s", or the sizes alone when idle. */
    static String bought(long oldSize, long newSize, double bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            return "runway " + Format.bytes(oldSize) + " → " + Format.bytes(newSize)
                    + " of writes (no writes now: unbounded at this rate)";
        }
        return "runway at " + Format.bytes(Math.round(bytesPerSecond)) + "/s of writes: "
                + Format.seconds(seconds(oldSize, bytesPerSecond)) + " → " + Format.seconds(seconds(newSize, bytesPerSecond));
    }
}
