package dev.syncer.engine.activeactive.crdt;

/**
 * What identifies a write: the HLC timestamp it was made at and the cluster (origin) that made it.
 * Writes are totally ordered by timestamp, ties broken by the cluster id (the greater id wins).
 */
public record Tag(long ts, String origin) implements Comparable<Tag> {

    public Tag {
        if (ts <= 0) {
            throw new IllegalArgumentException("timestamp must be positive: " + ts);
        }
        if (origin.isEmpty()) {
            throw new IllegalArgumentException("empty origin");
        }
    }

    @Override
    public int compareTo(Tag o) {
        int c = Long.compare(ts, o.ts);
        return c != 0 ? c : origin.compareTo(o.origin);
    }

    public boolean after(Tag o) {
        return compareTo(o) > 0;
    }

    @Override
    public String toString() {
        return origin + "@" + ts;
    }
}
