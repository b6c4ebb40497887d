package dev.syncer.engine.lab;

/**
 * What a proxy currently does to the traffic it carries: pass it, cut it (drop connections and
 * refuse new ones), delay every chunk, or throttle it to a rate.
 */
public record LinkFault(boolean cut, long delayMillis, long bytesPerSecond) {

    public static final LinkFault NONE = new LinkFault(false, 0, 0);

    /** Loopback lab links only: a delay is capped so a forgotten fault cannot stall a link for long. */
    public static final long MAX_DELAY_MILLIS = 10_000;

    public LinkFault {
        if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException("delay must be within 0.." + MAX_DELAY_MILLIS + " ms");
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("throttle must be positive");
        }
    }

    public static LinkFault cutLink() {
        return new LinkFault(true, 0, 0);
    }

    public static LinkFault delay(long millis) {
        return new LinkFault(false, millis, 0);
    }

    public static LinkFault throttle(long bytesPerSecond) {
        return new LinkFault(false, 0, bytesPerSecond);
    }

    public boolean healthy() {
        return !cut && delayMillis == 0 && bytesPerSecond == 0;
    }

    public String describe() {
        if (cut) {
            return "cut";
        }
        if (healthy()) {
            return "ok";
        }
        StringBuilder s = new StringBuilder();
        if (delayMillis > 0) {
            s.append("delay ").append(delayMillis).append(" ms");
        }
        if (bytesPerSecond > 0) {
            s.append(s.isEmpty() ? "" : ", ").append("throttle ").append(bytesPerSecond).append(" B/s");
        }
        return s.toString();
    }
}
